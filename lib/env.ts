// The only reader of process.env (the pure parsing and rules it uses: env-parse.ts, env-oidc.ts).
// Each process parses what it needs once, validated by zod, and
// fails fast with a message naming the variable. Development defaults live in .env.example only.
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { KEY_ID_PATTERN, keyRingFromEnv } from '@/lib/crypto/key-ring';
import { oidcEnvOf, type OidcSettings } from './env-oidc';
import { intFrom, parseVars, productionProblems, testScryptCostOf } from './env-parse';

export { oidcEnvOf, type OidcSettings } from './env-oidc';
export { DEVELOPMENT_SECRETS, productionProblems } from './env-parse';

let dotEnvLoaded = false;
/** Loads .env once when present; variables already set win. Scripts call it before reading config. */
export function loadDotEnv(): void {
  if (dotEnvLoaded) return;
  dotEnvLoaded = true;
  // Next loads .env itself; the worker and scripts rely on this. Existing variables win.
  if (existsSync('.env')) process.loadEnvFile('.env');
}

function parse<T extends z.ZodType>(
  schema: T,
  what: string,
  vars: Record<string, string | undefined> = process.env,
): z.infer<T> {
  loadDotEnv();
  return parseVars(schema, what, vars);
}

/** `npm run demo` runs the production build with .env.example's values and says so; nothing
 *  else may set this (docs/deploy.md). */
const DEV_SETTINGS_ALLOWED = 'WAYBILL_ALLOW_DEVELOPMENT_SETTINGS';

let productionChecked = false;
/** Throws, naming each setting, when NODE_ENV=production and a development value is in use. */
export function refuseDevelopmentSettingsInProduction(): void {
  if (productionChecked) return;
  loadDotEnv();
  const allowed = process.env[DEV_SETTINGS_ALLOWED] === '1';
  if (process.env.NODE_ENV === 'production' && allowed)
    console.warn(
      `${DEV_SETTINGS_ALLOWED}=1: development settings allowed (the demo); never in production`,
    );
  if (process.env.NODE_ENV === 'production' && !allowed) {
    const problems = productionProblems(process.env);
    if (problems.length > 0)
      throw new Error(
        `Refusing to start with NODE_ENV=production:\n  ${problems.join('\n  ')}\nSee docs/deploy.md.`,
      );
  }
  productionChecked = true;
}

let oidc: { settings: OidcSettings | null } | undefined;
/** The instance's OpenID Connect provider, or null: no single sign-on. Read once. */
export function oidcEnv(): OidcSettings | null {
  refuseDevelopmentSettingsInProduction();
  return (oidc ??= { settings: oidcEnvOf(process.env) }).settings;
}

