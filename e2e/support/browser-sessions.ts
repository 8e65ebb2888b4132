// Browsers of a spec's own people: signing in through the form, copying a session's cookies, and
// asking what a copied cookie still opens. For specs that end sessions (sessions, passwords).
import type { Browser, BrowserContext, Cookie, Page } from '@playwright/test';
import { expect } from '../support';

export const baseUrl = () => process.env.E2E_BASE_URL ?? '';

export async function browserFor(browser: Browser) {
  return browser.newContext({ baseURL: baseUrl() });
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Transactions' })).toBeVisible();
}

/** A browser signed in as the person, and a copy of its cookies as they are now. */
export async function signedIn(browser: Browser, person: { email: string; password: string }) {
  const context = await browserFor(browser);
  const page = await context.newPage();
  await signIn(page, person.email, person.password);
  return { context, page, cookies: await context.cookies() };
}

const cookieHeader = (cookies: Cookie[]) => cookies.map((c) => `${c.name}=${c.value}`).join('; ');

/** What the API answers the copied cookie (no redirects followed, nothing refreshed). */
export async function apiStatus(cookies: Cookie[]): Promise<number> {
  const response = await fetch(`${baseUrl()}/api/v1/transactions`, {
    headers: { cookie: cookieHeader(cookies) },
    redirect: 'manual',
  });
  await response.arrayBuffer();
  return response.status;
}

/** A fresh browser holding only the copied cookie is sent to sign in. Pages with a loading state
 *  stream first and redirect in the browser, so this waits for the URL rather than reading it. */
export async function sentToSignIn(browser: Browser, cookies: Cookie[], path = '/transactions') {
  const context = await browserFor(browser);
  try {
    await context.addCookies(cookies);
    const page = await context.newPage();
    await page.goto(path);
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  } finally {
    await context.close();
  }
}

export async function closeAll(...contexts: BrowserContext[]) {
  for (const c of contexts) await c.close();
}
