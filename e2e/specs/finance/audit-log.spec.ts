import { expect, test } from '../../support';
import { AuditPage } from '../../pages/audit-page';
import { parseCsv } from '../../support/csv';

test('finance filters the audit log, verifies the chain and downloads it', async ({
  page,
  login,
}) => {
  const audit = new AuditPage(page);
  await login.signInAs('finance');
  await audit.open();
  await expect(audit.heading()).toBeVisible();

  // The export is itself audited, so after it the log has at least this entry.
  const { filename, text } = await audit.exportCsv();
  expect(filename).toMatch(/^audit-log-.*\.csv$/);
  const [header, first] = text.split('\r\n');
  const [, firstRow] = parseCsv(text);
  expect(header).toBe(
    'seq,time,actor,actor_kind,action,object_type,object_id,reason,request_id,before,after,hash',
  );
  // newest first: the file's first entry is its own export, by finance
  expect(first).toContain('audit.exported');
  expect(first).toContain(filename);

  await audit.open();
  await audit.filterByAction('audit exported');
  await expect(audit.rows().first()).toBeVisible();
  await expect(audit.rows().filter({ hasNotText: 'audit exported' })).toHaveCount(0);
  // Specs beside this one export the log too (an admin's, a second later, was first in one run;
  // another's, in the same second, had the same file name): this export's row is the one naming
  // its file and its request.
  const requestId = firstRow?.[header?.split(',').indexOf('request_id') ?? -1] ?? '';
  expect(requestId).not.toBe('');
  await expect(
    audit.rows().filter({ hasText: filename }).filter({ hasText: requestId }),
  ).toHaveCount(1);

  const result = await audit.verifyChain();
  expect(result).toMatch(/Chain intact: [\d,]+ entr(y|ies), head #\d+ [0-9a-f]{64}/);
});

test('the audit log is refused to a viewer, by the page and by the API', async ({
  page,
  login,
}) => {
  await login.signInAs('viewer');
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }),
  ).toHaveCount(0);
  const audit = new AuditPage(page);
  const response = await audit.open();
  expect(response?.status()).toBe(403);
  await expect(
    page.getByRole('heading', { name: 'You do not have access to this page' }),
  ).toBeVisible();
  expect((await page.request.get('/api/v1/audit')).status()).toBe(403);
  expect((await page.request.get('/api/v1/audit/export')).status()).toBe(403);
});
