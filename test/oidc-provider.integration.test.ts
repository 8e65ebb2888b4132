// The test identity provider (test/support/oidc-provider.ts) is a real OpenID Connect provider:
// its discovery document, an authorization-code flow with PKCE walked with plain fetch through its
// sign-in page, the token exchange, and an id_token whose signature checks against its JWKS and
// whose claims are the account's. The same flow through openid-client 5 (what next-auth 4 runs
// with checks pkce + state) proves the app's side will accept it.
import { createHash, createPublicKey, randomBytes, verify, type JsonWebKey } from 'node:crypto';
import { Issuer } from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addOidcAccount,
  startOidcProvider,
  updateOidcAccount,
  type OidcTestProvider,
} from '@/test/support/oidc-provider';

// nothing listens there: the flow stops at the redirect that carries the code
const APP_ORIGIN = 'http://127.0.0.1:9';
let idp: OidcTestProvider;

beforeAll(async () => {
  idp = await startOidcProvider({ appOrigin: APP_ORIGIN });
});
afterAll(async () => {
  await idp?.stop();
});

const b64url = (bytes: Buffer) => bytes.toString('base64url');

/** A cookie jar of one: what the provider set, sent back on the next request. */
function jar() {
  const cookies = new Map<string, string>();
  return {
    store(res: Response) {
      for (const line of res.headers.getSetCookie()) {
        const [pair = ''] = line.split(';');
        const at = pair.indexOf('=');
        cookies.set(pair.slice(0, at), pair.slice(at + 1));
      }
    },
    header: () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
  };
}

interface Walk {
  /** the final redirect back to the app */
  callback: URL;
  /** the sign-in page the person saw */
  page: string;
}

/** The browser's part: authorize, the sign-in page, typing the login, back to the redirect URI. */
async function signInAt(
  login: string,
  params: Record<string, string>,
  provider: OidcTestProvider = idp,
): Promise<Walk> {
  const cookies = jar();
  const url = new URL('/auth', provider.issuer);
  url.search = new URLSearchParams({
    client_id: provider.clientId,
    redirect_uri: provider.redirectUri,
    response_type: 'code',
    scope: 'openid email profile',
    ...params,
  }).toString();
  let page = '';
  let next: { url: string; init?: RequestInit } = { url: url.toString() };
  for (let hop = 0; hop < 8; hop++) {
    const res = await fetch(next.url, {
      ...next.init,
      redirect: 'manual',
      headers: { ...(next.init?.headers as object), cookie: cookies.header() },
    });
    cookies.store(res);
    const location = res.headers.get('location');
    if (location) {
      const target = new URL(location, next.url);
      if (target.toString().startsWith(provider.redirectUri)) return { callback: target, page };
      next = { url: target.toString() };
      continue;
    }
    page = await res.text();
    expect(res.status, page).toBe(200);
    const action = /<form method="post" action="([^"]+\/login)"/.exec(page)?.[1];
    if (!action) throw new Error(`no sign-in form: ${page.slice(0, 300)}`);
    next = {
      url: new URL(action, provider.issuer).toString(),
      init: {
        method: 'POST',
        body: new URLSearchParams({ login }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      },
    };
  }
  throw new Error('too many redirects');
}

function pkce() {
  const verifier = b64url(randomBytes(32));
  return { verifier, challenge: b64url(createHash('sha256').update(verifier).digest()) };
}

