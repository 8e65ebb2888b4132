// Whether text is a UUID in its 8-4-4-4-12 hex form (either case): checked before text reaches a
// uuid column, where PostgreSQL would refuse it with an error instead of finding nothing.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(text: string): boolean {
  return UUID.test(text);
}
