// Raw ceiling for ingest: a bare node:http server that stores each request body with one pg INSERT
// (one commit) and answers 202. Same pool size as the web app. Whatever Waybill's ingest does on
// top of this is measured as a ratio against it in the same run.
import { createServer } from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DB_POOL_SIZE ?? 10),
});
await pool.query(
  'CREATE TABLE IF NOT EXISTS bench_ceiling (id bigserial PRIMARY KEY, body text NOT NULL, received_at timestamptz NOT NULL DEFAULT now())',
);

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    pool
      .query('INSERT INTO bench_ceiling (body) VALUES ($1)', [
        Buffer.concat(chunks).toString('utf8'),
      ])
      .then(() => {
        res.writeHead(202, { 'content-type': 'application/json' }).end('{"status":"accepted"}');
      })
      .catch(() => res.writeHead(503).end());
  });
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('ceiling listening'));
process.on('SIGTERM', () => {
  server.close();
  void pool.end().then(() => process.exit(0));
});
