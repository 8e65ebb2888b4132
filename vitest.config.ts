import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const alias = { '@': fileURLToPath(new URL('.', import.meta.url)) };
// Provider stubs and simulators listen on loopback, which the outbound guard refuses unless
// OUTBOUND_ALLOW_HOSTS names it (lib/outbound). The guard's own tests pass their allow lists.
// API_RESPONSE_CHECK: route handlers called in-process check their answers as the test stacks' do
const env = { OUTBOUND_ALLOW_HOSTS: '127.0.0.1', API_RESPONSE_CHECK: '1' };
// Two runs at once on one machine (a developer's and an editor's) must not drop each other's.
const template = (project: string) => `waybill_test_template_${process.pid}_${project}`;

// The order test files start in. On a clean clone vitest has no durations of earlier runs and
// starts the largest files first, so a short file running a long time-budgeted property (the fuzz
// suites) started last and ran on alone while the other worker idled. Fuzzing starts first, then
// the whole-stack suites; the many short files fill the other worker around them.
class LongFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const weight = ({ moduleId, project }: TestSpecification) =>
      /\.fuzz\.(integration\.)?test\.ts$/.test(moduleId)
        ? 2
        : Number(project.name === 'integration-stack');
    // a stable sort: within one weight, vitest's own order (earlier durations, then sizes) holds
    return (await super.sort(files)).sort((a, b) => weight(b) - weight(a));
  }
}

export default defineConfig({
  resolve: { alias },
  test: {
    // Three test files at once on two cores: the whole-stack suites spend much of their time
    // waiting on the processes they started (an outage's thirty seconds, a worker's restart, a
    // lease running out), and a third file fills that idle CPU: the integration step 355 -> 290 s
    // on one box (2026-12-07). The unit files only compute: two at a time (their project).
    maxWorkers: 3,
    sequence: { sequencer: LongFirstSequencer },
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          env,
          maxWorkers: 2,
          // Pure logic, no shared state to reset between files (process.env changes are restored
          // by the tests that make them): each worker keeps one module graph for all its files
          // instead of importing the graph afresh per file, which was half the step's time.
          isolate: false,
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
          // WAYBILL_TEST_SCRYPT_N: these suites sign people in hundreds of times in-process; they
          // hash at 2^12 instead of OWASP's 2^17 (lib/env-parse.ts testScryptCostOf). The unit
          // suite checks today's cost, and the stacks' and browsers' apps hash at it.
          env: {
            ...env,
            WB_TEST_TEMPLATE: template('lib'),
            WAYBILL_TEST_SCRYPT_N: String(2 ** 12),
          },
          // Suites of lib/ (and worker/, receiver/) that use their own database and redis-server, no web app or worker:
          // independent, so two files at a time.
          include: ['{lib,worker,receiver,simulators,scripts}/**/*.integration.test.ts'],
          // Every suite makes its own database (and redis-server) and closes what it opened, so a
          // worker keeps one module graph for all its files: importing lib/'s graph afresh per file
          // cost about 2.5 s of CPU each, 80 files (203 s -> 87 s for this project alone).
          isolate: false,
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
          // and redis-server): independent, so up to three at a time, sharing the slots with lib/'s.
          maxWorkers: 3,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
