// The few facts a spec arranges or checks below the console (a row to seed, an audit entry to
// read, a safety net that puts a setting back) go straight to the suite's database: one short
// connection per call, so no spec holds one open or has to remember to close it.
import pg from 'pg';

/**
 * Runs `work` on a short connection to the suite's own database (global-setup created it and
 * refuses any other), closed afterwards.
 */
export async function withSuiteDb<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The rows of one query on the suite's own database. */
export async function suiteRows<R extends pg.QueryResultRow>(
  text: string,
  values?: unknown[],
): Promise<R[]> {
  return withSuiteDb(async (client) => (await client.query<R>(text, values)).rows);
}

/** Order numbers for sendPaidOrder (e2e/support.ts): 60000 to 89999, shared by every worker. */
const ORDER_NUMBERS = 'e2e_order_numbers';

/** Made once per run by global-setup, before any spec can ask it for a number. */
export async function createOrderNumbers(): Promise<void> {
  await suiteRows(`CREATE SEQUENCE ${ORDER_NUMBERS} START 60000 MINVALUE 60000 MAXVALUE 89999`);
}

/** The next order number of the run: no other spec has sent it. */
export async function nextOrderNumber(): Promise<number> {
  const [row] = await suiteRows<{ n: string }>(`SELECT nextval('${ORDER_NUMBERS}') AS n`);
  return Number(row?.n);
}
