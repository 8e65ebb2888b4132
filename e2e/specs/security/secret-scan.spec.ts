import { randomBytes } from 'node:crypto';
import { expect, registerSecret, test } from '../../support';

// The leak scanner must be able to fail: a response carrying a registered secret fails the test
// that saw it. test.fail() turns that expected failure into a pass — and a scanner that stopped
// looking into a failed run. The canary is served by the browser's own routing, so the app is
// never made to leak anything.
test('a page showing a registered secret fails its test', async ({ page }) => {
  test.fail(true, 'the scanner must fail this test: the page shows a registered secret');
  const canary = `canary_${randomBytes(12).toString('hex')}`;
  registerSecret(canary, 'scanner self-test canary');
  await page.route('**/__secret-canary', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: `<p>token ${canary}</p>` }),
  );
  await page.goto('/__secret-canary');
  await expect(page.getByText('token')).toBeVisible();
});

test('the same page without the secret passes', async ({ page }) => {
  await page.route('**/__secret-canary', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<p>token ********</p>' }),
  );
  await page.goto('/__secret-canary');
  await expect(page.getByText('token')).toBeVisible();
});
