import { describe, expect, it } from 'vitest';
import { safeCallbackPath, signInPath } from './callback-path';

describe('safeCallbackPath', () => {
  it('keeps a console path with its query and fragment', () => {
    expect(safeCallbackPath('/transactions/0193-abc?tab=timeline#attempts')).toBe(
      '/transactions/0193-abc?tab=timeline#attempts',
    );
    expect(safeCallbackPath('/')).toBe('/');
    expect(safeCallbackPath('/audit?actor=Ana%20B')).toBe('/audit?actor=Ana%20B');
  });

  it('refuses absolute and protocol-relative URLs (no open redirect)', () => {
    for (const evil of [
      'https://evil.example/transactions',
      'http://127.0.0.1:3000/transactions',
      '//evil.example/x',
      '/\\evil.example',
      '\\\\evil.example',
      '/\t/evil.example',
      'javascript:alert(1)',
      ' /transactions',
      'transactions',
    ])
      expect(safeCallbackPath(evil), evil).toBeNull();
  });

  it('refuses sign-in pages, API routes, odd types and very long values', () => {
    expect(safeCallbackPath('/login?callbackUrl=/x')).toBeNull();
    expect(safeCallbackPath('/api/auth/signout')).toBeNull();
    expect(safeCallbackPath('/reset-password/abc')).toBeNull();
    expect(safeCallbackPath(['/transactions'])).toBeNull();
    expect(safeCallbackPath(undefined)).toBeNull();
    expect(safeCallbackPath(`/${'a'.repeat(3000)}`)).toBeNull();
  });

  it('normalises dot segments before judging', () => {
    expect(safeCallbackPath('/transactions/../login')).toBeNull();
    expect(safeCallbackPath('/a/../transactions')).toBe('/transactions');
  });
});

describe('signInPath', () => {
  it('carries the page asked for, and nothing it refuses', () => {
    expect(signInPath('/transactions/abc?tab=timeline')).toBe(
      '/login?callbackUrl=%2Ftransactions%2Fabc%3Ftab%3Dtimeline',
    );
    expect(signInPath('/errors', { reason: 'expired' })).toBe(
      '/login?reason=expired&callbackUrl=%2Ferrors',
    );
    expect(signInPath('https://evil.example')).toBe('/login');
    expect(signInPath('/')).toBe('/login');
  });
});
