// Where the Transaction screen remembers how a person reads timelines: newest or oldest first.
// A cookie, so the server renders the remembered order at once (no reordering after load); the
// URL's ?order= wins over it, so a link shows what its sender saw.
export const TIMELINE_ORDER_COOKIE = 'wb_timeline_order';
/** The outcome first: what support asks about is how it ended, not how it began. */
export const DEFAULT_TIMELINE_ORDER = 'newest';
export const TIMELINE_ORDER_MAX_AGE_S = 365 * 24 * 3600;
