import type { TestProject } from 'vitest/node';
import { testScryptCostOf } from '@/lib/env-parse';
import { hashPassword, SCRYPT_PARAMS } from '@/lib/identity/password';
import { dropDatabase, prepareTemplate, TEMPLATE_DB } from './database';
import { FIXTURE_PASSWORD } from './ledger-fixtures';

declare module 'vitest' {
  export interface ProvidedContext {
    /** FIXTURE_PASSWORD's hash at today's cost: test/support/seed-hash.setup.ts hands it to the seed */
    fixturePasswordHash: string;
  }
}

// One migrated template per vitest project: the two integration projects run side by side, and
// each names its own in its env (vitest.config.ts), which their test workers inherit. The fixture
// password is hashed here once: every suite seeds a tenant, and a hash at OWASP's cost is about
// half a second of CPU, paid again in each file's fresh module graph otherwise.
export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const template = project.config.env?.WB_TEST_TEMPLATE ?? TEMPLATE_DB;
  // at the cost the project's test workers hash at (the lib suites' is lower: vitest.config.ts)
  const cost = testScryptCostOf({ NODE_ENV: 'test', ...project.config.env }, SCRYPT_PARAMS.N);
  const params = { ...SCRYPT_PARAMS, N: cost ?? SCRYPT_PARAMS.N };
  const [hash] = await Promise.all([
    hashPassword(FIXTURE_PASSWORD, params),
    prepareTemplate(template),
  ]);
  project.provide('fixturePasswordHash', hash);
  return () => dropDatabase(template);
}
