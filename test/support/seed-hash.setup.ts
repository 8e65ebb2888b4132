// Runs before each integration file (vitest.config.ts setupFiles): the seed reuses the fixture
// password's hash made once by test/support/global-setup.ts instead of making its own.
import { inject } from 'vitest';
import { rememberSeedHash } from '@/prisma/seed-demo';
import { FIXTURE_PASSWORD } from './ledger-fixtures';

rememberSeedHash(FIXTURE_PASSWORD, inject('fixturePasswordHash'));
