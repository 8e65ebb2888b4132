import type { Page } from '@playwright/test';
import { openEveryOperation } from '../../support/api-reference';
import { downloadText } from '../../support/download';
import { expect, test } from '../../support';

// The API reference page (/api-reference): rendered on the server from the served OpenAPI
// document, for every signed-in role. Read-only. The sweeps (e2e/specs/a11y/) visit it closed,
// and again with every operation opened (api-reference-opened.spec.ts: axe and the layout check
// over the schema tables, in the parallel project).

type Document = {
  paths: Record<string, Record<string, { operationId: string; 'x-required-scope': string }>>;
};

async function servedDocument(page: Page): Promise<Document> {
  const response = await page.request.get('/api/v1/openapi.json');
  expect(response.status()).toBe(200);
  return (await response.json()) as Document;
}

test('a viewer finds the reference in the navigation, with every documented operation on it', async ({
  page,
  login,
}) => {
  await login.signInAs('viewer');
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'API reference' })
    .click();
  await expect(page).toHaveURL(/\/api-reference$/);
  await expect(page.getByRole('heading', { name: 'API reference', level: 1 })).toBeVisible();

  const doc = await servedDocument(page);
  const documented = Object.values(doc.paths)
    .flatMap((methods) => Object.values(methods).map((op) => op.operationId))
    .sort();
  const shown = await page
    .locator('main article[id]')
    .evaluateAll((articles) => articles.map((a) => a.id).sort());
  expect(shown).toEqual(documented);

  // grouped by tag, each group in the contents
  const contents = page.getByRole('navigation', { name: 'Contents' });
  for (const tag of ['Transactions', 'Connections', 'API tokens'])
    await expect(page.getByRole('heading', { name: tag, level: 2, exact: true })).toBeVisible();
  await expect(contents.getByRole('link', { name: 'Transactions', exact: true })).toBeVisible();
  // a viewer issues no tokens: the page says who does instead of linking to a page they cannot open
  await expect(page.getByText('An administrator issues API tokens.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Settings → API tokens' })).toHaveCount(0);
});

test('an operation shows its scope, roles, parameters, body and answers, with the error shape linked', async ({
  page,
  login,
}) => {
  await login.signInAs('support');
  await page.goto('/api-reference');
  const doc = await servedDocument(page);
  const timelineId = doc.paths['/api/v1/transactions/{id}/timeline']?.get?.operationId ?? '';
  const replayId = doc.paths['/api/v1/transactions/{id}/replay']?.post?.operationId ?? '';

  const timeline = page.locator(`article[id="${timelineId}"]`);
  await expect(timeline.getByRole('heading', { level: 3 })).toContainText(
    '/api/v1/transactions/{id}/timeline',
  );
  await expect(timeline).toContainText('Scope transactions.read');
  await expect(timeline).toContainText('signed-in roles: admin, support, finance, viewer');
  await timeline.getByText('Parameters, request and responses').click();
  const parameters = timeline.getByRole('table', { name: /^Parameters of GET/ });
  await expect(parameters.getByRole('row', { name: /^id required path/ })).toBeVisible();
  await expect(parameters.getByRole('row', { name: /^limit query integer/ })).toContainText(
    'default: 100',
  );
  await expect(timeline.getByRole('table', { name: /^200 response of GET/ })).toBeVisible();

  const replay = page.locator(`article[id="${replayId}"]`);
  await expect(replay).toContainText('signed-in roles: admin, support');
  await replay.getByText('Parameters, request and responses').click();
  await expect(
    replay
      .getByRole('table', { name: /^Request body of POST/ })
      .getByRole('row', { name: /^reason required/ }),
  ).toBeVisible();

  // 401/403/404/409/422 all answer the one error shape, shown once
  const unauthorised = replay.getByRole('listitem').filter({ hasText: /^401/ });
  await unauthorised.getByRole('link', { name: 'Error' }).click();
  await expect(page).toHaveURL(/#schema-Error$/);
  const errorShape = page.getByRole('table', { name: 'The Error schema' });
  await expect(errorShape.getByRole('row', { name: /^error required string/ })).toBeVisible();
  await expect(errorShape.getByRole('row', { name: /^message required string/ })).toBeVisible();
});

test('the raw document downloads from the page, and the tokens page links to the reference', async ({
  page,
  login,
}) => {
  await login.signInAs('admin');
  await page.goto('/api-reference');
  const { filename, text } = await downloadText(page, 'Download the OpenAPI document (JSON)');
  expect(filename).toBe('waybill-openapi.json');
  expect((JSON.parse(text) as { openapi: string }).openapi).toBe('3.1.0');

  await page.getByRole('link', { name: 'Settings → API tokens' }).click();
  await expect(page).toHaveURL(/\/settings\/tokens$/);
  await page.getByRole('link', { name: 'API', exact: true }).click();
  await expect(page).toHaveURL(/\/api-reference$/);
});

test('the page loads nothing from another origin and ships no script of its own', async ({
  page,
  login,
  baseURL,
}) => {
  await login.signInAs('viewer');
  const origin = new URL(baseURL ?? '').origin;
  const elsewhere: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol.startsWith('http') && url.origin !== origin) elsewhere.push(request.url());
  });
  await page.goto('/api-reference');
  await page.waitForLoadState('networkidle');
  await openEveryOperation(page);
  await page.waitForLoadState('networkidle');
  expect(elsewhere).toEqual([]);
  // fonts, stylesheets and scripts are all our own
  const foreign = await page.evaluate((own) => {
    const urls = [
      ...Array.from(document.querySelectorAll('script[src]')).map(
        (s) => (s as HTMLScriptElement).src,
      ),
      ...Array.from(document.querySelectorAll('link[href]')).map(
        (l) => (l as HTMLLinkElement).href,
      ),
    ];
    return urls.filter((u) => u.startsWith('http') && new URL(u).origin !== own);
  }, origin);
  expect(foreign).toEqual([]);
});