const serverSchema = z.object({
  DATABASE_URL: z.string().startsWith('postgres', 'must be a postgresql:// URL'),
  /** a read replica of that database (streaming replication): the console's heavy read screens
   *  query it (lib/server/context.ts, readDb); unset or empty: everything reads the primary */
  DATABASE_READ_URL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string().startsWith('postgres', 'must be a postgresql:// URL').optional(),
  ),
  REDIS_URL: z.string().startsWith('redis', 'must be a redis:// URL'),
  /** Redis key prefix of the queues (and of the limits kept in Redis). In braces, a Redis Cluster
   *  hash tag: all of a queue's keys in one slot, as BullMQ requires on a cluster. A prefix set
   *  without braces (the default before, `waybill`) still works on a single Redis. */
  QUEUE_PREFIX: z.string().min(1).default('{waybill}'),
  /** base64 of 32 random bytes: encrypts connection secrets at rest. Key id "k1" of the key ring;
   *  optional once WAYBILL_ENCRYPTION_KEYS holds every key in use (docs/operations.md) */
  WAYBILL_ENCRYPTION_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be base64 of exactly 32 bytes')
    .optional(),
  /** more keys for rotation: "k2:<base64>,k3:<base64>" (lib/crypto/key-ring.ts) */
  WAYBILL_ENCRYPTION_KEYS: z.string().optional(),
  /** the key id new secrets are sealed with; default "k1" (WAYBILL_ENCRYPTION_KEY) */
  WAYBILL_ENCRYPTION_KEY_ID: z
    .string()
    .regex(KEY_ID_PATTERN, 'must be 1-32 of A-Z a-z 0-9 - _')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  INGEST_MAX_BODY_BYTES: intFrom(1024 * 1024),
  /** ingest answers 503 when the ledger write has not committed within this budget */
  INGEST_DEADLINE_MS: intFrom(5000),
  DB_POOL_SIZE: intFrom(10),
  DB_CONNECT_TIMEOUT_MS: intFrom(2000),
  /** 0 behind a pooler in transaction mode that cannot keep named prepared statements (ADR 0032) */
  DB_PREPARED_STATEMENTS: z.enum(['0', '1']).default('1'),
  WORKER_CONCURRENCY: intFrom(16),
  /** BullMQ lock: a killed worker's job is picked up again after about this long */
  WORKER_LOCK_MS: intFrom(30_000),
  /** how often the dispatch sweep wakes connections with due work (retries, lost wake-ups) */
  DISPATCH_SWEEP_INTERVAL_MS: intFrom(1000),
  /** a claimed outbox row returns to the queue after this long if its worker died */
  DISPATCH_LEASE_MS: intFrom(30_000),
  /** transactions claimed per batch and settled in one statement */
  DISPATCH_BATCH_SIZE: intFrom(200),
  /** claim-dispatch-settle loops per connection drain shard: one batch's SQL overlaps another's
   *  HTTP. Default 2 (with DRAIN_SHARDS 2, four per connection): measured in the 0 ms drain of
   *  `npm run bench`, eight per connection ran about a tenth slower than four, their batches
   *  half as large (a lane's batch is a few rounds of its share of the concurrency) */
  DISPATCH_LANES: intFrom(2),
  /** shard jobs per connection drain, so one busy connection can use this many worker processes
   *  (they share its rate limit and split its concurrency exactly). Default 2: a second worker
   *  can help any connection, while each shard still gets several of a connection's concurrency
   *  slots (the default 32, or a provider's small limit: a shard left with none idles) and a
   *  sweep queues only twice the jobs. Set it to the number of workers that should share one
   *  connection; 1 is the old one-drain-per-connection. Every process must use the same value. */
  DRAIN_SHARDS: z.coerce.number().int().min(1).max(64).default(2),
  /** after a batch under half full, a drain lane waits this long so the next one fills */
  DISPATCH_FILL_WAIT_MS: intFrom(60),
  /** a connection's drain yields after this long so others get their turn */
  DISPATCH_BUDGET_MS: intFrom(10_000),
  /** a rate-limited connection's window is one second plus this (lib/engine/rate-limiter.ts): its
   *  limit holds at the provider for requests arriving up to this long after their slot was
   *  granted. Raise it for a distant provider or a loaded host; it costs this share of a second
   *  of a connection's throughput only while its limit binds. Every worker must use the same. */
  RATE_LIMIT_MARGIN_MS: z.coerce.number().int().min(0).max(1000).default(100),
  /** the worker's /metrics and /health (worker/observability/metrics-server.ts); 0: a free port
   *  the system picks, logged at start (tests, several workers on one host) */
  WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65_535).default(9464),
  /** where that server listens; loopback unless a scraper on another host must reach it */
  WORKER_METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  PROVIDER_TIMEOUT_MS: intFrom(10_000),
  /** alert deliveries (lib/alerts/channels) give up after this long; retried after a backoff */
  ALERT_DELIVERY_TIMEOUT_MS: intFrom(5_000),
  /** email alerts (lib/alerts/channels/email.ts): smtp://user:pass@host:587 or smtps://…:465 */
  SMTP_URL: z.url().optional(),
  /** the From of email alerts, e.g. "Waybill alerts <alerts@example.com>" */
  ALERT_EMAIL_FROM: z.string().min(3).optional(),
  /** the console's public URL: alert links point into it (the worker reads it too) */
  NEXTAUTH_URL: z.url().optional(),
  /** ingest flood limits (lib/ingest/ingest-limits.ts), fixed windows of this many seconds */
  INGEST_LIMIT_WINDOW_SECONDS: intFrom(10),
  /** deliveries per window to one connection (tenant/connection path), accepted or not */
  INGEST_LIMIT_PER_CONNECTION: intFrom(50_000),
  /** deliveries per window from one client address, to any connection */
  INGEST_LIMIT_PER_ADDRESS: intFrom(100_000),
  /** refused deliveries (bad signature, unknown path, bounds) per window to one connection */
  INGEST_REFUSED_PER_CONNECTION: intFrom(300),
  /** refused deliveries per window from one client address; past it the address gets 429 only */
  INGEST_REFUSED_PER_ADDRESS: intFrom(300),
  /** refused deliveries kept per connection (the latest); older ones live on as a count */
  INGEST_REFUSED_KEEP: intFrom(100),
  /** how often the worker's retention sweep runs each tenant's payload retention (lib/retention/) */
  RETENTION_EVERY_MS: intFrom(24 * 60 * 60 * 1000),
  /** how often the issue upkeep reads new failures (lib/issues/upkeep-schedule.ts) */
  ISSUE_UPKEEP_EVERY_MS: z.coerce.number().int().min(1000).default(15_000),
  /** how old a timeline entry must be before the upkeep passes it: longer than any statement that
   *  writes the timeline can stay uncommitted (ADR 0028). Shorter only where statements are known
   *  to be short (the test stacks). */
  ISSUE_UPKEEP_LAG_MS: z.coerce.number().int().min(1000).default(60_000),
  /** rows a retention batch rewrites in one statement (its own short transaction) */
  RETENTION_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(1000),
});

