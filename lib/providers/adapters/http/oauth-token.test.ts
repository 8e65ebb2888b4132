// When an OAuth token is renewed, where the token request goes, and where credentials may travel
// (the token endpoint may be another host: moving it moves the client secret).
import { describe, expect, it } from 'vitest';
import { renewalTime, tokenUrlOf } from './oauth-token';
import { configuredHttpAdapter, httpAdapter } from '.';

describe('renewalTime', () => {
  const now = 1_700_000_000_000;
  it('renews a minute before expiry for long-lived tokens', () => {
    expect(renewalTime(now, 3600)).toBe(now + 3_600_000 - 60_000);
    expect(renewalTime(now, 300)).toBe(now + 300_000 - 60_000);
  });

  it('renews when a fifth of the life is left for short-lived tokens', () => {
    expect(renewalTime(now, 100)).toBe(now + 80_000);
    expect(renewalTime(now, 1)).toBe(now + 800);
  });
});

describe('tokenUrlOf', () => {
  it('puts a path on the base URL and keeps an absolute URL', () => {
    expect(tokenUrlOf('https://dock.example/', '/oauth/token')).toBe(
      'https://dock.example/oauth/token',
    );
    expect(tokenUrlOf('https://dock.example', 'https://id.example/token')).toBe(
      'https://id.example/token',
    );
  });
});

describe('credentialDestinations', () => {
  const destinations = (settings: unknown) =>
    httpAdapter.credentialDestinations?.('https://dock.example', settings);

  it('adds the token endpoint of OAuth client credentials', () => {
    expect(
      destinations({ auth: { type: 'oauth2_client_credentials', tokenUrl: '/oauth/token' } }),
    ).toEqual(['https://dock.example', 'https://dock.example/oauth/token']);
    expect(
      destinations({
        auth: { type: 'oauth2_client_credentials', tokenUrl: 'https://login.example/token' },
      }),
    ).toEqual(['https://dock.example', 'https://login.example/token']);
  });

  it('is the base URL alone otherwise, and for settings that do not parse', () => {
    expect(destinations({ auth: { type: 'api_key' } })).toEqual(['https://dock.example']);
    expect(destinations({})).toEqual(['https://dock.example']);
    expect(destinations(undefined)).toEqual(['https://dock.example']);
    expect(destinations({ auth: { type: 'oauth2_client_credentials' } })).toEqual([
      'https://dock.example',
    ]);
  });

  it('a connection built from its settings keeps the same rule', () => {
    const settings = {
      auth: { type: 'oauth2_client_credentials', tokenUrl: 'https://login.example/token' },
    };
    expect(
      configuredHttpAdapter(settings).credentialDestinations?.('https://dock.example', settings),
    ).toEqual(['https://dock.example', 'https://login.example/token']);
  });
});
