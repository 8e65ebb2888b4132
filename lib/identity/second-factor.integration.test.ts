// The second factor end to end against PostgreSQL: set-up, sign-in with a code and with a recovery
// code, replay refused, wrong codes counted toward the lockout, new codes, turning it off, the
// tenant's requirement for admins and an admin's reset — each audited without a secret.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyRing } from '@/lib/crypto/key-ring';
import { createDb, type Db, type Role } from '@/lib/db';
import { resetMemberSecondFactor } from '@/lib/members/member-second-factor';
import { setSecondFactorPolicy } from '@/lib/tenants/second-factor-policy';
import { createTestDatabase } from '@/test/support/database';
import { FIXTURE_KEY, FIXTURE_KEY_RING } from '@/test/support/ledger-fixtures';
import { loadActor } from './load-actor';
import { hashPassword, verifyPassword } from './password';
import {
  confirmTotpSetup,
  disableTotp,
  pendingTotpSetup,
  renewRecoveryCodes,
  secondFactorStatus,
  startTotpSetup,
} from './second-factor';
import { resetSecondFactorByEmail } from './second-factor-reset';
import { reencryptTotpSecrets } from './reencrypt-totp-secrets';
import { signIn } from './sign-in';
import { totpCodeAt } from './totp';

const PASSWORD = 'correct horse battery staple';
const keyRing = FIXTURE_KEY_RING;
let db: Db;
let drop: () => Promise<void>;
let tenantId = '';
const log = { warn: () => undefined, info: () => undefined };

beforeAll(async () => {
  const database = await createTestDatabase();
  drop = database.drop;
  db = createDb({ connectionString: database.url, poolSize: 4 });
  tenantId = (await db.tenant.create({ data: { slug: 'acme', name: 'Acme' } })).id;
});
afterAll(async () => {
  await db?.$disconnect();
  await drop?.();
});

async function person(role: Role = 'support') {
  const email = `p-${randomBytes(4).toString('hex')}@example.test`;
  const user = await db.user.create({
    data: { email, name: `Person ${email}`, passwordHash: await hashPassword(PASSWORD) },
  });
  await db.membership.create({ data: { tenantId, userId: user.id, role } });
  return user;
}

const attempt = (email: string, secondFactor?: string, now = new Date()) =>
  signIn(
    db,
    { email, password: PASSWORD, secondFactor, ip: '198.51.100.9', requestId: null },
    {
      verify: verifyPassword,
      openSecret: (s) => keyRing.open(s),
      throttle: null,
      log,
      now: () => now,
    },
  );

/** Set-up done: the secret (as the app holds it) and the recovery codes. */
async function enrolled(userId: string, at: Date) {
  await startTotpSetup(db, { userId, keyRing });
  const pending = await pendingTotpSetup(db, { userId, keyRing });
  if (!pending) throw new Error('no pending set-up');
  const { recoveryCodes } = await confirmTotpSetup(db, {
    userId,
    label: 'Person',
    code: totpCodeAt(pending.secret, at),
    keyRing,
    now: at,
  });
  return { secret: pending.secret, recoveryCodes };
}

const actions = async (userId: string) =>
  (await db.auditEntry.findMany({ where: { objectId: userId }, orderBy: { id: 'asc' } })).map(
    (e) => e.action,
  );

describe('setting up the second factor', () => {
  it('needs a code from the app before it is on, and keeps the secret sealed', async () => {
    const user = await person();
    const now = new Date();
    await startTotpSetup(db, { userId: user.id, keyRing });
    expect(await secondFactorStatus(db, user.id)).toMatchObject({ enabledAt: null, pending: true });
    const pending = await pendingTotpSetup(db, { userId: user.id, keyRing });
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.totpSecretEncrypted).not.toContain(pending?.secret);
    // the password alone still signs in while the set-up is pending
    expect(await attempt(user.email)).toMatchObject({ ok: true });
    await expect(
      confirmTotpSetup(db, { userId: user.id, label: 'P', code: '000000', keyRing, now }),
    ).rejects.toThrow(/not right/);
    const { recoveryCodes } = await confirmTotpSetup(db, {
      userId: user.id,
      label: 'P',
      code: totpCodeAt(pending!.secret, now),
      keyRing,
      now,
    });
    expect(recoveryCodes).toHaveLength(10);
    const stored = await db.recoveryCode.findMany({ where: { userId: user.id } });
    expect(stored.map((c) => c.codeHash)).not.toContain(recoveryCodes[0]);
    expect(await secondFactorStatus(db, user.id)).toMatchObject({ recoveryCodesLeft: 10 });
    await expect(startTotpSetup(db, { userId: user.id, keyRing })).rejects.toThrow(/already on/);
    const entry = await db.auditEntry.findFirstOrThrow({
      where: { objectId: user.id, action: 'auth.totp_enabled' },
    });
    const text = JSON.stringify({ ...entry, id: String(entry.id) });
    expect(text).not.toContain(pending!.secret);
    expect(text).not.toContain(recoveryCodes[0]);
  });
});