export type ServerEnv = z.infer<typeof serverSchema>;

/** The key ring must be buildable: fail at start-up naming the variable, not at the first secret. */
const serverSchemaWithKeyRing = serverSchema.superRefine((env, ctx) => {
  try {
    keyRingFromEnv(env);
  } catch (error) {
    ctx.addIssue({
      code: 'custom',
      path: ['WAYBILL_ENCRYPTION_KEYS'],
      message: error instanceof Error ? error.message : 'invalid key ring',
    });
  }
  // A dead worker's claims come due when their lease runs out, at least two thirds of it after
  // its last call was sent (leases are renewed every third). That call must be over by then, or
  // the next attempt's lookup can miss a create still under way at a provider without
  // idempotency keys, and create it twice.
  if (env.DISPATCH_LEASE_MS < 2 * env.PROVIDER_TIMEOUT_MS)
    ctx.addIssue({
      code: 'custom',
      path: ['DISPATCH_LEASE_MS'],
      message: `must be at least twice PROVIDER_TIMEOUT_MS (${env.PROVIDER_TIMEOUT_MS} ms): a dead worker's last call must be over before its work is claimed again`,
    });
});

const authSchema = z.object({
  NEXTAUTH_SECRET: z.string().min(16, 'must be at least 16 characters'),
  /** the app's public URL; API mutations with a session cookie must come from this origin */
  NEXTAUTH_URL: z.url().optional(),
  /** a session ends after this long without a request from its browser */
  SESSION_IDLE_MINUTES: intFrom(30),
  /** and in any case this long after signing in */
  SESSION_MAX_HOURS: intFrom(12),
  /** sign-in attempts one address may make per window (successful ones give theirs back) */
  SIGN_IN_IP_MAX_ATTEMPTS: intFrom(20),
  SIGN_IN_IP_WINDOW_SECONDS: intFrom(300),
});

