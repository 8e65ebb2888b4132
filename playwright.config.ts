import { defineConfig, devices } from '@playwright/test';
import { chromiumPath, HEADLESS_SHELL } from './scripts/lib/chromium-path.mjs';

// Debian's Chromium (its headless shell when installed): Playwright's own browser download is not
// possible on these machines.
const executablePath = chromiumPath() ?? HEADLESS_SHELL;

/**
 * Specs that may run beside any other: they sign in demo people without changing them, make their
 * own people, tenants, tokens, rules and orders, and assert only on those (or on nothing another
 * spec changes). Orders they send may meet admin/webhook-rotation's few seconds of a refused
 * secret: sendPaidOrder sends again (e2e/support.ts).
 */
const BESIDE = [
  'admin/alert-rules.spec.ts',
  'admin/business-checks.spec.ts',
  'admin/first-run.spec.ts',
  'admin/reveal-payload.spec.ts',
  'api/api-reference.spec.ts',
  'roles/overview.spec.ts',
  'roles/permission-matrix.spec.ts',
  'roles/server-refusals.spec.ts',
  'roles/time-and-deep-links.spec.ts',
  'roles/viewer-access.spec.ts',
  'security/cross-tenant.spec.ts',
  'security/headers.spec.ts',
  'security/passwords.spec.ts',
  'security/secret-scan.spec.ts',
  'security/server-actions-fuzz.spec.ts',
  'security/sessions.spec.ts',
  'security/single-sign-on.spec.ts',
  'security/two-factor.spec.ts',
].map((spec) => `**/${spec}`);

export default defineConfig({
  testDir: 'e2e/specs',
  globalSetup: './e2e/global-setup.ts',
  outputDir: '.reports/playwright',
  // Two at a time (see projects): the sweeps, then the flows one at a time beside the specs that
  // share nothing. A flow that ends sessions or changes a person uses one of its own
  // (e2e/support/fresh-person.ts), so the demo users of the specs beside it stay signed in.
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL: process.env.E2E_BASE_URL,
    // No trace by default: recording one for every test cost about a tenth of the suite's CPU
    // (ADR 0031), and a CI log keeps none. To debug a failure, run the spec again with
    // `npx playwright test <spec> --trace retain-on-failure` (or `--trace on`).
    trace: 'off',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  // The sweeps first, both workers on them. Then two lanes at once (the flows alone left about a
  // third of the two cores idle, waiting on the worker and the simulators): `flows`, one spec at a
  // time, for the specs that change what others read (pauses, chaos, mappings, secrets, demo
  // people, tenants) or count what others add; and `beside`, the specs that only add data of their
  // own and read nothing another spec changes, on the other worker. A spec belongs in BESIDE only
  // when both hold (a new spec defaults to `flows`).
  projects: [
    {
      name: 'sweeps',
      testMatch: 'a11y/**/*.spec.ts',
      fullyParallel: true,
      use: { ...devices['Desktop Chrome'] },
    },
    {
      name: 'flows',
      testIgnore: ['a11y/**', ...BESIDE],
      fullyParallel: false,
      workers: 1,
      use: { ...devices['Desktop Chrome'] },
    },
    {
      name: 'beside',
      testMatch: BESIDE,
      fullyParallel: false,
      use: { ...devices['Desktop Chrome'] },
    },
  ],
});
