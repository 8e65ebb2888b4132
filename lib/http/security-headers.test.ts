import { describe, expect, it } from 'vitest';
import {
  API_CSP,
  baselineHeaders,
  contentSecurityPolicy,
  edgeHeaders,
  isApiPath,
  newNonce,
  resolveRequestId,
} from './security-headers';

const PROD = { development: false, https: false };
const PROD_HTTPS = { development: false, https: true };
const DEV = { development: true, https: false };

/** directive name -> its sources */
function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((d) => {
      const [name = '', ...sources] = d.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

// Next's own parser (get-script-nonce-from-header): only a nonce of this shape is applied.
const NEXT_NONCE = /^[A-Za-z0-9+/_-]+={0,2}$/;

describe('newNonce', () => {
  it('is 128 random bits in a form Next extracts, different every time', () => {
    const a = newNonce();
    const b = newNonce();
    expect(a).toMatch(NEXT_NONCE);
    expect(Buffer.from(a, 'base64')).toHaveLength(16);
    expect(a).not.toBe(b);
  });
});

describe('contentSecurityPolicy', () => {
  it('allows only scripts carrying the nonce (and what they load) in production', () => {
    const d = directives(contentSecurityPolicy('abc123==', PROD));
    expect(d.get('script-src')).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(d.get('script-src')).not.toContain("'unsafe-inline'");
    expect(d.get('script-src')).not.toContain("'unsafe-eval'");
  });

  it('forbids framing, plugins, base and foreign form targets', () => {
    const d = directives(contentSecurityPolicy('n', PROD));
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'self'"]);
    expect(d.get('form-action')).toEqual(["'self'"]);
    expect(d.get('default-src')).toEqual(["'self'"]);
  });

  it('keeps inline styles without a nonce (a nonce would switch unsafe-inline off)', () => {
    const styles = directives(contentSecurityPolicy('n', PROD)).get('style-src') ?? [];
    expect(styles).toContain("'unsafe-inline'");
    expect(styles.some((s) => s.startsWith("'nonce-"))).toBe(false);
  });

  it('relaxes only in development: eval for React, websockets for HMR', () => {
    const dev = directives(contentSecurityPolicy('n', DEV));
    expect(dev.get('script-src')).toContain("'unsafe-eval'");
    expect(dev.get('connect-src')).toContain('ws:');
    expect(directives(contentSecurityPolicy('n', PROD)).get('connect-src')).toEqual(["'self'"]);
  });

  it('upgrades insecure requests only when the app is served over https', () => {
    expect(directives(contentSecurityPolicy('n', PROD)).has('upgrade-insecure-requests')).toBe(
      false,
    );
    expect(
      directives(contentSecurityPolicy('n', PROD_HTTPS)).has('upgrade-insecure-requests'),
    ).toBe(true);
  });
});

describe('baselineHeaders', () => {
  it('sends the fixed defences on every response', () => {
    expect(baselineHeaders(PROD)).toMatchObject({
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'strict-origin-when-cross-origin',
      'x-frame-options': 'DENY',
      'permissions-policy': 'camera=(), microphone=(), geolocation=()',
      'cross-origin-opener-policy': 'same-origin',
    });
  });

  it('sends HSTS only over https', () => {
    expect(baselineHeaders(PROD)).not.toHaveProperty('strict-transport-security');
    expect(baselineHeaders(PROD_HTTPS)['strict-transport-security']).toMatch(/^max-age=\d{8}/);
  });
});

describe('resolveRequestId', () => {
  it('keeps a well-formed incoming id from a trusted proxy', () => {
    const id = 'lb-2026.11.23:abcdef12';
    expect(resolveRequestId(new Headers({ 'x-request-id': id }), true)).toBe(id);
  });

  it('ignores the incoming id when no proxy is trusted: the client chose it', () => {
    const id = 'lb-2026.11.23:abcdef12';
    expect(resolveRequestId(new Headers({ 'x-request-id': id }))).toMatch(/^[0-9a-f-]{36}$/);
    expect(resolveRequestId(new Headers({ 'x-request-id': id }), false)).not.toBe(id);
  });

  it.each([
    ['missing', undefined],
    ['too short', 'abc'],
    ['a header injection attempt', 'abcdefgh\r\nx-admin: 1'],
    ['spaces and quotes', 'abc def "ghi"'],
    ['too long', 'a'.repeat(101)],
  ])('replaces one that is %s with a fresh uuid', (_why, value) => {
    const headers = new Headers();
    // Headers refuses CR/LF itself; a plain object stands in for what a raw socket could carry.
    const incoming = value?.includes('\n') ? { get: () => value } : headers;
    if (value && !value.includes('\n')) headers.set('x-request-id', value);
    const id = resolveRequestId(incoming, true);
    expect(id).not.toBe(value);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('edgeHeaders', () => {
  const none = new Headers();

  it('gives a page a nonce on the request (for Next) and the same policy on the response', () => {
    const h = edgeHeaders('/transactions', none, PROD, () => 'NONCE1==');
    expect(h.request['x-nonce']).toBe('NONCE1==');
    expect(h.request['content-security-policy']).toContain("'nonce-NONCE1=='");
    expect(h.response['content-security-policy']).toBe(h.request['content-security-policy']);
    expect(h.request['x-request-id']).toBe(h.requestId);
    expect(h.response['x-request-id']).toBe(h.requestId);
  });

  it('gives API answers a fixed, deny-everything policy and no nonce', () => {
    let calls = 0;
    const h = edgeHeaders('/api/v1/transactions', none, PROD, () => {
      calls += 1;
      return 'x';
    });
    expect(calls).toBe(0);
    expect(h.response['content-security-policy']).toBe(API_CSP);
    expect(h.request).not.toHaveProperty('x-nonce');
    expect(h.request).not.toHaveProperty('content-security-policy');
    expect(h.response['x-content-type-options']).toBe('nosniff');
  });

  it('keeps a request id end to end only when it came through a trusted proxy', () => {
    const incoming = new Headers({ 'x-request-id': 'req-12345678' });
    expect(edgeHeaders('/', incoming, { ...PROD, trustRequestId: true }).requestId).toBe(
      'req-12345678',
    );
    const untrusted = edgeHeaders('/', incoming, PROD);
    expect(untrusted.requestId).not.toBe('req-12345678');
    expect(untrusted.request['x-request-id']).toBe(untrusted.requestId);
  });
});

describe('isApiPath', () => {
  it.each([
    ['/api', true],
    ['/api/v1/x', true],
    ['/apis', false],
    ['/application', false],
    ['/', false],
  ])('%s -> %s', (path, expected) => expect(isApiPath(path)).toBe(expected));
});
