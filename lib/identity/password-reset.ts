// Password resets without mail: an operator at the server (`waybill user reset-password`) issues a
// one-time link /reset-password/<secret> and hands it to the person, who chooses a new password
// there. The secret is 32 random bytes; the ledger keeps only its SHA-256, so a copy of the
// database cannot be turned into working links (256 random bits need no slow hash or salt). A
// person has at most one live link: issuing ends the earlier ones. Redeeming claims the link with
// one conditional UPDATE, so two redeems of one link cannot both win, and clears the lockout: the
// person proved themselves through the operator, which is what the lockout was waiting for.
// A new password ends every session of the person (lib/identity/user-session.ts) in the same
// transaction; the operator may end them already when issuing the link (`--end-sessions`), for an
// account that may be in someone else's hands.
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { auditActorOf } from '@/lib/audit';
import type { Db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { Operator } from '@/lib/ledger/operator';
import { auditEverywhere } from './audit-everywhere';
import { afterSuccess } from './lockout';
import { hashPassword } from './password';
import { passwordProblem } from './password-rules';
import { endUserSessions } from './user-session';

export const PASSWORD_RESET_TTL_MS = 24 * 60 * 60 * 1000;
/** A longer-lived link is a standing way into the account; an invitation's 7 days is the cap. */
export const PASSWORD_RESET_MAX_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** One answer for an unknown, used or expired link: a guessed link learns nothing more. */
export const PASSWORD_RESET_REFUSED =
  'This link has expired or was already used. Ask an administrator for a new one.';

/** base64url of 32 bytes is always 43 characters of this alphabet. */
const SECRET_SHAPE = /^[A-Za-z0-9_-]{43}$/;

const hashSecret = (secret: string) => createHash('sha256').update(secret, 'utf8').digest('hex');

const issueSchema = z.object({
  // trimmed and lower-cased first: emails are stored so, and a pasted address has spaces
  email: z.string().trim().toLowerCase().pipe(z.email('email: not an email address').max(200)),
  ttlMs: z
    .number()
    .int()
    .positive()
    .max(PASSWORD_RESET_MAX_TTL_MS, 'a reset link may be valid for at most 7 days')
    .default(PASSWORD_RESET_TTL_MS),
});

const redeemSchema = z.object({
  secret: z.string().max(200),
  password: z.string().max(400),
});

export interface IssuedPasswordReset {
  /** /reset-password/<secret>: shown once, never stored */
  path: string;
  expiresAt: Date;
}

export async function issuePasswordReset(
  db: Db,
  input: z.input<typeof issueSchema> & {
    actor: Operator;
    requestId?: string | null;
    now?: Date;
    /** also end every session of the person now, before they choose a new password */
    endSessions?: boolean;
  },
): Promise<IssuedPasswordReset> {
  const { email, ttlMs } = issueSchema.parse(input);
  const now = input.now ?? new Date();
  const expiresAt = new Date(now.getTime() + ttlMs);
  const secret = randomBytes(32).toString('base64url');
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { email },
      select: { id: true, memberships: { select: { tenantId: true } } },
    });
    // An operator tool: saying the account does not exist helps the operator and tells no stranger.
    if (!user) throw new AppError('NOT_FOUND', `No user has the email ${email}.`);
    const tenantIds = user.memberships.map((m) => m.tenantId);
    // Sign-in refuses a person without a tenant, and the audit log has no tenant to record it in.
    if (!tenantIds.length)
      throw new AppError('CONFLICT', `${email} belongs to no tenant: add them to one first.`);
    // The row lock serialises two issues for one person, so exactly one link stays live.
    await tx.$queryRaw`SELECT 1 FROM users WHERE id = ${user.id}::uuid FOR UPDATE`;
    // Earlier links end now rather than being marked used: usedAt means someone chose a password.
    const ended = await tx.passwordReset.updateMany({
      where: { userId: user.id, usedAt: null, expiresAt: { gt: now } },
      data: { expiresAt: now },
    });
    const row = await tx.passwordReset.create({
      data: { userId: user.id, tokenHash: hashSecret(secret), expiresAt, createdAt: now },
      select: { id: true },
    });
    const sessionsEnded = input.endSessions ? await endUserSessions(tx, user.id) : undefined;
    await auditEverywhere(tx, tenantIds, {
      actor: auditActorOf(input.actor),
      requestId: input.requestId ?? null,
      at: now,
      action: 'auth.password_reset_issued',
      userId: user.id,
      after: {
        email,
        resetId: row.id,
        expiresAt: expiresAt.toISOString(),
        earlierLinksEnded: ended.count,
        ...(sessionsEnded === undefined ? {} : { browsersSignedOut: sessionsEnded }),
      },
    });
  });
  return { path: `/reset-password/${secret}`, expiresAt };
}

/** The live reset a link points to, or null; the secret itself is only ever hashed. */
async function findLiveReset(db: Db, secret: string, now: Date) {
  if (!SECRET_SHAPE.test(secret)) return null;
  const reset = await db.passwordReset.findUnique({
    where: { tokenHash: hashSecret(secret) },
    select: {
      id: true,
      usedAt: true,
      expiresAt: true,
      user: {
        select: { id: true, email: true, name: true, memberships: { select: { tenantId: true } } },
      },
    },
  });
  if (!reset || reset.usedAt || reset.expiresAt.getTime() <= now.getTime()) return null;
  return reset;
}

/** For the page: whether to show the form or the refusal. Says nothing about the account. */
export async function isPasswordResetLive(db: Db, secret: string, now = new Date()) {
  return (await findLiveReset(db, secret, now)) !== null;
}

export async function redeemPasswordReset(
  db: Db,
  input: z.input<typeof redeemSchema> & { requestId?: string | null; now?: Date },
): Promise<{ userId: string }> {
  const { secret, password } = redeemSchema.parse(input);
  const now = input.now ?? new Date();
  const reset = await findLiveReset(db, secret, now);
  // The same code for all three cases, too: the answer's status must not tell them apart.
  if (!reset) throw new AppError('CONFLICT', PASSWORD_RESET_REFUSED);
  const { user } = reset;
  // Judged before the claim, so a refused password leaves the link usable for another try.
  const problem = passwordProblem(password, user.email);
  if (problem) throw new AppError('VALIDATION_FAILED', problem);
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    const claimed = await tx.passwordReset.updateMany({
      where: { id: reset.id, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (claimed.count !== 1) throw new AppError('CONFLICT', PASSWORD_RESET_REFUSED);
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, ...afterSuccess() } });
    // Whoever held a session of this account (maybe why the password is being reset) is out.
    const sessionsEnded = await endUserSessions(tx, user.id);
    await auditEverywhere(
      tx,
      user.memberships.map((m) => m.tenantId),
      {
        actor: { userId: user.id, tokenId: null, label: user.name },
        requestId: input.requestId ?? null,
        at: now,
        action: 'auth.password_reset',
        userId: user.id,
        after: { resetId: reset.id, browsersSignedOut: sessionsEnded },
      },
    );
  });
  return { userId: user.id };
}
