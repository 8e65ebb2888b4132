import { defineConfig, devices } from '@playwright/test';
import { chromiumPath, HEADLESS_SHELL } from './scripts/lib/chromium-path.mjs';

// Debian's Chromium (its headless shell when installed): Playwright's own browser download is not
// possible on these machines.
const executablePath = chromiumPath() ?? HEADLESS_SHELL;

export default defineConfig({
  testDir: 'e2e/specs',
  globalSetup: './e2e/global-setup.ts',
  outputDir: '.reports/playwright',
  // Two at a time: the accessibility and layout sweeps (read-only page visits, half the run's
  // work) beside the flows, which run one at a time because they change shared state (pauses,
  // chaos, mappings). A flow that ends sessions or changes a person uses one of its own
  // (e2e/support/fresh-person.ts), so the sweeps' demo users stay signed in.
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL: process.env.E2E_BASE_URL,
    trace: 'retain-on-failure',
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
  // The sweeps first, both workers on them; then the flows on one (measured: letting a worker
  // take sweeps beside the flows saved nothing on 2 cores — the flows slowed by as much).
  projects: [
    {
      name: 'sweeps',
      testMatch: 'a11y/**/*.spec.ts',
      fullyParallel: true,
      use: { ...devices['Desktop Chrome'] },
    },
    {
      name: 'flows',
      testIgnore: 'a11y/**',
      fullyParallel: false,
      workers: 1,
      use: { ...devices['Desktop Chrome'] },
    },
  ],
});