describe('signing in with a second factor', () => {
  it('asks for the code after the right password, and takes each code once', async () => {
    const user = await person();
    const t0 = new Date(Date.now() - 120_000);
    const { secret } = await enrolled(user.id, t0);
    expect(await attempt(user.email)).toEqual({ ok: false, reason: 'second_factor_required' });
    const now = new Date();
    const code = totpCodeAt(secret, now);
    expect(await attempt(user.email, code, now)).toMatchObject({ ok: true });
    // the same code again, within its minute: refused and counted
    expect(await attempt(user.email, code, now)).toEqual({
      ok: false,
      reason: 'second_factor_refused',
    });
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.failedSignIns).toBe(1);
    expect(await actions(user.id)).toEqual(
      expect.arrayContaining(['auth.totp_enabled', 'auth.signed_in', 'auth.sign_in_failed']),
    );
    const failed = await db.auditEntry.findFirstOrThrow({
      where: { objectId: user.id, action: 'auth.sign_in_failed' },
    });
    expect(failed.after).toMatchObject({ cause: 'wrong_second_factor' });
  });

  it('a wrong password with a right code is the plain refusal', async () => {
    const user = await person();
    const { secret } = await enrolled(user.id, new Date(Date.now() - 60_000));
    const result = await signIn(
      db,
      {
        email: user.email,
        password: 'wrong',
        secondFactor: totpCodeAt(secret, new Date()),
        ip: '198.51.100.9',
        requestId: null,
      },
      { verify: verifyPassword, openSecret: (s) => keyRing.open(s), throttle: null, log },
    );
    expect(result).toEqual({ ok: false, reason: 'refused' });
  });

  it('signs in once with each recovery code and says how many remain', async () => {
    const user = await person();
    const { recoveryCodes } = await enrolled(user.id, new Date(Date.now() - 60_000));
    const [first] = recoveryCodes as [string];
    expect(await attempt(user.email, first.toUpperCase())).toMatchObject({ ok: true });
    expect(await attempt(user.email, first)).toMatchObject({ reason: 'second_factor_refused' });
    const used = await db.auditEntry.findFirstOrThrow({
      where: { objectId: user.id, action: 'auth.recovery_code_used' },
    });
    expect(used.after).toMatchObject({ remaining: 9 });
    expect(await secondFactorStatus(db, user.id)).toMatchObject({ recoveryCodesLeft: 9 });
  });

  it('locks the account after repeated wrong codes, like wrong passwords', async () => {
    const user = await person();
    await enrolled(user.id, new Date(Date.now() - 60_000));
    for (let i = 0; i < 4; i++)
      expect(await attempt(user.email, '000000')).toMatchObject({ ok: false });
    const last = await attempt(user.email, '000000');
    expect(last).toEqual({ ok: false, reason: 'refused' });
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.lockedUntil?.getTime()).toBeGreaterThan(Date.now());
  });
});

