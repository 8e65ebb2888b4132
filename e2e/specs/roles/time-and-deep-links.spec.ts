// Issue 18, points 7 and 9. Times people can trust: with the browser in New York, every time on a
// transaction's page is New York's wall time with its label (EST/EDT), in one format. Deep links
// that survive sign-in: a page asked for without a session, or after the session ended, opens
// again once signed in; an outside address in callbackUrl is ignored.
import type { Page, Route } from '@playwright/test';
import { formatDateTime, TIME_ZONE_COOKIE } from '@/lib/base/time-format';
import { createDb } from '@/lib/db';
import { expect, test } from '../../support';
import { freshPerson } from '../../support/fresh-person';
import { suiteRows } from '../../support/suite-db';

const ZONE = 'America/New_York';
const base = () => process.env.E2E_BASE_URL ?? '';

async function signInOnForm(
  page: Page,
  who: 'support' | 'finance' | { email: string; password: string },
) {
  const { email, password } =
    typeof who === 'string'
      ? { email: `${who}@acme.test`, password: process.env.E2E_PASSWORD ?? '' }
      : who;
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** A new person of the demo tenant in `role` (e2e/support/fresh-person.ts). */
async function ownPerson(role: 'support' | 'finance') {
  const db = createDb({ connectionString: process.env.E2E_DATABASE_URL ?? '', poolSize: 1 });
  return db.tenant
    .findUniqueOrThrow({ where: { slug: 'acme' } })
    .then(({ id }) => freshPerson(db, [{ tenantId: id, role }]))
    .finally(() => db.$disconnect());
}

/** Answers the browser's request with the page as the server renders it without the zone cookie. */
async function fulfilWithoutZoneCookie(route: Route) {
  const request = route.request();
  const cookie = ((await request.allHeaders()).cookie ?? '')
    .split('; ')
    .filter((pair) => !pair.startsWith(`${TIME_ZONE_COOKIE}=`))
    .join('; ');
  const response = await fetch(request.url(), { headers: { cookie }, redirect: 'manual' });
  const headers = Object.fromEntries(
    [...response.headers].filter(
      ([name]) => !/^(content-(encoding|length)|transfer-encoding)$/.test(name),
    ),
  );
  await route.fulfill({ status: response.status, headers, body: await response.text() });
}

test.describe('times in the viewer zone', () => {
  test.use({ timezoneId: ZONE });

  test('every time on the transaction page is in New York time and labelled', async ({
    page,
    login,
    transactions,
    sendPaidOrder,
  }) => {
    const order = await sendPaidOrder();
    await login.signInAs('support');
    await transactions.openOrder(order);
    const times = page.locator('main time');
    await expect(times.first()).toBeVisible();
    // Compare each <time>'s text with its own instant written in New York: one format, one zone.
    // Retried: a first visit renders once more when the browser's zone cookie arrives.
    await expect(async () => {
      const seen = await times.evaluateAll((nodes) =>
        nodes.map((n) => ({
          iso: n.getAttribute('datetime') ?? '',
          text: (n.textContent ?? '').trim(),
          title: n.getAttribute('title') ?? '',
        })),
      );
      expect(seen.length).toBeGreaterThan(1);
      for (const t of seen) {
        expect(t.iso, `a <time> without an instant: "${t.text}"`).not.toBe('');
        const absolute = formatDateTime(t.iso, ZONE);
        expect(absolute).toMatch(/ E[SD]T$/);
        // relative times ("3 min ago") carry the absolute time on hover
        if (/ago$|^in |^just now$/.test(t.text)) expect(t.title).toBe(absolute);
        else expect(t.text).toBe(absolute);
      }
    }).toPass();
    // None of the old shapes anywhere outside raw payloads: 05/12/2026, 14:07:30 or a bare ISO.
    const text = await page.locator('main').evaluate((main) => {
      const copy = main.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('pre, code, [data-raw-payload]').forEach((n) => n.remove());
      return copy.innerText;
    });
    expect(text).not.toMatch(/\b\d{2}\/\d{2}\/\d{4}, \d{2}:\d{2}/);
    expect(text).not.toMatch(/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z\b/);
  });

  test('a date filter is read in the same zone as the times shown', async ({ page, login }) => {
    await login.signInAs('support');
    await page.goto('/transactions');
    // The filter names the zone it reads: New York's, once the page is rendered in the browser's
    // zone (a first visit renders once more when the zone cookie arrives). By role: the router
    // may keep the page rendered before, hidden, beside the one shown.
    await expect(page.getByRole('textbox', { name: /^Received from \(E[SD]T\)/ })).toBeVisible();
    const from = page.getByRole('textbox', { name: /^Received from/ });
    // 09:30 in New York on 5 Dec is 14:30 UTC: the URL carries the instant. Filled again until
    // the page has hydrated (a value typed before that has no listener to read it).
    await expect(async () => {
      await from.fill('');
      await from.fill('2026-12-05T09:30');
      await expect(page).toHaveURL(
        /from=2026-12-05T14%3A30%3A00\.000Z|from=2026-12-05T14:30:00\.000Z/,
        { timeout: 2000 },
      );
    }).toPass({ timeout: 30_000 });
  });

  test('a page requested before the zone cookie was set is rendered again in the zone', async ({
    page,
    login,
  }) => {
    await login.signInAs('support');
    await page
      .context()
      .addCookies([{ name: TIME_ZONE_COOKIE, value: encodeURIComponent(ZONE), url: base() }]);
    // This page's request leaves without the cookie, as when the page before set it just after
    // the next request had left: the server renders in UTC while the browser's cookie already
    // names its zone. (Fetched here: a browser adds its cookies to any request it makes.)
    await page.route('**/transactions', (route) => fulfilWithoutZoneCookie(route), { times: 1 });
    const first = await page.goto('/transactions');
    expect(await first?.text()).toMatch(/\(<!-- -->UTC<!-- -->\)/);
    // by role: the copy rendered in UTC may stay in the page, hidden, after the one rendered again
    await expect(page.getByRole('textbox', { name: /^Received from \(E[SD]T\)/ })).toBeVisible();
  });
});

test.describe('a chosen zone', () => {
  test.use({ timezoneId: ZONE });

  test('a zone chosen on /account wins over the browser', async ({ page }) => {
    // A person of this test's own: the zone is theirs alone, so the specs beside it keep theirs.
    const person = await ownPerson('finance');
    await page.goto('/login');
    await signInOnForm(page, person);
    await expect(page.getByRole('heading', { name: 'Transactions' })).toBeVisible();
    await page.goto('/account');
    const example = page.getByText(/^Times read like this:/).locator('time');
    await expect(example).toHaveText(/ E[SD]T$/);
    await page.getByRole('combobox', { name: 'Time zone' }).selectOption('Asia/Tokyo');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Times are now shown in Asia/Tokyo.')).toBeVisible();
    await page.reload();
    await expect(example).toHaveText(/ GMT\+9$/);
    await page.getByRole('combobox', { name: 'Time zone' }).selectOption({ value: '' });
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText("Times are now shown in your browser's time zone.")).toBeVisible();
    await page.reload();
    await expect(example).toHaveText(/ E[SD]T$/);
  });
});

