// The single sign-on settings: all three or none, an issuer the app may talk to, https in production.
import { describe, expect, it } from 'vitest';
import { oidcEnvOf, productionProblems } from './env';

const full = {
  OIDC_ISSUER: 'https://login.example.com/',
  OIDC_CLIENT_ID: 'waybill',
  OIDC_CLIENT_SECRET: 'a-client-secret',
};

describe('single sign-on settings', () => {
  it('is off when none is set (empty counts as unset)', () => {
    expect(oidcEnvOf({})).toBeNull();
    expect(oidcEnvOf({ OIDC_ISSUER: '', OIDC_CLIENT_ID: ' ', OIDC_NAME: 'Okta' })).toBeNull();
  });

  it('reads all three as given, the label defaulted', () => {
    expect(oidcEnvOf(full)).toEqual({
      issuer: 'https://login.example.com/',
      clientId: 'waybill',
      clientSecret: 'a-client-secret',
      name: 'Single sign-on',
    });
    expect(oidcEnvOf({ ...full, OIDC_NAME: 'Sign in with Okta' })?.name).toBe('Sign in with Okta');
  });

  it('refuses a partial configuration, naming each missing variable', () => {
    const { OIDC_CLIENT_SECRET: _secret, ...withoutSecret } = full;
    expect(() => oidcEnvOf(withoutSecret)).toThrow(/OIDC_CLIENT_SECRET: single sign-on needs/);
    expect(() => oidcEnvOf({ OIDC_ISSUER: full.OIDC_ISSUER })).toThrow(
      /OIDC_CLIENT_ID[^\n]*\n\s+OIDC_CLIENT_SECRET/,
    );
  });

  it('takes http only on a loopback address, and nothing but a URL', () => {
    expect(oidcEnvOf({ ...full, OIDC_ISSUER: 'http://127.0.0.1:4400' })?.issuer).toBe(
      'http://127.0.0.1:4400',
    );
    expect(oidcEnvOf({ ...full, OIDC_ISSUER: 'http://localhost:4400' })).not.toBeNull();
    expect(() => oidcEnvOf({ ...full, OIDC_ISSUER: 'http://login.example.com' })).toThrow(
      /OIDC_ISSUER: must be an https:\/\/ URL/,
    );
    expect(() => oidcEnvOf({ ...full, OIDC_ISSUER: 'login.example.com' })).toThrow(/OIDC_ISSUER/);
  });

  it('refuses an http issuer in production, except on this machine’s loopback', () => {
    const base = { NEXTAUTH_URL: 'https://waybill.example.com' };
    expect(productionProblems({ ...base, ...full })).toEqual([]);
    expect(productionProblems({ ...base, ...full, OIDC_ISSUER: 'http://idp.example.com' })).toEqual(
      ['OIDC_ISSUER: single sign-on needs an https:// issuer in production'],
    );
    expect(productionProblems({ ...base, ...full, OIDC_ISSUER: 'http://127.0.0.1:4400' })).toEqual(
      [],
    );
  });
});
