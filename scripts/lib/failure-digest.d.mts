/** Lines naming each failed test of the report at `file` and the start of its error. */
export function failureDigest(file: string, kind: 'vitest' | 'playwright'): string[];