const demoSchema = z.object({
  DEMO_TENANT_SLUG: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .default('acme'),
  DEMO_TENANT_NAME: z.string().default('Acme Outfitters'),
  DEMO_PASSWORD: z.string().min(8),
  DEMO_USER_DOMAIN: z.string().default('acme.test'),
  COMMERCE_WEBHOOK_SECRET: z.string().min(8),
  COMMERCE_SIM_URL: z.url(),
  WAREHOUSE_SIM_URL: z.url(),
  WAREHOUSE_API_TOKEN: z.string().min(4),
  WAREHOUSE_WEBHOOK_SECRET: z.string().startsWith('whsec_'),
  PAYMENTS_SIM_URL: z.url(),
  PAYMENTS_API_KEY: z.string().min(4),
  PAYMENTS_WEBHOOK_SECRET: z.string().min(8),
  ERP_SIM_URL: z.url(),
  ERP_API_KEY: z.string().min(4),
  CRM_SIM_URL: z.url(),
  CRM_API_KEY: z.string().min(4),
  // the 3PL no adapter knows (a generic HTTP connection); defaults match simulators/index.ts so an
  // older .env still seeds it
  DOCKYARD_SIM_URL: z.url().default('http://127.0.0.1:4106'),
  DOCKYARD_CLIENT_ID: z.string().min(4).default('dockyard-dev-client'),
  DOCKYARD_CLIENT_SECRET: z.string().min(8).default('dockyard-dev-secret'),
  DOCKYARD_WEBHOOK_SECRET: z.string().min(8).default('dev-dockyard-webhook-secret'),
  INVENTORY_POLL_EVERY_MS: z.coerce.number().int().min(0).default(60_000),
});

export type DemoEnv = z.infer<typeof demoSchema>;

const outboundSchema = z.object({
  /** comma-separated hosts/IPs every outbound request (provider calls, connection tests, alert
   *  webhooks) may reach although internal (lib/outbound) */
  OUTBOUND_ALLOW_HOSTS: z.string().optional(),
  /** the former, alerts-only name of OUTBOUND_ALLOW_HOSTS: read only when that one is unset */
  ALERT_WEBHOOK_ALLOW_HOSTS: z.string().optional(),
});

/** The outbound allow list as configured (comma-separated), falling back to its former name. */
export function outboundAllowHostsSetting(): string | undefined {
  const env = parse(outboundSchema, 'outbound');
  return env.OUTBOUND_ALLOW_HOSTS ?? env.ALERT_WEBHOOK_ALLOW_HOSTS;
}

let server: ServerEnv | undefined;
export function serverEnv(): ServerEnv {
  refuseDevelopmentSettingsInProduction();
  return (server ??= parse(serverSchemaWithKeyRing, 'server'));
}

/** The server settings of `vars` (not process.env, not cached): what serverEnv() would make of
 *  them, for tests and for composing clients from settings of one's own. Throws naming each bad
 *  variable. */
export function serverEnvOf(vars: Record<string, string | undefined>): ServerEnv {
  return parse(serverSchemaWithKeyRing, 'server', vars);
}

export function authEnv(): z.infer<typeof authSchema> {
  refuseDevelopmentSettingsInProduction();
  return parse(authSchema, 'auth');
}

const migrateSchema = z.object({
  /** the password `waybill migrate --set-app-password` gives the waybill_app role */
  APP_DATABASE_PASSWORD: z.string().min(16, 'must be at least 16 characters'),
});

export function migrateEnv(): z.infer<typeof migrateSchema> {
  return parse(migrateSchema, 'migrate');
}

export function demoEnv(): DemoEnv {
  return parse(demoSchema, 'demo');
}

/** The web server's start (instrumentation.ts): every setting it will need, checked now, so a
 *  misconfigured server exits at once instead of failing its first request. */
export function checkWebSettings(): void {
  serverEnv();
  authEnv();
  oidcEnv();
  trustedProxyHops();
  signInOverallEnv();
  metricsToken();
}

/** The lib integration suites' lower scrypt N, or null (env-parse.ts says when it counts). */
export const testScryptCost = (todays: number): number | null =>
  testScryptCostOf(process.env, todays);

