// What a typed search means. Support types whatever the customer reads out: an order number, a
// provider's reference from an email ("FUL-000123", "pi_3Pq…"), the customer's email, or a
// transaction id copied from a log. Each kind maps to lookups that each have their own index, so
// the search stays a handful of index probes however the query looks.
import { isUuid } from '@/lib/base/uuid';
import { normaliseTerm } from '@/lib/ledger/search-terms';

/** How a hit was found; also the order in which hits rank (most specific first). */
export const MATCH_KINDS = [
  'business_key',
  'transaction_id',
  'external_ref',
  'source_object_id',
  'customer_email',
  'payload_value',
] as const;
export type MatchedBy = (typeof MATCH_KINDS)[number];

export type QueryKind =
  'empty' | 'transaction_id' | 'customer_email' | 'business_key' | 'external_id';

export interface Lookup {
  by: MatchedBy;
  value: string;
}

export interface ClassifiedQuery {
  /** trimmed and capped: what is searched for and shown back */
  text: string;
  kind: QueryKind;
  /** index lookups to run; their hits are merged and ranked by MATCH_KINDS */
  lookups: Lookup[];
}

export const MAX_QUERY_LENGTH = 200;

const ORDER_NUMBER = /^#\s*(\S+)$/;
const DIGITS = /^\d+$/;

export function classifyQuery(raw: string): ClassifiedQuery {
  const text = raw.trim().slice(0, MAX_QUERY_LENGTH).trim();
  if (!text) return { text, kind: 'empty', lookups: [] };
  if (isUuid(text)) {
    const id = text.toLowerCase();
    // Providers use UUIDs too (a warehouse event id, say): try their references after ours.
    return {
      text,
      kind: 'transaction_id',
      lookups: [{ by: 'transaction_id', value: id }, ...providerIds(text)],
    };
  }
  if (text.includes('@')) {
    // Emails are stored lower-cased (lib/ledger/candidates.ts), so the lookup is exact.
    return {
      text,
      kind: 'customer_email',
      lookups: [{ by: 'customer_email', value: text.toLowerCase() }],
    };
  }
  const hashed = ORDER_NUMBER.exec(text);
  if (hashed?.[1]) {
    // "#1047" is how storefronts print order numbers: nothing else is meant.
    return {
      text,
      kind: 'business_key',
      lookups: [{ by: 'business_key', value: hashed[1] }],
    };
  }
  if (DIGITS.test(text)) {
    // A number is most likely an order number, but storefront object ids and some providers'
    // references are numbers too.
    return {
      text,
      kind: 'business_key',
      lookups: [{ by: 'business_key', value: text }, ...providerIds(text), ...payloadValue(text)],
    };
  }
  return {
    text,
    kind: 'external_id',
    lookups: [...providerIds(text), { by: 'business_key', value: text }, ...payloadValue(text)],
  };
}

/**
 * A value inside the payloads (a SKU, a tracking number), compared as ingest stored it
 * (lib/ledger/search-terms.ts). Never for emails or UUIDs: an email probe would reveal a customer
 * to roles without personal-data access, whatever paths an admin made searchable.
 */
function payloadValue(text: string): Lookup[] {
  const term = normaliseTerm(text);
  return term ? [{ by: 'payload_value', value: term }] : [];
}

function providerIds(value: string): Lookup[] {
  return [
    { by: 'external_ref', value },
    { by: 'source_object_id', value },
  ];
}

/** Rank of a match kind: lower is more specific. */
export function matchRank(by: MatchedBy): number {
  return MATCH_KINDS.indexOf(by);
}

/** Words for people: "matched by order number". */
export function matchedByLabel(by: MatchedBy): string {
  switch (by) {
    case 'business_key':
      return 'order number';
    case 'transaction_id':
      return 'transaction id';
    case 'external_ref':
      return 'provider reference';
    case 'source_object_id':
      return 'source object id';
    case 'customer_email':
      return 'customer email';
    case 'payload_value':
      return 'value in the payload (SKU, tracking number)';
    default: {
      const exhaustive: never = by;
      return exhaustive;
    }
  }
}
