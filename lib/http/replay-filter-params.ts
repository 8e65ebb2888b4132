// The replay filter as it travels through a URL (the Replays screen's preview is addressable) and
// through the "Start replay" form's hidden fields. One parser for both, so a batch starts with
// exactly the filter that was previewed. Times travel as ISO instants: the browser turns its
// datetime-local wall time into one, so the server never guesses the user's time zone.
import { z } from 'zod';
import { ErrorClass } from '@/lib/db';
import { replayFilterSchema, type ReplayFilter } from '@/lib/engine/replay-batch';

export const FILTER_STATUSES = ['failed', 'needs_review'] as const;
export const ERROR_CLASSES = Object.values(ErrorClass);

type Raw = Record<string, string | string[] | undefined>;

const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const one = (v: unknown) => (Array.isArray(v) ? (v as unknown[])[0] : v);

const paramsSchema = z.object({
  flowId: z.preprocess((v) => blankToUndefined(one(v)), z.uuid('choose a flow').optional()),
  errorClass: z.preprocess(
    (v) => blankToUndefined(one(v)),
    z.enum(ERROR_CLASSES, 'choose an error class').optional(),
  ),
  statuses: z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? (v as unknown[]) : [v]),
    z
      .array(z.enum(FILTER_STATUSES, 'choose failed or needs review'))
      .min(1, 'choose at least one status'),
  ),
  from: z.preprocess(
    (v) => blankToUndefined(one(v)),
    z.iso.datetime('from: pick a date and time').optional(),
  ),
  to: z.preprocess(
    (v) => blankToUndefined(one(v)),
    z.iso.datetime('to: pick a date and time').optional(),
  ),
});

/** The parser as a schema, for an action's input (form fields in, the engine's filter out). */
export const replayFilterInput = paramsSchema
  .transform((params): z.input<typeof replayFilterSchema> => ({
    ...params,
    statuses: [...new Set(params.statuses)],
  }))
  .pipe(replayFilterSchema);

/** Parses URL search params or a form's fields into the engine's filter; throws a ZodError. */
export function parseReplayFilter(raw: Raw): ReplayFilter {
  return replayFilterInput.parse(raw);
}

export function safeParseReplayFilter(
  raw: Raw,
): { ok: true; filter: ReplayFilter } | { ok: false; error: string } {
  try {
    return { ok: true, filter: parseReplayFilter(raw) };
  } catch (error) {
    if (error instanceof z.ZodError)
      return { ok: false, error: error.issues[0]?.message ?? 'invalid filter' };
    throw error;
  }
}

/** The filter as name/value pairs, for hidden fields and links; the inverse of the parser. */
export function replayFilterFields(filter: ReplayFilter): [string, string][] {
  const fields: [string, string][] = [];
  if (filter.flowId) fields.push(['flowId', filter.flowId]);
  if (filter.errorClass) fields.push(['errorClass', filter.errorClass]);
  for (const s of filter.statuses) fields.push(['statuses', s]);
  if (filter.from) fields.push(['from', filter.from.toISOString()]);
  if (filter.to) fields.push(['to', filter.to.toISOString()]);
  return fields;
}
