// Payload search terms: the values at a connection's search paths ($.line_items[*].sku,
// $.data.fulfilment.tracking_number) in one inbound object, normalised so that support finds
// "tent-2p-grn" when the storefront sent "TENT-2P-GRN". They are extracted once at ingest and kept
// on the transaction (transactions.search_terms, GIN-indexed): a search is an index probe, never
// a scan of payloads (docs/adr/0027-payload-search.md). Pure: no database.
//
// Ingest is the hot path, so the work is bounded: a few paths, a few terms, short terms. Paths
// are plain (lib/ledger/search-paths.ts) and are evaluated by jsonpath-plus with script
// evaluation off.
import { JSONPath } from 'jsonpath-plus';

/** terms kept per object: an order of 500 lines keeps its first 32 distinct SKUs */
export const MAX_TERMS = 32;
/** longer values are descriptions, not identifiers; they are not kept */
export const MAX_TERM_LENGTH = 100;

/**
 * One typed or extracted value as it is stored and searched: lone surrogates replaced and
 * control characters dropped (a NUL
 * is a valid JSON string character that PostgreSQL's text refuses: a sender's "\u0000" SKU must
 * not turn an accepted delivery into a 503), trimmed, inner whitespace collapsed, lower-cased
 * (Unicode NFKC first, so full-width digits match). Null when nothing is left or it is too long
 * to be an identifier.
 */
// eslint-disable-next-line no-control-regex -- the control characters are what is removed
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function normaliseTerm(value: string): string | null {
  const term = value
    // a lone surrogate ("\ud800" in JSON) has no UTF-8 form: PostgreSQL's jsonb refuses it
    .replace(LONE_SURROGATE, '\ufffd')
    .normalize('NFKC')
    .replace(CONTROL, '')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();
  if (!term || term.length > MAX_TERM_LENGTH) return null;
  return term;
}

/** The distinct normalised terms at `paths` in `payload` (strings and numbers only). */
export function extractSearchTerms(payload: unknown, paths: readonly string[]): string[] {
  if (paths.length === 0 || payload === null || typeof payload !== 'object') return [];
  const terms = new Set<string>();
  for (const path of paths) {
    let values: unknown[];
    try {
      values = JSONPath<unknown[]>({
        path,
        json: payload,
        resultType: 'value',
        wrap: true,
        eval: false,
      });
    } catch {
      continue; // a path that cannot run finds nothing; it never costs the delivery
    }
    for (const value of values) {
      if (typeof value !== 'string' && typeof value !== 'number') continue;
      const term = normaliseTerm(String(value));
      if (term) terms.add(term);
      if (terms.size >= MAX_TERMS) return [...terms];
    }
  }
  return [...terms];
}
