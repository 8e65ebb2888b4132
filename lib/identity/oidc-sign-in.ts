// A sign-in through the instance's OpenID Connect provider (docs/security.md, "Single sign-on"),
// after next-auth has checked the id_token (signature, issuer, audience, state, PKCE). Decides
// who the person is here:
//   1. the account already linked to (issuer, subject) — an email changed at the provider keeps it;
//   2. else the account with that email (verified by the provider), which is then linked;
//   3. a person with no membership joins through pending invitations to the email, else through
//      a tenant's email-domain rule (oidc-join.ts); else there is nothing to sign in to.
// Refusals are values. Those about a known account are audited like a failed password sign-in
// (auth.sign_in_failed, method 'oidc') in its tenants; a success writes auth.signed_in there.
import { recordAudit, type AuditActor } from '@/lib/audit';
import { UNIQUE_VIOLATION, type Db } from '@/lib/db';
import { joinByDomain, joinByInvitations, type Joined, type Tx } from './oidc-join';
import type { SignedInUser } from './sign-in';

export interface OidcSignInInput {
  /** the `iss` of the checked id_token */
  issuer: string;
  /** its `sub`: stable at the provider, unlike the email */
  subject: string;
  email: string;
  /** the `email_verified` claim; anything but true refuses */
  emailVerified: boolean;
  name?: string | null;
  now?: Date;
  requestId?: string | null;
  /** the client's address, recorded in the audit entries */
  ip?: string | null;
}

export type OidcSignInRefusal =
  | 'email_not_verified'
  | 'no_membership'
  | 'disabled'
  /** the subject is linked to another account than the email's, or the email's account is
   *  linked to another subject of this issuer: someone's email moved at the provider */
  | 'identity_conflict'
  /** no membership, and more than one tenant claims the email's domain (oidc-join.ts) */
  | 'ambiguous_domain';

export type OidcSignInResult =
  | { ok: true; user: SignedInUser; how: 'existing' | 'invitation' | 'jit' }
  | { ok: false; reason: OidcSignInRefusal };

const USER = {
  id: true,
  email: true,
  name: true,
  disabledAt: true,
  identities: { select: { issuer: true, subject: true } },
  memberships: { select: { tenantId: true }, orderBy: { createdAt: 'asc' } },
} as const;

export async function resolveOidcSignIn(db: Db, input: OidcSignInInput): Promise<OidcSignInResult> {
  try {
    return await attempt(db, input);
  } catch (error) {
    // Two first sign-ins of one person at once both created the user or the link: the loser's
    // transaction rolled back; once more finds what the winner committed.
    if ((error as { code?: unknown }).code !== UNIQUE_VIOLATION) throw error;
    return attempt(db, input);
  }
}

async function attempt(db: Db, input: OidcSignInInput): Promise<OidcSignInResult> {
  if (input.emailVerified !== true) return { ok: false, reason: 'email_not_verified' };
  const now = input.now ?? new Date();
  const email = input.email.trim().toLowerCase();
  const { issuer, subject } = input;
  const requestId = input.requestId ?? null;
  const ip = input.ip ?? null;
  return db.$transaction(async (tx): Promise<OidcSignInResult> => {
    const link = await tx.userIdentity.findUnique({
      where: { issuer_subject: { issuer, subject } },
      select: { userId: true },
    });
    const byEmail = await tx.user.findUnique({ where: { email }, select: USER });
    const user = link
      ? await tx.user.findUniqueOrThrow({ where: { id: link.userId }, select: USER })
      : byEmail;
    const refuse = async (reason: OidcSignInRefusal, who: typeof user = user) => {
      if (who)
        await auditIn(tx, who.memberships, {
          action: 'auth.sign_in_failed',
          actor: { userId: null, tokenId: null, label: `sign-in from ${ip ?? 'unknown'}` },
          userId: who.id,
          after: { email: who.email, cause: reason, method: 'oidc', issuer, ip },
          requestId,
          now,
        });
      return { ok: false, reason } as const;
    };
    if (link && byEmail && byEmail.id !== link.userId) return refuse('identity_conflict', byEmail);
    if (!link && byEmail?.identities.some((i) => i.issuer === issuer && i.subject !== subject))
      return refuse('identity_conflict');
    if (user?.disabledAt) return refuse('disabled');
    // No lockout check: it guards password guessing, and the provider has authenticated this
    // person; a stranger's wrong passwords must not keep them out.

    let how: 'existing' | 'invitation' | 'jit' = 'existing';
    let joined: Joined | null = null;
    if (user && user.memberships.length > 0)
      joined = { userId: user.id, tenantIds: user.memberships.map((m) => m.tenantId) };
    else {
      const who = {
        email,
        name: nameOf(input.name, email),
        userId: user?.id ?? null,
        now,
        requestId,
      };
      joined = await joinByInvitations(tx, who);
      how = 'invitation';
      if (!joined) {
        const byDomain = await joinByDomain(tx, who);
        if (byDomain && 'ambiguous' in byDomain) return refuse('ambiguous_domain');
        joined = byDomain;
        how = 'jit';
      }
    }
    const tenantId = joined?.tenantIds[0];
    if (!joined || !tenantId) return refuse('no_membership');

    if (!link)
      await tx.userIdentity.create({
        data: { userId: joined.userId, issuer, subject, createdAt: now },
      });
    const signedIn = await tx.user.update({
      where: { id: joined.userId },
      data: { lastSignInAt: now },
      select: { id: true, email: true, name: true },
    });
    await auditIn(
      tx,
      joined.tenantIds.map((id) => ({ tenantId: id })),
      {
        action: 'auth.signed_in',
        actor: { userId: signedIn.id, tokenId: null, label: signedIn.name },
        userId: signedIn.id,
        after: { method: 'oidc', issuer, ip, how },
        requestId,
        now,
      },
    );
    return { ok: true, user: { ...signedIn, tenantId }, how };
  });
}

/** The provider's name for the person, or their email's local part; within the console's 100. */
function nameOf(name: string | null | undefined, email: string): string {
  const at = email.indexOf('@');
  return (name?.trim() || (at > 0 ? email.slice(0, at) : email)).slice(0, 100);
}

async function auditIn(
  tx: Tx,
  memberships: readonly { tenantId: string }[],
  entry: {
    action: 'auth.signed_in' | 'auth.sign_in_failed';
    actor: AuditActor;
    userId: string;
    after: Record<string, unknown>;
    requestId: string | null;
    now: Date;
  },
): Promise<void> {
  for (const { tenantId } of memberships)
    await recordAudit(tx, {
      tenantId,
      actor: entry.actor,
      requestId: entry.requestId,
      at: entry.now,
      event: {
        action: entry.action,
        objectType: 'user',
        objectId: entry.userId,
        after: entry.after,
      },
    });
}
