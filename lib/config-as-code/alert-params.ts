// Alert rule parameters in the document name what they watch by key ("flow: orders-paid-to-erp",
// "connection: erp", "slaRule: <rule name>"); the database stores ids (flowId, connectionId,
// slaRuleId). This is the one translation both ways, and the check of a document's parameters
// with the evaluation's own schemas (defaults filled in, so an applied rule exports the same).
import { ALERT_PARAM_FIELDS, parseAlertParams } from '@/lib/alerts/alert-rule-input';
import type { AlertKind } from '@/lib/alerts/alert-rule-params';
import type { AlertRuleDoc } from './document';

type Params = AlertRuleDoc['params'];
export type RefKind = 'flow' | 'connection' | 'slaRule';

/** document field -> stored field */
export const ALERT_REFS: readonly { doc: RefKind; stored: string }[] = [
  { doc: 'flow', stored: 'flowId' },
  { doc: 'connection', stored: 'connectionId' },
  { doc: 'slaRule', stored: 'slaRuleId' },
];

/** Stands in for a reference while the rest of the parameters is checked. */
const PLACEHOLDER_ID = '00000000-0000-7000-8000-000000000000';

/** The references a document rule makes, for the plan's reference checks. */
export function referencesOf(params: Params): { kind: RefKind; name: string }[] {
  return ALERT_REFS.flatMap(({ doc }) => {
    const name = params[doc];
    return typeof name === 'string' ? [{ kind: doc, name }] : [];
  });
}

/**
 * Stored parameters as the document writes them. `nameOf` answers the key or name of an id, or
 * null when the row is gone (the caller decides what a dangling reference means).
 */
export function paramsToDoc(
  stored: Record<string, unknown>,
  nameOf: (kind: RefKind, id: string) => string | null,
): { params: Params; dangling: RefKind[] } {
  const params: Params = {};
  const dangling: RefKind[] = [];
  for (const [field, value] of Object.entries(stored)) {
    const ref = ALERT_REFS.find((r) => r.stored === field);
    if (!ref) params[field] = value as Params[string];
    else if (typeof value === 'string') {
      const name = nameOf(ref.doc, value);
      if (name === null) dangling.push(ref.doc);
      else params[ref.doc] = name;
    }
  }
  return { params, dangling };
}

/** Document parameters as stored, ids looked up by `idOf` (which must know every reference). */
export function paramsFromDoc(
  params: Params,
  idOf: (kind: RefKind, name: string) => string,
): Record<string, unknown> {
  const stored: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(params)) {
    const ref = ALERT_REFS.find((r) => r.doc === field);
    stored[ref ? ref.stored : field] =
      ref && typeof value === 'string' ? idOf(ref.doc, value) : value;
  }
  return stored;
}

/**
 * Checks a document rule's parameters with the kind's schema (references must be key strings, no
 * field the kind does not know) and answers them with the schema's defaults filled in, or the
 * problem in words.
 */
export function normalizeAlertParams(
  kind: AlertKind,
  params: Params,
): { ok: true; params: Params } | { ok: false; problem: string } {
  const known = ALERT_PARAM_FIELDS[kind].map(
    (f) => ALERT_REFS.find((r) => r.stored === f.key)?.doc ?? f.key,
  );
  const unknown = Object.keys(params).find((field) => !known.includes(field));
  if (unknown !== undefined)
    return {
      ok: false,
      problem: `unknown parameter "${unknown}" for ${kind} (known: ${known.join(', ')})`,
    };
  const badRef = ALERT_REFS.find(({ doc }) => doc in params && typeof params[doc] !== 'string');
  if (badRef) return { ok: false, problem: `"${badRef.doc}" must be a key or name` };
  let parsed: Record<string, unknown>;
  try {
    parsed = parseAlertParams(
      kind,
      paramsFromDoc(params, () => PLACEHOLDER_ID),
    );
  } catch (error) {
    return { ok: false, problem: error instanceof Error ? error.message : String(error) };
  }
  const back = paramsToDoc(parsed, (ref) => {
    const name = params[ref];
    return typeof name === 'string' ? name : null;
  });
  return { ok: true, params: back.params };
}
