export function build(): void;
export function assemble(dir: string): void;