async function exchange(code: string, verifier: string | null, provider = idp) {
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    code,
    redirect_uri: provider.redirectUri,
    ...(verifier ? { code_verifier: verifier } : {}),
  });
  const basic = Buffer.from(`${provider.clientId}:${provider.clientSecret}`).toString('base64');
  const res = await fetch(new URL('/token', provider.issuer), {
    method: 'POST',
    headers: {
      authorization: `Basic ${basic}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body,
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/** RS256 over header.payload, checked with the key of the provider's JWKS the header names. */
async function signatureHolds(jwt: string): Promise<boolean> {
  const [header = '', payload = '', signature = ''] = jwt.split('.');
  const { kid, alg } = JSON.parse(Buffer.from(header, 'base64url').toString()) as {
    kid: string;
    alg: string;
  };
  expect(alg).toBe('RS256');
  const jwks = (await (await fetch(new URL('/jwks', idp.issuer))).json()) as {
    keys: (JsonWebKey & { kid: string })[];
  };
  const jwk = jwks.keys.find((k) => k.kid === kid);
  if (!jwk) return false;
  const key = createPublicKey({ key: jwk, format: 'jwk' });
  return verify(
    'RSA-SHA256',
    Buffer.from(`${header}.${payload}`),
    key,
    Buffer.from(signature, 'base64url'),
  );
}

const claimsOf = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString()) as Record<
    string,
    unknown
  >;

describe('the test identity provider', () => {
  it('publishes a discovery document for code + PKCE with the scopes and claims the app asks', async () => {
    const res = await fetch(`${idp.issuer}/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as Record<string, unknown>;
    expect(doc).toMatchObject({
      issuer: idp.issuer,
      authorization_endpoint: `${idp.issuer}/auth`,
      token_endpoint: `${idp.issuer}/token`,
      jwks_uri: `${idp.issuer}/jwks`,
    });
    expect(doc.response_types_supported).toContain('code');
    expect(doc.code_challenge_methods_supported).toEqual(['S256']);
    expect(doc.scopes_supported).toEqual(expect.arrayContaining(['openid', 'email', 'profile']));
    expect(doc.claims_supported).toEqual(
      expect.arrayContaining(['sub', 'email', 'email_verified', 'name']),
    );
    expect(idp.redirectUri).toBe(`${APP_ORIGIN}/api/auth/callback/oidc`);
  });

  it('signs a person in through its page and issues a signed id_token with their claims', async () => {
    const account = idp.addAccount({ email: 'grace@example.test', name: 'Grace Hopper' });
    const { verifier, challenge } = pkce();
    const walk = await signInAt(account.login, {
      state: 'state-1',
      nonce: 'nonce-1',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    // the page a browser sees: a labelled field
    expect(walk.page).toContain('<label for="login">Login</label>');
    expect(walk.callback.searchParams.get('state')).toBe('state-1');
    expect(walk.callback.searchParams.get('iss')).toBe(idp.issuer);
    const code = walk.callback.searchParams.get('code') ?? '';
    expect(code).not.toBe('');

    const tokens = await exchange(code, verifier);
    expect(tokens.status).toBe(200);
    const idToken = String(tokens.json.id_token);
    expect(await signatureHolds(idToken)).toBe(true);
    expect(claimsOf(idToken)).toMatchObject({
      iss: idp.issuer,
      aud: idp.clientId,
      sub: account.subject,
      nonce: 'nonce-1',
      email: 'grace@example.test',
      email_verified: true,
      name: 'Grace Hopper',
    });
    // a changed payload no longer matches the signature
    const [h, , s] = idToken.split('.');
    const forged = b64url(
      Buffer.from(JSON.stringify({ ...claimsOf(idToken), email: 'x@evil.test' })),
    );
    expect(await signatureHolds(`${h}.${forged}.${s}`)).toBe(false);
    // a code is good once
    expect((await exchange(code, verifier)).status).toBe(400);
  });

  it('requires PKCE: no challenge is refused, and a code needs its verifier', async () => {
    const account = idp.addAccount({ email: 'pkce@example.test' });
    const bare = await signInAt(account.login, { state: 's', nonce: 'n' }).catch((e: Error) => e);
    // refused at the authorization endpoint: back to the client with an error, no code
    expect(bare).not.toBeInstanceOf(Error);
    if (bare instanceof Error) return;
    expect(bare.callback.searchParams.get('error')).toBe('invalid_request');
    expect(bare.callback.searchParams.get('code')).toBeNull();

    const { challenge } = pkce();
    const walk = await signInAt(account.login, {
      state: 's',
      nonce: 'n',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const code = walk.callback.searchParams.get('code') ?? '';
    const withoutVerifier = await exchange(code, null);
    expect(withoutVerifier.status).toBe(400);
    expect(withoutVerifier.json.error).toBe('invalid_grant');
    expect((await exchange(code, pkce().verifier)).json.error).toBe('invalid_grant');
  });

  it('tells an unknown login so on its page and issues nothing', async () => {
    const { challenge } = pkce();
    await expect(
      signInAt('nobody@example.test', {
        state: 's',
        nonce: 'n',
        code_challenge: challenge,
        code_challenge_method: 'S256',
      }),
    ).rejects.toThrow(/No account with the login/);
  });

  it('works with openid-client as next-auth 4 uses it (state, nonce, PKCE), with changed claims', async () => {
    // over HTTP, as a Playwright worker registers accounts with the provider global setup started
    const account = await addOidcAccount(idp.issuer, { email: 'ada@example.test', name: 'Ada' });
    await updateOidcAccount(idp.issuer, account.login, {
      email: 'ada.l@example.test',
      emailVerified: false,
    });
    const discovered = await Issuer.discover(idp.issuer);
    const client = new discovered.Client({
      client_id: idp.clientId,
      client_secret: idp.clientSecret,
      redirect_uris: [idp.redirectUri],
    });
    const { verifier, challenge } = pkce();
    const walk = await signInAt(account.login, {
      state: 'state-2',
      nonce: 'nonce-2',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const params = client.callbackParams(walk.callback.toString());
    const tokenSet = await client.callback(idp.redirectUri, params, {
      state: 'state-2',
      nonce: 'nonce-2',
      code_verifier: verifier,
    });
    expect(tokenSet.claims()).toMatchObject({
      iss: idp.issuer,
      sub: account.subject,
      email: 'ada.l@example.test',
      email_verified: false,
      name: 'Ada',
    });
  });

  it('can learn the app origin after it started (a stack whose port comes later)', async () => {
    const late = await startOidcProvider();
    try {
      expect(late.redirectUri).toBe('');
      const before = await fetch(`${late.issuer}/.well-known/openid-configuration`);
      expect(before.status).toBe(503);
      late.setAppOrigin('http://127.0.0.1:4321/');
      expect(late.redirectUri).toBe('http://127.0.0.1:4321/api/auth/callback/oidc');
      const after = await fetch(`${late.issuer}/.well-known/openid-configuration`);
      expect(((await after.json()) as { issuer: string }).issuer).toBe(late.issuer);
    } finally {
      await late.stop();
    }
  });

  it('with anyLogin, signs in an unregistered email as a new verified account', async () => {
    const open = await startOidcProvider({ appOrigin: APP_ORIGIN, anyLogin: true });
    try {
      const { verifier, challenge } = pkce();
      const params = {
        state: 's',
        nonce: 'n',
        code_challenge: challenge,
        code_challenge_method: 'S256',
      };
      const walk = await signInAt('walk.in@example.test', params, open);
      const tokens = await exchange(walk.callback.searchParams.get('code') ?? '', verifier, open);
      expect(claimsOf(String(tokens.json.id_token))).toMatchObject({
        email: 'walk.in@example.test',
        email_verified: true,
        name: 'walk.in',
      });
      // not an email: still refused; and without anyLogin the same email is refused
      await expect(signInAt('walk-in', params, open)).rejects.toThrow(/No account with the login/);
      await expect(signInAt('walk.in@example.test', params)).rejects.toThrow(/No account/);
    } finally {
      await open.stop();
    }
  });
});
