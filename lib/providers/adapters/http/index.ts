// The generic HTTP kind ("http"): any REST system connected by configuration. The static adapter
// carries the kind's schemas (what the console validates settings and credentials with); the
// adapter of one connection is built from its settings by `configuredHttpAdapter` (cached per
// settings: expressions compile once), which the registry's `adapterFor` returns.
import { createHash } from 'node:crypto';
import type {
  ConnectionTestResult,
  ProviderAdapter,
  ProviderContext,
  RecordReader,
} from '../../port';
import { classifyFailure } from './classify';
import { HTTP_SETTINGS_EXAMPLE } from './example';
import { buildUrl } from './expressions';
import { accessToken, tokenUrlOf } from './oauth-token';
import { configuredOperation } from './operation';
import { configuredListing, configuredReader } from './read';
import { sendAuthenticated } from './request';
import { httpCredentials, httpSettings, type HttpSettings } from './settings';
import { configuredWebhook } from './webhook';

export const HTTP_KIND = 'http';

/** The kind as the registry lists it: schemas only; each connection's behaviour is its settings. */
export const httpAdapter: ProviderAdapter = {
  kind: HTTP_KIND,
  displayName: 'Generic HTTP',
  eventTypes: [],
  capabilities: { idempotencyKeys: false, getByReference: false, listByWindow: false, bulk: false },
  credentials: httpCredentials,
  settings: httpSettings,
  settingsExample: HTTP_SETTINGS_EXAMPLE,
  // An OAuth client secret goes to the token endpoint, which may be another host (an identity
  // provider): moving it is moving the credentials.
  credentialDestinations: (baseUrl, settings) => {
    const parsed = httpSettings.safeParse(settings ?? {});
    const auth = parsed.success ? parsed.data.auth : null;
    return auth?.type === 'oauth2_client_credentials'
      ? [baseUrl, tokenUrlOf(baseUrl, auth.tokenUrl)]
      : [baseUrl];
  },
  operations: {},
};

async function testConnection(
  settings: HttpSettings,
  ctx: ProviderContext,
): Promise<ConnectionTestResult> {
  const started = performance.now();
  const took = () => Math.round(performance.now() - started);
  if (settings.auth.type === 'oauth2_client_credentials') {
    const token = await accessToken(ctx.baseUrl, settings.auth, ctx.credentials, ctx.timeoutMs, {
      renew: true,
    });
    if (!token.ok)
      return {
        ok: false,
        errorClass: token.errorClass,
        message: token.message,
        durationMs: took(),
      };
    if (!settings.test)
      return {
        ok: true,
        message: 'Connected: the token endpoint issued an access token.',
        durationMs: took(),
      };
  }
  if (!settings.test)
    return {
      ok: false,
      errorClass: 'contract_mismatch',
      message: 'Nothing to test: add a test request (a read that changes nothing) to the settings.',
      durationMs: took(),
    };
  const url = buildUrl(ctx.baseUrl, settings.test.path, {}, {});
  const attempt = await sendAuthenticated(ctx, settings, { method: 'GET', url, headers: {} });
  if (!attempt.ok)
    return {
      ok: false,
      errorClass: attempt.errorClass,
      message: attempt.message,
      durationMs: took(),
    };
  const { status, body, headers } = attempt.result;
  if (status >= 200 && status < 300)
    return {
      ok: true,
      message: `Connected: GET ${settings.test.path} answered ${status}.`,
      durationMs: took(),
    };
  const c = await classifyFailure([], status, body, headers, `GET ${settings.test.path}`);
  return { ok: false, errorClass: c.errorClass, message: c.message, durationMs: took() };
}

function build(settings: HttpSettings): ProviderAdapter {
  const operations = Object.fromEntries(
    Object.entries(settings.operations).map(([name, op]) => [
      name,
      configuredOperation(settings, op),
    ]),
  );
  const eventTypes = [...new Set(Object.values(settings.inbound?.eventTypes ?? {}))];
  const read = settings.read;
  const reader: RecordReader | undefined = read && configuredReader(settings, read);
  // A target's record kinds are its operation names; a source's, the event types it sends.
  const recordReaders = reader
    ? Object.fromEntries([...Object.keys(operations), ...eventTypes].map((kind) => [kind, reader]))
    : undefined;
  const listSource = read && configuredListing(settings, read);
  return {
    ...httpAdapter,
    eventTypes,
    capabilities: {
      idempotencyKeys: Object.values(settings.operations).some(
        (o) => o.idempotency.type === 'header',
      ),
      getByReference: Boolean(read?.get),
      listByWindow: Boolean(read?.list),
      bulk: false,
    },
    testConnection: (ctx) => testConnection(settings, ctx),
    ...(settings.inbound && { webhook: configuredWebhook(settings.inbound) }),
    operations,
    ...(recordReaders && { recordReaders }),
    ...(listSource && { reconcile: { listSource } }),
  };
}

const built = new Map<string, ProviderAdapter>();
const MAX_BUILT = 500;

/**
 * The adapter of one generic connection. Settings that do not parse (edited in the database by
 * hand) give an adapter with no operations and no webhook: its transactions go to review as an
 * unknown operation, its deliveries are refused, nothing is sent on a guess.
 */
export function configuredHttpAdapter(settings: unknown): ProviderAdapter {
  // A drain dispatches a batch with one connection row: its settings object answers without
  // hashing; a fresh read of the same settings hashes once and finds the built adapter.
  const object = typeof settings === 'object' && settings !== null ? settings : undefined;
  const seen = object && byObject.get(object);
  if (seen) return seen;
  const adapter = builtFor(settings);
  if (object) byObject.set(object, adapter);
  return adapter;
}

const byObject = new WeakMap<object, ProviderAdapter>();

function builtFor(settings: unknown): ProviderAdapter {
  const key = createHash('sha256')
    .update(JSON.stringify(settings ?? {}))
    .digest('base64url');
  let adapter = built.get(key);
  if (!adapter) {
    const parsed = httpSettings.safeParse(settings ?? {});
    adapter = parsed.success ? build(parsed.data) : httpAdapter;
    if (built.size >= MAX_BUILT) built.clear();
    built.set(key, adapter);
  }
  return adapter;
}
