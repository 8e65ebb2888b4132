// Single sign-on through the instance's OpenID Connect provider (OIDC_ISSUER …, lib/env.ts), as a
// next-auth provider with the id "oidc": discovery from the issuer, authorization code with PKCE
// and state, the id_token checked by next-auth (openid-client: signature, issuer, audience,
// expiry). Who the person is here is decided by lib/identity/oidc-sign-in.ts in next-auth's signIn
// callback; a refusal goes back to /login?error=sso_<reason> with words for it. The sign-in starts a
// server-side session row like a password sign-in, so it can be listed and ended the same way.
// A second factor is the identity provider's business on this path: TOTP is asked of password
// sign-ins only (docs/security.md).
import type { Account, Profile, User } from 'next-auth';
import type { OAuthConfig } from 'next-auth/providers/oauth';
import { headers } from 'next/headers';
import { z } from 'zod';
import { trustedProxyHops, type OidcSettings } from '@/lib/env';
import { requestIdOf } from '@/lib/base/request-id';
import { clientAddressOf } from '@/lib/base/client-address';
import { resolveOidcSignIn } from '@/lib/identity/oidc-sign-in';
import { startUserSession } from '@/lib/identity/user-session';
import { serverContext } from '@/lib/server/context';

export const OIDC_PROVIDER_ID = 'oidc';

const claims = z.object({
  iss: z.string().min(1),
  sub: z.string().min(1).max(255),
  email: z.string().max(320).optional(),
  email_verified: z.union([z.boolean(), z.literal('true'), z.literal('false')]).optional(),
  name: z.string().max(200).optional(),
});

interface OidcProfile extends Record<string, unknown> {
  sub: string;
  email?: string;
  name?: string;
}

export function oidcProvider(settings: OidcSettings): OAuthConfig<OidcProfile> {
  return {
    id: OIDC_PROVIDER_ID,
    name: settings.name,
    type: 'oauth',
    wellKnown: `${settings.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    idToken: true,
    checks: ['pkce', 'state'],
    authorization: { params: { scope: 'openid email profile' } },
    profile: (profile) => ({ id: profile.sub, email: profile.email ?? null, name: profile.name }),
  };
}

/** The words /login shows for ?error=sso_<reason>. */
export const SSO_REFUSALS: Record<string, string> = {
  sso_email_not_verified:
    'Your identity provider did not confirm your email address, so Waybill cannot match it to an account.',
  sso_no_membership:
    'Single sign-on worked, but your email has no account or invitation here. Ask an admin of your tenant to invite you.',
  sso_disabled: 'This account is disabled. Ask an admin of your tenant.',
  sso_identity_conflict:
    'Your identity provider account is linked to another Waybill account than your email. Ask an admin.',
  sso_ambiguous_domain:
    'More than one tenant accepts your email domain, so Waybill cannot choose. Ask an admin to invite you.',
  sso_failed: 'Single sign-on did not complete. Try again.',
};

/**
 * next-auth's signIn callback for the "oidc" provider: true with `user` completed (our user id, the
 * tenant and the new session row: next-auth hands this same object to the jwt callback), or the
 * sign-in page with the reason.
 */
export async function oidcSignIn(
  user: User,
  account: Account,
  profile: Profile | undefined,
  limits: { maxMs: number },
): Promise<true | string> {
  const parsed = claims.safeParse(profile);
  if (!parsed.success || !parsed.data.email) return '/login?error=sso_failed';
  const ctx = serverContext();
  const requestHeaders = await headers();
  const ip = clientAddressOf((name) => requestHeaders.get(name), trustedProxyHops());
  const verified = parsed.data.email_verified;
  const result = await resolveOidcSignIn(ctx.db, {
    issuer: parsed.data.iss,
    subject: parsed.data.sub,
    email: parsed.data.email,
    emailVerified: verified === true || verified === 'true',
    name: parsed.data.name,
    ip,
    requestId: requestIdOf(requestHeaders),
  });
  if (!result.ok) {
    ctx.log.info({ reason: result.reason, provider: account.provider }, 'sso sign-in refused');
    return `/login?error=sso_${result.reason}`;
  }
  const session = await startUserSession(ctx.db, {
    userId: result.user.id,
    tenantId: result.user.tenantId,
    userAgent: requestHeaders.get('user-agent'),
    ip,
    maxMs: limits.maxMs,
  });
  Object.assign(user, {
    id: result.user.id,
    email: result.user.email,
    name: result.user.name,
    tenantId: result.user.tenantId,
    sessionId: session.id,
  });
  return true;
}
