// The search DTOs the palette and the search page show (built by lib/search/search.presenter).
export interface SearchHitView {
  businessKey: string;
  matchedByLabel: string;
  transactionCount: number;
  statusSummary: string;
  headlineStatus: string | null;
  needsAttention: boolean;
  lastActivityAt: string;
  /** masked for roles that may not read personal data */
  customerEmail: string | null;
}

export interface SearchResultView {
  query: string;
  emailSearchRefused: boolean;
  hits: SearchHitView[];
}

export const orderHref = (businessKey: string) => `/orders/${encodeURIComponent(businessKey)}`;
export const searchHref = (q: string) => `/search?${new URLSearchParams({ q }).toString()}`;

export const transactionsLabel = (n: number) => (n === 1 ? '1 transaction' : `${n} transactions`);

/** What to type, for the empty palette and the empty search page. */
export const SEARCH_EXAMPLES = [
  { example: '1047', meaning: 'order number' },
  { example: 'FUL-000123', meaning: 'a warehouse, ERP or payment reference' },
  { example: 'ada@example.com', meaning: 'customer email' },
  { example: '0193…', meaning: 'transaction id' },
] as const;

export const EMAIL_SEARCH_REFUSED =
  'Your role may not search by customer email (personal data). Search by order number or reference instead.';
