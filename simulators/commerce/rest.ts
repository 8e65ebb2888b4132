// URL prefix and error wording of the versioned REST Admin API, shared by the route files.
import type { GateOptions } from '../shared-chaos';
import { API_VERSION } from './webhooks';

export const PREFIX = `/admin/api/${API_VERSION}`;

/** An anchored route pattern under PREFIX; `rest` is a regex source (dots are escaped for you). */
export function apiPath(rest: string): RegExp {
  return new RegExp(`^${PREFIX.replace(/[.]/g, '\\.')}${rest}$`);
}

/** Shopify's wording, so an adapter parsing provider messages meets the real thing. */
export const SHOPIFY_REPLIES: GateOptions = {
  replies: {
    rate_limited: {
      body: {
        errors:
          'Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.',
      },
    },
    auth_expired: {
      body: {
        errors: '[API] Invalid API key or access token (unrecognized login or wrong password)',
      },
    },
  },
};
