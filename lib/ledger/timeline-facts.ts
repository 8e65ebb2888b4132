// Reading the loosely shaped `data` of timeline facts. Facts are written by several use cases over
// the years and never rewritten, so readers take what is there and tolerate what is not.
export interface TimelineFactLike {
  id: string;
  kind: string;
  type: string;
  data: unknown;
  occurredAt: string;
}

export function field(data: unknown, key: string): unknown {
  return data && typeof data === 'object' && !Array.isArray(data)
    ? (data as Record<string, unknown>)[key]
    : undefined;
}

export function stringField(data: unknown, key: string): string | null {
  const value = field(data, key);
  return typeof value === 'string' ? value : null;
}

export function numberField(data: unknown, key: string): number | null {
  const value = field(data, key);
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** A `{ name: value }` object of text values (headers as kept); null when absent or not one. */
export function headersField(data: unknown, key: string): Record<string, string> | null {
  const value = field(data, key);
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  return Object.fromEntries(
    Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}

export const isCommand = (f: { type: string }) => f.type === 'command.sent';
/** What a provider answered to a command: provider.accepted, provider.failed, ... */
export const isProviderAnswer = (f: { type: string }) => f.type.startsWith('provider.');