describe('changing the second factor', () => {
  it('new recovery codes replace the old ones; turning it off needs a current code', async () => {
    const user = await person();
    const { secret, recoveryCodes } = await enrolled(user.id, new Date(Date.now() - 60_000));
    await expect(
      renewRecoveryCodes(db, { userId: user.id, label: 'P', code: '000000', keyRing }),
    ).rejects.toThrow(/not right/);
    const renewed = await renewRecoveryCodes(db, {
      userId: user.id,
      label: 'P',
      code: recoveryCodes[0]!,
      keyRing,
    });
    expect(await attempt(user.email, recoveryCodes[1])).toMatchObject({
      reason: 'second_factor_refused',
    });
    await disableTotp(db, {
      userId: user.id,
      label: 'P',
      code: totpCodeAt(secret, new Date()),
      keyRing,
    });
    expect(await attempt(user.email)).toMatchObject({ ok: true });
    expect(await db.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    expect(renewed.recoveryCodes).toHaveLength(10);
    expect(await actions(user.id)).toEqual(
      expect.arrayContaining(['auth.recovery_codes_renewed', 'auth.totp_disabled']),
    );
  });
});

describe("the tenant's requirement for admins", () => {
  it('marks admins without a second factor until they set one up, and not other roles', async () => {
    const admin = await person('admin');
    const other = await person('admin');
    const support = await person('support');
    const op = (u: { id: string }) => ({ id: u.id, label: 'Admin' });
    await expect(
      setSecondFactorPolicy(db, tenantId, { requireForAdmins: true, actor: op(admin) }),
    ).rejects.toThrow(/for yourself first/);
    await enrolled(admin.id, new Date(Date.now() - 60_000));
    const policy = await setSecondFactorPolicy(db, tenantId, {
      requireForAdmins: true,
      actor: op(admin),
    });
    expect(policy.requireForAdmins).toBe(true);
    expect((await loadActor(db, admin.id, tenantId))?.secondFactorDue).toBe(false);
    expect((await loadActor(db, other.id, tenantId))?.secondFactorDue).toBe(true);
    expect((await loadActor(db, support.id, tenantId))?.secondFactorDue).toBe(false);
    await enrolled(other.id, new Date(Date.now() - 60_000));
    expect((await loadActor(db, other.id, tenantId))?.secondFactorDue).toBe(false);
    const entry = await db.auditEntry.findFirstOrThrow({
      where: { tenantId, action: 'tenant.second_factor_policy_changed' },
    });
    expect(entry).toMatchObject({
      before: { requireTotpForAdmins: false },
      after: { requireTotpForAdmins: true },
    });
    await setSecondFactorPolicy(db, tenantId, { requireForAdmins: false, actor: op(admin) });
  });

  it("an admin removes a member's second factor, never their own", async () => {
    const admin = await person('admin');
    const member = await person('support');
    await enrolled(member.id, new Date(Date.now() - 60_000));
    const actor = { kind: 'user' as const, userId: admin.id, name: 'Admin', issuerUserId: null };
    await expect(
      resetMemberSecondFactor(db, tenantId, { userId: admin.id, actor }),
    ).rejects.toThrow(/yourself/);
    await resetMemberSecondFactor(db, tenantId, { userId: member.id, actor });
    expect(await attempt(member.email)).toMatchObject({ ok: true });
    expect(await actions(member.id)).toContain('member.second_factor_reset');
    await expect(
      resetMemberSecondFactor(db, tenantId, { userId: member.id, actor }),
    ).rejects.toThrow(/no second factor/);
  });

  it('the operator CLI removes anyone’s second factor by email, audited in their tenants', async () => {
    const member = await person('admin');
    await enrolled(member.id, new Date(Date.now() - 60_000));
    const operator = { id: 'cli:root', label: 'root at the server' };
    await resetSecondFactorByEmail(db, { email: member.email.toUpperCase(), actor: operator });
    expect(await attempt(member.email)).toMatchObject({ ok: true });
    const entry = await db.auditEntry.findFirstOrThrow({
      where: { objectId: member.id, action: 'member.second_factor_reset' },
    });
    expect(entry.tenantId).toBe(tenantId);
    await expect(
      resetSecondFactorByEmail(db, { email: 'nobody@example.test', actor: operator }),
    ).rejects.toThrow(/no account/);
  });
});

describe('key rotation', () => {
  it('re-seals TOTP secrets under the new key; codes keep working', async () => {
    const user = await person();
    const { secret } = await enrolled(user.id, new Date(Date.now() - 60_000));
    const rotated = createKeyRing({
      keys: { k1: FIXTURE_KEY, k2: randomBytes(32) },
      activeKeyId: 'k2',
    });
    const first = await reencryptTotpSecrets(db, rotated, 1);
    expect(first.resealed).toBeGreaterThanOrEqual(1);
    expect((await reencryptTotpSecrets(db, rotated)).resealed).toBe(0);
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.totpSecretEncrypted).toMatch(/^v2\.k2\./);
    expect(rotated.open(row.totpSecretEncrypted!)).toBe(secret);
  });
});
