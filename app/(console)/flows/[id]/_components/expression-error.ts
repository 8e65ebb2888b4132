import type { ExpressionError } from '@/lib/mapping/expression';

/** "Line 3, column 7: Expected "}", got "b" (S0202)" — where first, as a person looks for it. */
export function describeExpressionError(e: ExpressionError): string {
  const where = e.line !== null ? `Line ${e.line}, column ${e.column ?? 1}: ` : '';
  return `${where}${e.message}${e.code ? ` (${e.code})` : ''}`;
}
