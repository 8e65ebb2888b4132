// A real OpenID Connect provider for the tests (the `oidc-provider` package, the certified
// implementation), on 127.0.0.1: one confidential client whose redirect URI is the app's next-auth
// callback for the provider id `oidc`, scopes openid/email/profile, the claims email,
// email_verified and name in the id_token, PKCE required, and accounts the test registers in
// memory. Its sign-in page is ours (oidc-provider-pages.ts): a person types an account's login and
// continues; consent is implied for this one first-party client, as a company's identity provider
// does for its own apps.
//
// The issuer is known as soon as it listens; the app's origin may come later (setAppOrigin), for
// a stack whose web port is chosen when it starts with OIDC_ISSUER already set. Processes other
// than the one that started it (Playwright's workers) register accounts over HTTP:
// addOidcAccount / updateOidcAccount, through /_admin/ like the simulators.
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { z } from 'zod';
import { json, readBody, signInPage } from './oidc-provider-pages';

export interface OidcTestAccount {
  /** what a person types on the provider's sign-in page */
  login: string;
  /** the `sub` claim: stable while email and name change */
  subject: string;
  email: string;
  emailVerified: boolean;
  name: string;
}

const newAccountSchema = z.object({
  email: z.string().min(1),
  emailVerified: z.boolean().optional(),
  name: z.string().optional(),
  login: z.string().min(1).optional(),
  subject: z.string().min(1).optional(),
});
const changeSchema = z.object({
  login: z.string().min(1),
  email: z.string().min(1).optional(),
  emailVerified: z.boolean().optional(),
  name: z.string().optional(),
});
export type NewOidcTestAccount = z.input<typeof newAccountSchema>;
export type OidcTestAccountChange = Omit<z.input<typeof changeSchema>, 'login'>;

export interface OidcTestProviderOptions {
  /** the app's origin, e.g. http://127.0.0.1:3000: its /api/auth/callback/oidc is registered.
   *  Unset: call setAppOrigin before the first sign-in. */
  appOrigin?: string;
  /** 0 or unset: a free port */
  port?: number;
  clientId?: string;
  clientSecret?: string;
  /** an unknown login that is an email signs in as a new account of that email (verified, named
   *  after its local part), as the package's development pages let any login in: a browser test
   *  needs no account registered first */
  anyLogin?: boolean;
}

