import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const alias = { '@': fileURLToPath(new URL('.', import.meta.url)) };
// Provider stubs and simulators listen on loopback, which the outbound guard refuses unless
// OUTBOUND_ALLOW_HOSTS names it (lib/outbound). The guard's own tests pass their allow lists.
// API_RESPONSE_CHECK: route handlers called in-process check their answers as the test stacks' do
const env = { OUTBOUND_ALLOW_HOSTS: '127.0.0.1', API_RESPONSE_CHECK: '1' };
// Two runs at once on one machine (a developer's and an editor's) must not drop each other's.
const template = (project: string) => `waybill_test_template_${process.pid}_${project}`;

export default defineConfig({
  resolve: { alias },
  test: {
    maxWorkers: 2,
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          env,
          include: [
            '{lib,worker,receiver,simulators,scripts,components,prisma}/**/*.test.ts',
            // pure checks about the suites themselves (the actions' permission table, the scanner)
            'test/security/**/*.test.ts',
            // property-based suites that need no server (test/fuzz/budget.ts sets their time)
            'test/fuzz/**/*.fuzz.test.ts',
            'e2e/support/**/*.test.ts',
          ],
          exclude: ['**/*.integration.test.ts', 'node_modules/**'],
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          env: { ...env, WB_TEST_TEMPLATE: template('lib') },
          // Suites of lib/ (and worker/, receiver/) that use their own database and redis-server, no web app or worker:
          // independent, so two files at a time.
          include: ['{lib,worker,receiver,simulators,scripts}/**/*.integration.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          setupFiles: ['test/support/seed-hash.setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration-stack',
          env: { ...env, WB_TEST_TEMPLATE: template('stack') },
          include: ['test/**/*.integration.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          setupFiles: ['test/support/seed-hash.setup.ts'],
          // Suites that start a whole Waybill (web app, worker, simulators; each its own database
          // and redis-server): independent, so two at a time, sharing the two slots with lib/'s.
          maxWorkers: 2,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
