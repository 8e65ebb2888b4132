import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const alias = { '@': fileURLToPath(new URL('.', import.meta.url)) };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: [
            '{lib,worker,simulators,scripts,components,prisma}/**/*.test.ts',
            // pure checks about the suites themselves (the actions' permission table, the scanner)
            'test/security/**/*.test.ts',
            'e2e/support/**/*.test.ts',
          ],
          exclude: ['**/*.integration.test.ts', 'node_modules/**'],
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['{lib,worker,simulators,scripts,test}/**/*.integration.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          // Suites start real servers and worker processes: one file at a time on two cores.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
