import { describe, expect, it } from 'vitest';
import type { ParsedWebhook } from '@/lib/providers/port';
import { connectionKey } from '@/lib/connections/connection-input';
import { createTenantSchema } from '@/lib/tenants/create-tenant';
import {
  headerProblem,
  inboundProblem,
  isPathKey,
  MAX_PATH_KEY_LENGTH,
  pathSegmentProblem,
} from './inbound-bounds';

const webhook = (
  object: Partial<ParsedWebhook['objects'][number]> = {},
  top = {},
): ParsedWebhook => ({
  providerEventId: 'evt_1',
  topic: 'orders/paid',
  eventType: 'order.paid',
  objects: [{ sourceObjectId: '990001', businessKey: '1001', payload: {}, ...object }],
  ...top,
});

describe('what a delivery may carry into the ledger', () => {
  it('accepts ordinary identifiers, emails and Unicode', () => {
    expect(
      inboundProblem(webhook({ customerEmail: 'zoë+1@example.com', businessKey: 'Ø-1001' })),
    ).toBeNull();
    expect(inboundProblem(webhook({}, { eventType: null }))).toBeNull();
  });

  it('refuses an identifier, key or email past its limit, naming the field and the limit', () => {
    const long = 'x'.repeat(10_000);
    expect(inboundProblem(webhook({}, { providerEventId: long }))).toBe(
      'providerEventId is 10000 characters long; the limit is 200',
    );
    expect(inboundProblem(webhook({ businessKey: long }))).toMatch(/^businessKey is 10000/);
    expect(inboundProblem(webhook({ customerEmail: `${long}@example.com` }))).toMatch(
      /^customerEmail is 10012 characters long; the limit is 320$/,
    );
  });

  it('refuses NUL and other control characters, and lone surrogates', () => {
    expect(inboundProblem(webhook({ businessKey: '10\u000001' }))).toBe(
      'businessKey contains a control character',
    );
    expect(inboundProblem(webhook({ sourceObjectId: 'a\nb' }))).toMatch(/control character/);
    expect(inboundProblem(webhook({ stateKey: 'x\uD800' }))).toBe(
      'stateKey is not well-formed Unicode',
    );
    expect(inboundProblem(webhook({ stateKey: 'x\uD83D\uDE00' }))).toBeNull();
  });

  it('reads only plain keys as path segments', () => {
    expect(isPathKey('acme')).toBe(true);
    expect(isPathKey('warehouse-eu')).toBe(true);
    for (const bad of ['ac\u0000me', '', 'A', 'x'.repeat(64), '../acme', 'acme%00'])
      expect(isPathKey(bad), JSON.stringify(bad)).toBe(false);
  });

  it('takes the longest key the tenant and connection schemas allow', () => {
    const longest = 'k'.repeat(MAX_PATH_KEY_LENGTH);
    const longer = `${longest}k`;
    expect(connectionKey.safeParse(longest).success).toBe(true);
    expect(connectionKey.safeParse(longer).success).toBe(false);
    expect(createTenantSchema.safeParse({ slug: longest, name: 'T' }).success).toBe(true);
    expect(createTenantSchema.safeParse({ slug: longer, name: 'T' }).success).toBe(false);
    expect(isPathKey(longest)).toBe(true);
  });
});

describe('pathSegmentProblem', () => {
  it('names a segment no tenant slug or connection key could ever be', () => {
    expect(pathSegmentProblem('tenant', 'ac\u0000me')).toBe(
      "the ingest path's tenant segment holds a character no tenant slug has",
    );
    expect(pathSegmentProblem('connection', 'com\u007fmerce')).toBe(
      "the ingest path's connection segment holds a character no connection key has",
    );
    expect(pathSegmentProblem('connection', 'a\nb')).toMatch(/no connection key has$/);
    expect(pathSegmentProblem('tenant', 'a'.repeat(2000))).toBe(
      "the ingest path's tenant segment is 2000 characters long; no tenant slug is longer than 63",
    );
    expect(pathSegmentProblem('connection', 'k'.repeat(MAX_PATH_KEY_LENGTH + 1))).toMatch(
      /is 64 characters long; no connection key is longer than 63$/,
    );
  });

  it('leaves a segment that is merely unknown (or no plain key) to the 401 of an unknown path', () => {
    for (const value of ['acme', 'nobody', 'k'.repeat(MAX_PATH_KEY_LENGTH), 'Acme', '../x', 'é'])
      expect(pathSegmentProblem('tenant', value), value).toBeNull();
  });
});

describe('headerProblem', () => {
  const latin1 = (bytes: number[]) => Buffer.from(bytes).toString('latin1');
  it('accepts ASCII and UTF-8 header values', () => {
    expect(headerProblem(new Headers({ a: 'plain', b: latin1([0xc3, 0xa9]) }))).toBeNull();
  });
  it('names a header whose bytes are not UTF-8, without its value', () => {
    const problem = headerProblem(
      new Headers({ 'x-shopify-webhook-id': latin1([0x41, 0xff, 0xfe]) }),
    );
    expect(problem).toBe('header x-shopify-webhook-id is not valid UTF-8');
  });
});
