import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { createDb } from '@/lib/db';
import { hashPassword } from '@/lib/identity/password';
import { anyJson, fuzzParams, fuzzTimeout, hostileText } from '../../../test/fuzz/budget';
import { actionResult, serverActions } from '../../support/server-actions';
import { expect, test } from '../../support';

// Every server action, called as a browser would but with arbitrary arguments: form data with the
// field names the console's schemas use and hostile values, a value argument of any JSON, or no
// form at all. Each must answer a result — success, or a refusal in words (4xx) — never a 5xx or
// a crash. It runs as the admin of a tenant of its own, made here, so nothing it changes can touch
// the tenant the other specs work in.

const SECONDS = 30;

/** Field names the actions' zod schemas read (and a few they do not). */
const FIELDS = [
  'id',
  'ids',
  'reason',
  'note',
  'name',
  'email',
  'role',
  'userId',
  'tokenId',
  'scopes',
  'expiry',
  'baseUrl',
  'url',
  'webhookUrl',
  'secret',
  'credentials',
  'expression',
  'version',
  'flowId',
  'connectionId',
  'intent',
  'confirm',
  'password',
  'currentPassword',
  'current',
  'slug',
  'q',
  'from',
  'to',
  'days',
  'kind',
  'enabled',
  'maxAttempts',
  'baseDelayMs',
  'errorClass',
  'transactionId',
  'runId',
  'ruleId',
  'slaRuleId',
  'decision',
  'businessKey',
  'status',
  'statuses',
  'scheduled',
  'cron',
  'rateLimitPerSecond',
  'maxConcurrency',
  'label',
  'params',
  'withinMinutes',
  'quietMinutes',
  'windowFrom',
  'windowTo',
  'sort',
  'cursor',
  'limit',
  '__proto__',
  'constructor',
  '',
];

/**
 * A value as React's reply encoding carries it: a string that starts with "$" is escaped with
 * another "$" (a bare "$…" is a reference to another part). Arbitrary protocol bytes would only
 * test Next's decoder, which answers malformed replies with a 500 before any action runs.
 */
function replyValue(value: unknown): unknown {
  if (typeof value === 'string') return value.startsWith('$') ? `$${value}` : value;
  if (Array.isArray(value)) return value.map(replyValue);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replyValue(v)]));
  return value;
}

async function ownTenant(password: string): Promise<string> {
  const tag = randomBytes(4).toString('hex');
  const db = createDb({ connectionString: process.env.E2E_DATABASE_URL ?? '', poolSize: 1 });
  try {
    const tenant = await db.tenant.create({ data: { slug: `fuzz-${tag}`, name: `Fuzz ${tag}` } });
    const email = `admin@fuzz-${tag}.test`;
    const user = await db.user.create({
      data: { email, name: `Fuzz ${tag}`, passwordHash: await hashPassword(password) },
    });
    await db.membership.create({ data: { tenantId: tenant.id, userId: user.id, role: 'admin' } });
    return email;
  } finally {
    await db.$disconnect();
  }
}

test('server actions answer arbitrary input with a result, never a 5xx', async ({ page }) => {
  test.setTimeout(fuzzTimeout(SECONDS, 90));
  const password = `pw-${randomBytes(8).toString('hex')}`;
  const email = await ownTenant(password);
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).not.toHaveURL(/\/login/);

  // an action that ends the caller's own sessions would end the fuzz with it
  const actions = serverActions().filter((a) => !/sign-?out/i.test(a.key));
  const origin = process.env.E2E_BASE_URL ?? '';
  const value = fc.oneof(
    hostileText.map((s) => s.slice(0, 5000)),
    fc.uuid(),
    fc.constantFrom('admin', 'viewer', 'on', 'true', '', '-1', '1e309', 'http://169.254.169.254/'),
  );
  const call = fc.record({
    action: fc.constantFrom(...actions),
    // (form) for a form bound through useActionState: (previous, form); (value) for a value call
    shape: fc.constantFrom('form', 'previous+form', 'value', 'nothing'),
    fields: fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 6 }),
    argument: anyJson,
  });
  const seen = new Map<string, number>();
  await fc.assert(
    fc.asyncProperty(call, async ({ action, shape, fields, argument }) => {
      const args =
        shape === 'form'
          ? ['$K1']
          : shape === 'previous+form'
            ? [null, '$K1']
            : shape === 'value'
              ? [replyValue(argument)]
              : [];
      const multipart: Record<string, string> = { '0': JSON.stringify(args) };
      if (shape.endsWith('form'))
        for (const [name, v] of Object.entries(fields)) multipart[`1_${name}`] = v;
      const response = await page.request.post(action.url, {
        headers: { origin, 'next-action': action.id, accept: 'text/x-component' },
        multipart,
        maxRedirects: 0,
      });
      const text = await response.text();
      const result = actionResult(text);
      const status = result?.status ?? response.status();
      seen.set(String(status), (seen.get(String(status)) ?? 0) + 1);
      const what = `${action.key} (${shape}, ${JSON.stringify(fields).slice(0, 200)})`;
      expect(
        response.status(),
        `${what}: HTTP ${response.status()} ${text.slice(0, 300)}`,
      ).toBeLessThan(500);
      expect(result, `${what}: no action result in ${text.slice(0, 300)}`).not.toBeNull();
      expect(status, `${what}: result ${JSON.stringify(result)}`).toBeLessThan(500);
    }),
    fuzzParams(SECONDS),
  );
  console.info('server action fuzz results', Object.fromEntries(seen));
  // the session survived the fuzz (no action ended it by accident): the results mean something
  expect(seen.get('401') ?? 0).toBeLessThan(5);
});