/** NODE_ENV as Next and tooling set it; read here so nothing else touches process.env. */
export function isProduction(): boolean {
  return process.env.NODE_ENV === 'production';
}

export interface EdgeEnv {
  /** `next dev`: the CSP allows eval (React's debugging) and websockets (HMR) */
  development: boolean;
  /** NEXTAUTH_URL (the app's public URL) is https: HSTS is sent only then */
  https: boolean;
  /** TRUSTED_PROXY_HOPS > 0: a client's x-request-id comes through a proxy we trust */
  trustRequestId: boolean;
}

let edge: EdgeEnv | undefined;
/** What proxy.ts needs on every request, read once; it never fails (nothing here is required). */
export function edgeEnv(): EdgeEnv {
  return (edge ??= {
    development: process.env.NODE_ENV === 'development',
    https: (process.env.NEXTAUTH_URL ?? '').toLowerCase().startsWith('https://'),
    trustRequestId: trustedProxyHops() > 0,
  });
}

const hopsSchema = z.object({
  /** proxies in front of the web server that append to X-Forwarded-For; 0 = none: the socket's
   *  address is the client's, X-Forwarded-For and a client's x-request-id are ignored
   *  (lib/base/client-address.ts) */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
});
const overallSchema = z.object({
  /** failed sign-ins across all addresses and accounts per window before every sign-in waits */
  SIGN_IN_OVERALL_MAX_FAILURES: intFrom(1000),
  SIGN_IN_OVERALL_WINDOW_SECONDS: intFrom(300),
});
/** The overall sign-in ceiling (lib/identity/sign-in-throttle.ts); nothing here is required. */
export function signInOverallEnv(): z.infer<typeof overallSchema> {
  return parse(overallSchema, 'sign-in');
}

let hops: number | undefined;
/** Read once; a bad value fails at start-up (checkWebSettings), naming the variable. */
export function trustedProxyHops(): number {
  return (hops ??= parse(hopsSchema, 'proxy').TRUSTED_PROXY_HOPS);
}

const receiverSchema = z.object({
  /** the address the ingest receiver (receiver/index.ts) listens on; 0.0.0.0 behind a load balancer */
  RECEIVER_HOST: z.string().min(1).default('127.0.0.1'),
  /** its port (0: any free one) */
  RECEIVER_PORT: z.coerce.number().int().min(0).max(65_535).default(3100),
  /** idle keep-alive of its connections: longer than a load balancer's (60 s), so the balancer
   *  never sends a request on a socket being closed */
  RECEIVER_KEEP_ALIVE_TIMEOUT_MS: intFrom(65_000),
});
/** The ingest receiver's own settings; everything else it reads is serverEnv(). */
export function receiverEnv(): z.infer<typeof receiverSchema> {
  return parse(receiverSchema, 'receiver');
}

const metricsSchema = z.object({
  /** the bearer token of /api/metrics and of readiness details (lib/http/ops-access.ts,
   *  docs/security.md); empty or unset: metrics answer 404 and readiness its status only */
  METRICS_TOKEN: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string().min(24, 'must be at least 24 characters (openssl rand -hex 32)').optional(),
  ),
});
let metrics: { token: string | undefined } | undefined;
/** Read once; a token too short to be one fails at start-up (checkWebSettings). */
export function metricsToken(): string | undefined {
  return (metrics ??= { token: parse(metricsSchema, 'metrics').METRICS_TOKEN }).token;
}

const responseCheckSchema = z.object({
  /** "1": every /api/v1 answer is checked against the response schema its catalog entry documents,
   *  and a mismatch answers 500 RESPONSE_SCHEMA_MISMATCH (lib/http/route.ts). The test stacks set
   *  it, so every API test also checks the published contract; production leaves it off. */
  API_RESPONSE_CHECK: z.enum(['0', '1']).default('0'),
});
let responseCheck: boolean | undefined;
export function apiResponseCheck(): boolean {
  return (responseCheck ??= parse(responseCheckSchema, 'api').API_RESPONSE_CHECK === '1');
}
