// The web and worker processes connect as `waybill_app`, the role the migrations create, which may
// not update or delete the audit log (docs/adr/0010). On a fresh installation it has no password;
// `waybill migrate --set-app-password` gives it one (the deployment's APP_DATABASE_PASSWORD).
import pg from 'pg';

export async function setAppRolePassword(
  connectionString: string,
  password: string,
): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    // ALTER ROLE takes no bind parameters: the literal is escaped by the driver.
    await client.query(`ALTER ROLE waybill_app PASSWORD ${client.escapeLiteral(password)}`);
  } finally {
    await client.end();
  }
}
