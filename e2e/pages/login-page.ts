import { expect, type Page } from '@playwright/test';

export type DemoRole = 'admin' | 'support' | 'finance' | 'viewer';

export class LoginPage {
  constructor(private readonly page: Page) {}

  async signInAs(role: DemoRole) {
    await this.page.goto('/login');
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
    await this.page.goto('about:blank');
    await this.page.context().clearCookies();
    await this.signInAs(role);
  }
}
