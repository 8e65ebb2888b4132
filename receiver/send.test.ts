import { describe, expect, it } from 'vitest';
import { ingestPathOf } from './server';
import { INGEST_RESPONSE_HEADERS } from './send';

/** the part of next.config.mjs read here */
interface HeaderRules {
  headers?: () => Promise<{ source: string; headers: { key: string; value: string }[] }[]>;
}

describe('the receiver answers like the Next route', () => {
  it('sends the security headers next.config.mjs gives /api/ingest/*', async () => {
    // a path in a variable: the .mjs config has no type declarations to resolve
    const file = new URL('../next.config.mjs', import.meta.url).href;
    const nextConfig = ((await import(file)) as { default: HeaderRules }).default;
    const rules = (await nextConfig.headers?.()) ?? [];
    const ingest = rules.find((rule) => rule.source === '/api/ingest/:path*');
    expect(ingest).toBeDefined();
    expect(Object.fromEntries((ingest?.headers ?? []).map((h) => [h.key, h.value]))).toEqual(
      INGEST_RESPONSE_HEADERS,
    );
  });

  it.each<[string, ReturnType<typeof ingestPathOf>]>([
    ['/api/ingest/acme/commerce', ['acme', 'commerce']],
    ['/api/ingest/acme/dock/tok_123', ['acme', 'dock', 'tok_123']],
    // Next percent-decodes each segment after splitting on the raw slashes
    ['/api/ingest/ac%00me/commerce', ['ac\u0000me', 'commerce']],
    ['/api/ingest/ac%2Fme/commerce', ['ac/me', 'commerce']],
    ['/api/ingest/acme/%E2%82%AC', ['acme', '€']],
    // the first segment that does not decode is named
    ['/api/ingest/ac%E0%A4%A/commerce', { undecodable: 'tenant' }],
    ['/api/ingest/acme/%ff', { undecodable: 'connection' }],
    ['/api/ingest/acme/dock/t%0', { undecodable: 'token' }],
    ['/api/ingest/%ff/%ff', { undecodable: 'tenant' }],
    ['/api/ingest/acme', null],
    ['/api/ingest/acme/', null],
    ['/api/ingest/acme/commerce/', null],
    ['/api/ingest//commerce', null],
    ['/api/ingest/a/b/c/d', null],
    ['/api/ingestx/a/b', null],
    ['/health', null],
  ])('reads %s', (path, expected) => {
    expect(ingestPathOf(path)).toEqual(expected);
  });
});
