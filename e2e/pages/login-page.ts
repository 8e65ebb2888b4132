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
}
