// A connection's masking rules: JSON paths ("$.customer.phone", "$.shipping_address.*",
// "$..card.last4") marking sensitive values in that connection's payloads. Matched values are
// masked for every role (docs/adr/0009-masking-rules-and-reveal.md); only an audited reveal shows
// them. Pure: no database, no logger (invalid rules are reported through a callback).
//
// Paths are evaluated by jsonpath-plus with script evaluation switched off: a rule is data an
// admin typed, and it runs on every payload a page shows, so filter expressions ("[?(...)]") are
// refused rather than interpreted. A matched object or array keeps its keys and shape; every
// value inside it is masked.
import { JSONPath } from 'jsonpath-plus';
import { MASK } from './mask';
import { isCommand, isProviderAnswer } from './timeline-facts';

export { MASK };
export const MAX_RULES = 50;
const MAX_PATH_LENGTH = 200;

export interface InvalidRule {
  path: string;
  problem: string;
}

/** Why a path cannot be a rule, in words an admin understands; null when it can. The connection
 *  editor validates with this; the same check runs again when rules are applied. */
export function checkMaskingPath(path: string): string | null {
  if (path.trim() !== path || path.length === 0) return 'write the path without spaces around it';
  if (path.length > MAX_PATH_LENGTH) return `keep the path under ${MAX_PATH_LENGTH} characters`;
  if (!path.startsWith('$')) return 'start the path with $ (the payload), e.g. $.customer.phone';
  if (path.includes('(')) return 'filter and script expressions ( ?(…) ) are not supported';
  if (/\.{3,}|\.$|\[\]/.test(path)) return 'the path has an empty step';
  let depth = 0;
  let quote: string | null = null;
  for (const ch of path) {
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '[') depth += 1;
    else if (ch === ']') depth -= 1;
    if (depth < 0 || depth > 1) return 'the brackets of the path do not match';
  }
  if (quote) return 'a quote in the path is not closed';
  if (depth !== 0) return 'the brackets of the path do not match';
  return null;
}

/** The usable paths of a connection's stored rules (jsonb); anything else is reported, not used. */
export function compileMaskingRules(
  raw: unknown,
  onInvalid: (rule: InvalidRule) => void = () => undefined,
): string[] {
  if (!Array.isArray(raw)) {
    if (raw !== null && raw !== undefined)
      onInvalid({ path: String(JSON.stringify(raw)).slice(0, 80), problem: 'not a list of paths' });
    return [];
  }
  const paths: string[] = [];
  for (const item of raw.slice(0, MAX_RULES)) {
    const problem = typeof item === 'string' ? checkMaskingPath(item) : 'not a text path';
    if (problem) onInvalid({ path: String(item).slice(0, MAX_PATH_LENGTH), problem });
    else paths.push(item as string);
  }
  return [...new Set(paths)];
}

/**
 * A copy of `value` with every match of `paths` masked. Values that match nothing are returned
 * unchanged (the same reference). A payload that is not JSON (a raw body that did not parse) cannot
 * be matched against paths, so when there are rules it is masked whole: failing closed.
 */
export function applyMaskingRules(
  value: unknown,
  paths: readonly string[],
  onInvalid: (rule: InvalidRule) => void = () => undefined,
): unknown {
  if (paths.length === 0 || value === null || value === undefined) return value;
  if (typeof value !== 'object') return maskLeaves(value);
  let copy: unknown = structuredClone(value);
  let changed = false;
  for (const path of paths) {
    let matches: Match[];
    try {
      const json = copy as object;
      matches = JSONPath<Match[]>({ path, json, resultType: 'all', wrap: true, eval: false });
    } catch (error) {
      onInvalid({ path, problem: error instanceof Error ? error.message : String(error) });
      continue;
    }
    for (const m of matches) {
      changed = true;
      if (m.parent === null || m.parentProperty === null) copy = maskLeaves(copy);
      else {
        const parent = m.parent as Record<string | number, unknown>;
        parent[m.parentProperty] = maskLeaves(parent[m.parentProperty]);
      }
    }
  }
  return changed ? copy : value;
}

/**
 * The scalars `paths` match in `value`, as text, added to `into`: what the text masker must find
 * wherever else the transaction quotes them (a URL, a header, an error text). A payload that is not
 * JSON yields nothing here; applyMaskingRules masks it whole.
 */
export function collectRuleValues(
  value: unknown,
  paths: readonly string[],
  into: Set<string>,
  onInvalid: (rule: InvalidRule) => void = () => undefined,
): void {
  if (paths.length === 0 || value === null || typeof value !== 'object') return;
  for (const path of paths) {
    let matches: unknown[];
    try {
      matches = JSONPath<unknown[]>({
        path,
        json: value,
        resultType: 'value',
        wrap: true,
        eval: false,
      });
    } catch (error) {
      onInvalid({ path, problem: error instanceof Error ? error.message : String(error) });
      continue;
    }
    for (const m of matches) addScalars(m, into);
  }
}

function addScalars(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') into.add(value);
  else if (typeof value === 'number' || typeof value === 'bigint') into.add(String(value));
  else if (Array.isArray(value)) for (const v of value) addScalars(v, into);
  else if (value && typeof value === 'object')
    for (const v of Object.values(value)) addScalars(v, into);
}

/** What jsonpath-plus answers per match with resultType 'all' (the fields used here). */
interface Match {
  parent: unknown;
  parentProperty: string | number | null;
}

/** Every scalar inside `value` masked; keys, array lengths, nulls and empty strings kept. */
export function maskLeaves(value: unknown): unknown {
  if (value === null || value === undefined || value === '') return value;
  if (Array.isArray(value)) return value.map(maskLeaves);
  if (typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskLeaves(v)]));
  return MASK;
}

/** The paths that apply to each payload of a transaction (see ADR 0009 for why). */
export interface PayloadRules {
  /** the inbound event: the source connection's rules */
  inbound: readonly string[];
  /** the canonical command, which is also the outbound request: target's and source's rules */
  command: readonly string[];
  /** the provider's answer: the target connection's rules */
  response: readonly string[];
}

export const NO_RULES: PayloadRules = { inbound: [], command: [], response: [] };

export function payloadRules(source: readonly string[], target: readonly string[]): PayloadRules {
  return {
    inbound: source,
    command: [...new Set([...target, ...source])],
    response: target,
  };
}

/** The payloads a fact carries: a command's canonical request and the body as sent (the target's
 *  shape of the same data), a provider answer's response. */
export const COMMAND_PAYLOADS = ['request', 'requestBody'] as const;
export const ANSWER_PAYLOADS = ['response'] as const;

/** A timeline fact's data with the payloads it carries masked (COMMAND_PAYLOADS with the command's
 *  rules, ANSWER_PAYLOADS with the response's). Other facts carry no payload and are left as they are. */
export function maskFactPayloads(
  type: string,
  data: unknown,
  rules: PayloadRules,
  onInvalid?: (rule: InvalidRule) => void,
): unknown {
  const command = isCommand({ type });
  if (!command && !isProviderAnswer({ type })) return data;
  if (!data || typeof data !== 'object' || Array.isArray(data)) return data;
  const paths = command ? rules.command : rules.response;
  const record = data as Record<string, unknown>;
  const keys = (command ? COMMAND_PAYLOADS : ANSWER_PAYLOADS).filter((k) => k in record);
  if (paths.length === 0 || keys.length === 0) return data;
  const masked = { ...record };
  for (const key of keys) masked[key] = applyMaskingRules(record[key], paths, onInvalid);
  return masked;
}
