import { expect, type Page } from '@playwright/test';

export type DemoRole = 'admin' | 'support' | 'finance' | 'viewer';

export class LoginPage {
  constructor(private readonly page: Page) {}

  async signInAs(role: DemoRole) {
    await this.page.goto('/login');
    await this.fillSignIn(role);
  }

  private async fillSignIn(role: DemoRole) {
    await this.page.getByLabel('Email').fill(`${role}@acme.test`);
    await this.page.getByLabel('Password').fill(process.env.E2E_PASSWORD ?? '');
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    await expect(this.page.getByRole('heading', { name: 'Transactions' })).toBeVisible();
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
