// API tokens' /api/v1 operations as route specs, merged into lib/http/api-catalog.ts: the Tokens
// screen's list, issue, revoke and maximum lifetime, through the same use cases. Pure data.
//
// Issuing keeps the use case's rules: an API token never issues one (a token made by a token has
// no person behind it), so POST answers 403 to a token and works for a signed-in admin's session;
// the expiry stays within the tenant's maximum lifetime; a token's scopes are bounded by its
// issuer's role when it is used (lib/identity/api-token.ts).
import { z } from 'zod';
import { PERMISSIONS, type Permission } from '@/lib/base/permissions';
import type { ApiOperation, RouteSpec } from '@/lib/base/route-spec';
import { issueApiTokenSchema } from './issue-api-token';
import { tokenLifetimeSchema } from './token-lifetime';

const TAG = 'API tokens';
type Spec = RouteSpec & { operation: ApiOperation };

const instant = z.iso.datetime();

// ---- answers (as sent on the wire) ----

export const apiTokenListResponse = z.object({
  tokens: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      prefix: z.string().describe('the start of the secret, to tell tokens apart'),
      scopes: z.array(z.enum(PERMISSIONS as [Permission, ...Permission[]])),
      createdBy: z.string(),
      createdAt: instant,
      lastUsedAt: instant.nullable(),
      expiresAt: instant.nullable(),
      revokedAt: instant.nullable(),
      state: z.enum(['active', 'expired', 'revoked', 'issuer gone']),
    }),
  ),
  asOf: instant,
  maxLifetimeDays: z.number().int(),
});

export const issuedApiTokenResponse = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  secret: z
    .string()
    .startsWith('wbt_')
    .describe('send as Authorization: Bearer <secret>; this answer is the only place it appears'),
  expiresAt: instant.nullable(),
});

export const revokedApiTokenResponse = z.object({
  id: z.uuid(),
  name: z.string(),
  revokedAt: instant,
  alreadyRevoked: z.boolean(),
});

export const tokenLifetimeResponse = z.object({
  days: z.number().int(),
  previous: z.number().int(),
});

export const API_TOKENS_API = {
  'GET /api/v1/tokens': {
    permission: 'tokens.manage',
    response: apiTokenListResponse,
    operation: {
      id: 'listApiTokens',
      tag: TAG,
      summary: "The tenant's API tokens, newest first: scopes, issuer, last use and state",
      description: 'Only the display prefix of each secret: the secret itself is never answered.',
    },
  },
  'POST /api/v1/tokens': {
    permission: 'tokens.manage',
    body: issueApiTokenSchema,
    response: issuedApiTokenResponse,
    operation: {
      id: 'issueApiToken',
      tag: TAG,
      status: 201,
      summary: 'Issue an API token with scopes and an expiry: the secret is in this answer only',
      description:
        'expiry: days from now, at most the tenant maximum (422 beyond it, and for "never"). ' +
        "The secret cannot be read again: store it now. The token acts with its issuer's " +
        'current role as the ceiling of its scopes, and stops working when the issuer leaves. ' +
        'An API token may not issue tokens (403): a signed-in admin does, from the console. Audited ' +
        '(name, scopes and prefix; never the secret).',
    },
  },
  'DELETE /api/v1/tokens/{id}': {
    permission: 'tokens.manage',
    params: z.object({ id: z.uuid('unknown token') }),
    response: revokedApiTokenResponse,
    operation: {
      id: 'revokeApiToken',
      tag: TAG,
      summary: 'Revoke an API token: requests with it answer 401 from now on',
      description: 'Revoking twice is harmless: alreadyRevoked is true and nothing more happens.',
    },
  },
  'PUT /api/v1/tokens/lifetime': {
    permission: 'tokens.manage',
    body: tokenLifetimeSchema,
    response: tokenLifetimeResponse,
    operation: {
      id: 'setMaxTokenLifetime',
      tag: TAG,
      summary: "Set the tenant's maximum API token lifetime in days",
      description:
        'Every token is issued within it, and a token older than it stops working, even one ' +
        'issued when the maximum was higher. Answers { days, previous }. Audited.',
    },
  },
} satisfies Record<string, Spec>;