test.describe('deep links', () => {
  test('a page asked for without a session opens after sign-in', async ({ page }) => {
    await page.goto('/inbound?status=rejected');
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Finbound%3Fstatus%3Drejected$/);
    await signInOnForm(page, 'finance');
    await expect(page).toHaveURL(/\/inbound\?status=rejected$/);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  });

  test('after the session ends, sign-in returns to the page asked for', async ({
    page,
    transactions,
    sendPaidOrder,
  }) => {
    // A person of this test's own: ending a demo user's session would sign out specs beside it.
    const person = await ownPerson('support');
    const order = await sendPaidOrder();
    await page.goto('/login');
    await signInOnForm(page, person);
    await expect(page.getByRole('heading', { name: 'Transactions' })).toBeVisible();
    await transactions.openOrder(order);
    const wanted = new URL(page.url()).pathname;
    // End the session on the server, as idle expiry does: its row goes, the cookie stays.
    const session = (await page.context().cookies()).find((c) =>
      c.name.includes('next-auth.session-token'),
    );
    expect(session).toBeDefined();
    await suiteRows(
      'DELETE FROM user_sessions WHERE user_id = (SELECT id FROM users WHERE email = $1)',
      [person.email],
    );
    await page.goto(`${wanted}?tab=timeline`);
    await expect(page).toHaveURL(/\/login\?reason=expired&callbackUrl=/);
    await expect(page.getByRole('status')).toContainText('Your session ended');
    await signInOnForm(page, person);
    await expect(page).toHaveURL(new RegExp(`${wanted}\\?tab=timeline$`));
  });

  test('an absolute external callbackUrl is ignored', async ({ page }) => {
    await page.goto('/login?callbackUrl=https%3A%2F%2Fevil.example%2Fsteal');
    await signInOnForm(page, 'support');
    await expect(page.getByRole('heading', { name: 'Transactions' })).toBeVisible();
    expect(new URL(page.url()).origin).toBe(new URL(base()).origin);
    await page.goto('/login?callbackUrl=%2F%2Fevil.example%2Fsteal');
    // signed in already: the sign-in page forwards, never to another origin
    await expect(page.getByRole('heading', { name: 'Transactions' })).toBeVisible();
    expect(new URL(page.url()).origin).toBe(new URL(base()).origin);
  });
});
