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

export const isCommand = (f: { type: string }) => f.type === 'command.sent';
/** What a provider answered to a command: provider.accepted, provider.failed, ... */
export const isProviderAnswer = (f: { type: string }) => f.type.startsWith('provider.');
