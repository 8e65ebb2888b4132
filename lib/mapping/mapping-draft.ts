// What a new mapping version must satisfy before it is stored, field by field, so the editor can
// show each error under its own field. Pure: the caller supplies the systems (connection keys) that
// field ownership may name. JSON fields arrive as text from the editor or as values from the API.
import { checkExpression, lineAndColumn, type ExpressionError } from './expression';

/** The statuses the engine settles a provider answer to (lib/engine/dispatch.ts); anything else
 *  in a status table would silently send every such answer to review. */
export const SETTLED_STATUSES = ['completed', 'needs_review', 'failed'] as const;
export type SettledStatus = (typeof SETTLED_STATUSES)[number];

const MAX_JSON_BYTES = 64 * 1024;
const MAX_ENTRIES = 200;
const MAX_NOTE = 500;
/** canonical field paths: `total`, `shipTo.city`, `shipTo.*` */
const FIELD_PATH = /^[A-Za-z_$][\w$]*(\.([A-Za-z_$][\w$]*|\*))*$/;

export interface MappingDraftInput {
  expression: string;
  outputSchema: unknown;
  statusTable: unknown;
  fieldOwnership: unknown;
  note?: string | null;
}

export interface MappingDraft {
  expression: string;
  outputSchema: Record<string, unknown>;
  statusTable: Record<string, SettledStatus>;
  fieldOwnership: Record<string, string>;
  note: string | null;
}

export interface DraftErrors {
  expression?: ExpressionError;
  outputSchema?: string;
  statusTable?: string;
  fieldOwnership?: string;
  note?: string;
}

export type DraftCheck = { ok: true; draft: MappingDraft } | { ok: false; errors: DraftErrors };

type Field<T> = { ok: true; value: T } | { ok: false; error: string };

/** A JSON object given as text (parsed, with the line and column of a syntax error) or a value. */
export function jsonObject(value: unknown, what: string): Field<Record<string, unknown>> {
  let parsed = value;
  if (typeof value === 'string') {
    if (Buffer.byteLength(value, 'utf8') > MAX_JSON_BYTES)
      return { ok: false, error: `${what} is larger than ${MAX_JSON_BYTES / 1024} KB` };
    if (value.trim() === '') return { ok: true, value: {} };
    try {
      parsed = JSON.parse(value) as unknown;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // V8 names the offset ("... in JSON at position 8"); people want the line and column.
      const at = /at position (\d+)/.exec(message)?.[1];
      let where = '';
      if (at !== undefined) {
        const { line, column } = lineAndColumn(value, Number(at));
        where = ` at line ${line}, column ${column}`;
      }
      const reason = message.replace(/ in JSON at position \d+.*$/, '');
      return { ok: false, error: `${what} is not valid JSON${where}: ${reason}` };
    }
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    return { ok: false, error: `${what} must be a JSON object ({ ... })` };
  const record = parsed as Record<string, unknown>;
  if (Object.keys(record).length > MAX_ENTRIES)
    return { ok: false, error: `${what} has more than ${MAX_ENTRIES} entries` };
  return { ok: true, value: record };
}

export function checkStatusTable(value: unknown): Field<Record<string, SettledStatus>> {
  const object = jsonObject(value, 'The status table');
  if (!object.ok) return object;
  const entries = Object.entries(object.value);
  if (entries.length === 0)
    return {
      ok: false,
      error: 'The status table is empty: every provider answer would go to review',
    };
  const table: Record<string, SettledStatus> = {};
  for (const [providerStatus, internal] of entries) {
    if (providerStatus.trim() === '' || providerStatus.length > 100)
      return { ok: false, error: 'Provider statuses must be 1 to 100 characters' };
    if (!(SETTLED_STATUSES as readonly unknown[]).includes(internal))
      return {
        ok: false,
        error: `"${providerStatus}" maps to ${JSON.stringify(internal)}: use one of ${SETTLED_STATUSES.join(', ')}`,
      };
    table[providerStatus] = internal as SettledStatus;
  }
  if (!Object.values(table).includes('completed'))
    return {
      ok: false,
      error: 'No provider status maps to "completed": nothing could ever complete',
    };
  return { ok: true, value: table };
}

export function checkFieldOwnership(
  value: unknown,
  systems: readonly string[],
): Field<Record<string, string>> {
  const object = jsonObject(value, 'Field ownership');
  if (!object.ok) return object;
  const ownership: Record<string, string> = {};
  for (const [field, system] of Object.entries(object.value)) {
    if (!FIELD_PATH.test(field))
      return {
        ok: false,
        error: `"${field}" is not a canonical field path (like total, shipTo.city or shipTo.*)`,
      };
    if (typeof system !== 'string' || !systems.includes(system))
      return {
        ok: false,
        error: `"${field}" is owned by ${JSON.stringify(system)}: name one of the connections (${systems.join(', ') || 'none'})`,
      };
    ownership[field] = system;
  }
  return { ok: true, value: ownership };
}

/** Checks every field and reports all errors at once. */
export function checkMappingDraft(
  input: MappingDraftInput,
  systems: readonly string[],
): DraftCheck {
  const errors: DraftErrors = {};
  const expression = checkExpression(input.expression);
  if (!expression.ok) errors.expression = expression.error;
  const outputSchema = jsonObject(input.outputSchema, 'The output schema');
  if (!outputSchema.ok) errors.outputSchema = outputSchema.error;
  const statusTable = checkStatusTable(input.statusTable);
  if (!statusTable.ok) errors.statusTable = statusTable.error;
  const fieldOwnership = checkFieldOwnership(input.fieldOwnership, systems);
  if (!fieldOwnership.ok) errors.fieldOwnership = fieldOwnership.error;
  const note = input.note?.trim() ?? '';
  if (note.length > MAX_NOTE) errors.note = `Keep the note under ${MAX_NOTE} characters`;
  if (!outputSchema.ok || !statusTable.ok || !fieldOwnership.ok || Object.keys(errors).length > 0)
    return { ok: false, errors };
  return {
    ok: true,
    draft: {
      expression: input.expression,
      outputSchema: outputSchema.value,
      statusTable: statusTable.value,
      fieldOwnership: fieldOwnership.value,
      note: note === '' ? null : note,
    },
  };
}
