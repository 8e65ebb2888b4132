import { expect, type Cookie, type Page } from '@playwright/test';
import { DEFAULT_AFTER_SIGN_IN as LANDING } from '@/lib/base/callback-path';

export type DemoRole = 'admin' | 'support' | 'finance' | 'viewer';

/**
 * A demo person's session, signed in through the form once per test process and reused by the
 * tests after it: each sign-in costs the web app a password hash at OWASP's cost and the browser
 * two page loads, a hundred times a run. Only the session cookie is kept (the theme's stays each
 * test's own). The demo people's sessions are never ended by a spec (those that end sessions or
 * change a person use people of their own: e2e/support/fresh-person.ts); if one ended anyway, the
 * console sends the test to /login and it signs in through the form. Kept for ten minutes, well
 * inside the idle limit (30) that the first sign-in's token starts.
 */
const SESSION_REUSE_MS = 10 * 60_000;
const sessions = new Map<DemoRole, { cookies: Cookie[]; at: number }>();

export class LoginPage {
  constructor(private readonly page: Page) {}

  /** `fresh`: through the form, a session of this test's own (one it may switch or end). */
  async signInAs(role: DemoRole, options: { fresh?: boolean } = {}) {
    if (!options.fresh && (await this.reuseSession(role))) return;
    await this.page.goto('/login');
    await this.fillSignIn(role);
  }

  private async reuseSession(role: DemoRole): Promise<boolean> {
    const saved = sessions.get(role);
    if (!saved || Date.now() - saved.at > SESSION_REUSE_MS) return false;
    await this.page.context().addCookies(saved.cookies);
    await this.page.goto(LANDING);
    if (new URL(this.page.url()).pathname !== LANDING) {
      sessions.delete(role);
      await this.page.context().clearCookies();
      return false;
    }
    await expect(this.page.getByRole('heading', { name: 'Transactions' })).toBeVisible();
    return true;
  }

  private async fillSignIn(role: DemoRole) {
    await this.page.getByLabel('Email').fill(`${role}@acme.test`);
    await this.page.getByLabel('Password').fill(process.env.E2E_PASSWORD ?? '');
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    await expect(this.page.getByRole('heading', { name: 'Transactions' })).toBeVisible();
    const cookies = (await this.page.context().cookies()).filter((c) =>
      c.name.includes('session-token'),
    );
    if (cookies.length) sessions.set(role, { cookies, at: Date.now() });
  }

  /**
   * Signs the current person out of this browser and `role` in. The page is left first: a request
   * the console still had in flight (a refresh, a session check) could otherwise answer after the
   * cookies are cleared and set the old session again, and /login would redirect as that person.
   */
  async switchTo(role: DemoRole) {
    // A late answer can still land after the cookies are cleared (a busy machine: seen in CI
    // once), so /login is asked until it shows its form rather than the previous person's console.
    await expect(async () => {
      await this.page.goto('about:blank');
      await this.page.context().clearCookies();
      await this.page.goto('/login');
      await expect(this.page.getByLabel('Email')).toBeVisible({ timeout: 3000 });
    }).toPass({ timeout: 30_000 });
    await this.fillSignIn(role);
  }
}
