import { dropDatabase, prepareTemplate, TEMPLATE_DB } from './database';

export async function setup(): Promise<void> {
  await prepareTemplate();
}

export async function teardown(): Promise<void> {
  await dropDatabase(TEMPLATE_DB);
}
