import type { TestProject } from 'vitest/node';
import { dropDatabase, prepareTemplate, TEMPLATE_DB } from './database';

// One migrated template per vitest project: the two integration projects run side by side, and
// each names its own in its env (vitest.config.ts), which their test workers inherit.
export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const template = project.config.env?.WB_TEST_TEMPLATE ?? TEMPLATE_DB;
  await prepareTemplate(template);
  return () => dropDatabase(template);
}