export interface OidcTestProvider {
  /** http://127.0.0.1:<port>, the OIDC_ISSUER to give the app */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** <appOrigin>/api/auth/callback/oidc; '' until the app's origin is known */
  readonly redirectUri: string;
  /** registers the app's origin (again: replaces it; accounts stay, provider sessions do not) */
  setAppOrigin(appOrigin: string): void;
  /** registers an account; login defaults to the email, subject to a random uuid */
  addAccount(account: NewOidcTestAccount): OidcTestAccount;
  /** changes an account's claims at the provider (an email changed, verification lost) */
  updateAccount(login: string, change: OidcTestAccountChange): OidcTestAccount;
  stop(): Promise<void>;
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;
const INTERACTION = /^\/interaction\/([A-Za-z0-9_-]+)(\/login|\/abort)?$/;

export async function startOidcProvider(
  options: OidcTestProviderOptions = {},
): Promise<OidcTestProvider> {
  const clientId = options.clientId ?? 'waybill-test';
  const clientSecret = options.clientSecret ?? randomBytes(24).toString('base64url');
  const accounts = new Map<string, OidcTestAccount>(); // by login
  const bySubject = (subject: string) => [...accounts.values()].find((a) => a.subject === subject);
  const signingKey = {
    ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }),
    kid: 'test-key-1',
    use: 'sig',
    alg: 'RS256',
  };
  const cookieKey = randomBytes(32).toString('hex');
  let current: {
    provider: Provider;
    oidc: ReturnType<Provider['callback']>;
    redirectUri: string;
  } | null = null;

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(error instanceof Error ? error.message : 'error');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  function build(appOrigin: string) {
    const redirectUri = `${appOrigin.replace(/\/$/, '')}/api/auth/callback/oidc`;
    const configuration: Configuration = {
      clients: [
        {
          client_id: clientId,
          client_secret: clientSecret,
          redirect_uris: [redirectUri],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_basic',
        },
      ],
      jwks: { keys: [signingKey] },
      cookies: { keys: [cookieKey] },
      scopes: ['openid', 'email', 'profile'],
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
      // next-auth reads the person from the id_token, not from userinfo
      conformIdTokenClaims: false,
      pkce: { required: () => true },
      // set, so the package does not print a notice per artifact kind
      ttl: {
        Interaction: 600,
        Session: 3600,
        Grant: 3600,
        AuthorizationCode: 60,
        AccessToken: 600,
        IdToken: 600,
      },
      features: { devInteractions: { enabled: false } },
      interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
      findAccount: (_ctx, subject) => {
        const account = bySubject(subject);
        if (!account) return undefined;
        return {
          accountId: subject,
          claims: () => ({
            sub: subject,
            email: account.email,
            email_verified: account.emailVerified,
            name: account.name,
          }),
        };
      },
      loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
        const { provider, client, session, account, result } = ctx.oidc;
        if (!client || !account) return undefined;
        const grantId =
          (result?.consent as { grantId?: string } | undefined)?.grantId ??
          session?.grantIdFor(client.clientId);
        const existing = grantId ? await provider.Grant.find(grantId) : undefined;
        if (existing) return existing;
        const grant = new provider.Grant({
          clientId: client.clientId,
          accountId: account.accountId,
        });
        grant.addOIDCScope('openid email profile');
        await grant.save();
        return grant;
      },
    };
    const provider = new Provider(issuer, configuration);
    current = { provider, oidc: provider.callback(), redirectUri };
  }
  if (options.appOrigin) build(options.appOrigin);

  function addAccount(given: NewOidcTestAccount): OidcTestAccount {
    const parsed = newAccountSchema.parse(given);
    const account: OidcTestAccount = {
      login: parsed.login ?? parsed.email,
      subject: parsed.subject ?? randomUUID(),
      email: parsed.email,
      emailVerified: parsed.emailVerified ?? true,
      name: parsed.name ?? parsed.email.split('@')[0] ?? parsed.email,
    };
    if (accounts.has(account.login)) throw new Error(`account ${account.login} exists`);
    accounts.set(account.login, account);
    return { ...account };
  }
  function updateAccount(login: string, change: OidcTestAccountChange): OidcTestAccount {
    const account = accounts.get(login);
    if (!account) throw new Error(`no account ${login}`);
    const { login: _login, ...claims } = changeSchema.parse({ ...change, login });
    Object.assign(account, claims);
    return { ...account };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', issuer).pathname;
    if (path === '/_admin/accounts' && req.method === 'POST')
      return json(res, 201, addAccount(JSON.parse(await readBody(req)) as NewOidcTestAccount));
    if (path === '/_admin/accounts/update' && req.method === 'POST') {
      const { login, ...change } = changeSchema.parse(JSON.parse(await readBody(req)));
      return json(res, 200, updateAccount(login, change));
    }
    if (!current) return json(res, 503, { error: 'the app origin is not set yet (setAppOrigin)' });
    const { provider, oidc } = current;
    const match = INTERACTION.exec(path);
    if (!match) return oidc(req, res);
    const uid = match[1] ?? '';
    if (req.method === 'GET' && !match[2]) {
      await provider.interactionDetails(req, res); // refuses an unknown or expired interaction
      return signInPage(res, uid, null);
    }
    if (req.method !== 'POST') return void res.writeHead(405).end();
    if (match[2] === '/abort')
      return provider.interactionFinished(req, res, {
        error: 'access_denied',
        error_description: 'The person cancelled the sign-in',
      });
    const login = new URLSearchParams(await readBody(req)).get('login')?.trim() ?? '';
    const account =
      accounts.get(login) ??
      (options.anyLogin && EMAIL.test(login) ? addAccount({ email: login }) : undefined);
    if (!account) return signInPage(res, uid, `No account with the login "${login}".`);
    return provider.interactionFinished(
      req,
      res,
      { login: { accountId: account.subject } },
      { mergeWithLastSubmission: false },
    );
  }

  return {
    issuer,
    clientId,
    clientSecret,
    get redirectUri() {
      return current?.redirectUri ?? '';
    },
    setAppOrigin: build,
    addAccount,
    updateAccount,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function admin(issuer: string, path: string, body: unknown): Promise<OidcTestAccount> {
  const res = await fetch(`${issuer}/_admin/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`oidc test provider ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as OidcTestAccount;
}

/** addAccount from another process (a Playwright worker), given the issuer. */
export const addOidcAccount = (issuer: string, account: NewOidcTestAccount) =>
  admin(issuer, 'accounts', account);

/** updateAccount from another process. */
export const updateOidcAccount = (issuer: string, login: string, change: OidcTestAccountChange) =>
  admin(issuer, 'accounts/update', { ...change, login });
