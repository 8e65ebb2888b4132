import { expect, test } from '../../support';

// What proxy.ts promises, seen from the outside: pages carry a CSP whose nonce is on every script
// Next rendered (so the console still runs), a fresh nonce per request, the fixed defences, and a
// request id; API answers carry the deny-all policy and a request id; the webhook receiver keeps
// its fixed headers without the proxy.
test('a page gets a nonce CSP that its own scripts carry, fresh per request', async ({
  page,
  login,
}) => {
  await login.signInAs('support');
  const first = await page.goto('/transactions');
  const csp = first?.headers()['content-security-policy'] ?? '';
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce, csp).toBeTruthy();
  expect(csp).toContain("'strict-dynamic'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toContain('unsafe-eval'); // the suite runs the production build, not dev
  // Every script tag the server rendered carries this request's nonce (chunks they load later
  // are allowed by 'strict-dynamic').
  const html = (await first?.text()) ?? '';
  const tags = html.match(/<script\b[^>]*>/g) ?? [];
  expect(tags.length).toBeGreaterThan(0);
  for (const tag of tags) expect(tag).toContain(`nonce="${nonce}"`);
  // Hydrated and allowed to run: the heading of a client-rendered screen shows.
  await expect(page.getByRole('heading', { name: 'Transactions' })).toBeVisible();

  const second = await page.goto('/transactions');
  expect(second?.headers()['content-security-policy']).not.toBe(csp);
  const headers = second?.headers() ?? {};
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(headers['cross-origin-opener-policy']).toBe('same-origin');
  expect(headers['permissions-policy']).toContain('camera=()');
  expect(headers['x-request-id']).toMatch(/^[A-Za-z0-9._:-]{8,100}$/);
  expect(headers['strict-transport-security']).toBeUndefined(); // plain http here
});

test('no CSP violation is reported while the console renders', async ({ page, login }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(m.text()))
      violations.push(m.text());
  });
  await login.signInAs('admin');
  for (const path of ['/', '/transactions', '/errors', '/connections', '/replays']) {
    await page.goto(path);
    await page.waitForLoadState('load');
  }
  expect(violations).toEqual([]);
});

test("API answers carry a request id (a client's own only through a trusted proxy) and the deny-all policy", async ({
  request,
}) => {
  const fresh = await request.get('/api/v1/transactions');
  expect(fresh.status()).toBe(401);
  expect(fresh.headers()['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  expect(fresh.headers()['content-security-policy']).toContain("default-src 'none'");
  // no proxy is trusted here (TRUSTED_PROXY_HOPS=0): a client's id is its own choice, not kept
  const untrusted = await request.get('/api/v1/transactions', {
    headers: { 'x-request-id': 'trace-abc-12345' },
  });
  expect(untrusted.headers()['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  const replaced = await request.get('/api/v1/transactions', {
    headers: { 'x-request-id': 'bad id with spaces' },
  });
  expect(replaced.headers()['x-request-id']).not.toBe('bad id with spaces');
});

test('the webhook receiver keeps its fixed headers without going through the proxy', async ({
  request,
}) => {
  const response = await request.post(process.env.E2E_INGEST_URL ?? '', { data: '{}' });
  expect(response.status()).toBe(401); // unsigned
  expect(response.headers()['x-content-type-options']).toBe('nosniff');
  expect(response.headers()['content-security-policy']).toContain("default-src 'none'");
});
