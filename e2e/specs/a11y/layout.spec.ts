import { expect, test } from '../../support';
import { sideways } from '../../support/page-sweep';

// The console fits the screen (that no page scrolls sideways on a phone, a laptop or a wide monitor
// is checked by the admin's sweep in console-pages.spec.ts, on the same page loads as axe): the
// transactions table keeps the column it sorts by in view; Search and Sign out stay on screen
// at 390 px; the keyboard reaches content in one Tab; dark mode is remembered.

test('the transactions table shows its Received column at 1280 px, the order pinned', async ({
  page,
  login,
  sendPaidOrder,
}) => {
  await sendPaidOrder();
  await page.setViewportSize({ width: 1280, height: 800 });
  await login.signInAs('support');
  await page.goto('/transactions');
  const received = page.getByRole('columnheader', { name: /Received/ });
  await expect(received).toBeInViewport({ ratio: 1 });
  // visible inside the table's own scroll box, not scrolled out of it
  const inside = await received.evaluate((th) => {
    const box = th.closest('.overflow-x-auto')?.getBoundingClientRect();
    const r = th.getBoundingClientRect();
    return !!box && r.left >= box.left && r.right <= box.right;
  });
  expect(inside).toBe(true);
  expect(await sideways(page)).toBeNull();
  // one Tab stop per row: the order link; the checkbox is reached with the arrow keys
  const row = page.getByTestId('transaction-row').first();
  const tabStops = await row.evaluate(
    (tr) =>
      Array.from(
        tr.querySelectorAll<HTMLElement>('a[href], button, input, select, [tabindex]'),
      ).filter((el) => el.tabIndex >= 0 && !el.hasAttribute('disabled')).length,
  );
  expect(tabStops).toBe(1);
  await row.getByRole('link').focus();
  await page.keyboard.press('ArrowLeft');
  await expect(row.getByRole('checkbox')).toBeFocused();
});

test('at 390 px Search and Sign out stay on screen and the menu opens the navigation', async ({
  page,
  login,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await login.signInAs('support');
  await expect(page.getByRole('button', { name: /^Search/ })).toBeInViewport({ ratio: 1 });
  await expect(page.getByRole('link', { name: 'Sign out' })).toBeInViewport({ ratio: 1 });
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  await page.getByRole('button', { name: 'Menu' }).click();
  const menu = page.getByRole('dialog', { name: 'Waybill' });
  const nav = menu.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Transactions' })).toHaveAttribute(
    'aria-current',
    'page',
  );
  await nav.getByRole('link', { name: 'Error queues' }).click();
  await expect(page).toHaveURL(/\/errors$/);
  await expect(menu).toBeHidden();
  // the palette opens from the header at this width too
  await page.getByRole('button', { name: /^Search/ }).click();
  await expect(page.getByRole('combobox', { name: 'Search orders' })).toBeVisible();
});

test('the first Tab is "Skip to content", and the sidebar marks the current page', async ({
  page,
  login,
  sendPaidOrder,
}) => {
  await sendPaidOrder();
  await login.signInAs('support');
  await page.goto('/errors');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('main#content')).toBeFocused();
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Error queues' })).toHaveAttribute(
    'aria-current',
    'page',
  );
  await expect(nav.getByRole('link', { name: 'Overview' })).not.toHaveAttribute(
    'aria-current',
    /.*/,
  );
  // grouped by job
  await expect(nav.getByRole('list', { name: 'Operate' })).toBeVisible();
  await expect(nav.getByRole('list', { name: 'Configure' })).toBeVisible();
});

test('dark mode follows the system until a theme is chosen, and the choice is remembered', async ({
  page,
  login,
}) => {
  const background = () =>
    page.evaluate(() => getComputedStyle(document.body).backgroundColor.toString());
  await page.emulateMedia({ colorScheme: 'dark' });
  await login.signInAs('support');
  const dark = await background();
  await page.emulateMedia({ colorScheme: 'light' });
  const light = await background();
  expect(dark).not.toBe(light);

  const theme = page.getByRole('group', { name: 'Colour theme' });
  await theme.getByRole('button', { name: 'Dark' }).click();
  expect(await background()).toBe(dark); // the system says light; the choice wins
  await page.reload();
  await expect(page.locator('html')).toHaveClass(/\bdark\b/);
  await expect(theme.getByRole('button', { name: 'Dark' })).toHaveAttribute('aria-pressed', 'true');
  expect(await background()).toBe(dark);
  await theme.getByRole('button', { name: 'System' }).click();
  expect(await background()).toBe(light);
});

test('the command palette goes to a page by its name', async ({ page, login }) => {
  await login.signInAs('finance');
  await page.keyboard.press('ControlOrMeta+k');
  await page.getByRole('combobox', { name: 'Search orders' }).fill('reconcil');
  await expect(page.getByRole('option', { name: /Reconciliation/ })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/reconciliation$/);
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reconciliation' }),
  ).toHaveAttribute('aria-current', 'page');
});
