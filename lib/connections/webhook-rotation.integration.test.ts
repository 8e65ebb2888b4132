// Webhook secret rotation through the real ingest path (lib/ingest recordInbound: target
// resolution, decryption, signature verification): during the overlap a delivery signed with
// either secret is accepted; after "end overlap" or after the overlap expires only the new one.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/lib/db';
import { clearIngestTargetCache } from '@/lib/ingest/resolve-target';
import { recordInbound } from '@/lib/ingest/record-inbound';
import { FIXTURE_KEY_RING, seededLedger, type SeededLedger } from '@/test/support/ledger-fixtures';
import { sampleOrder, signedOrderWebhook } from '@/test/support/webhooks';
import { endWebhookOverlap } from './end-webhook-overlap';
import { rotateWebhookSecret } from './rotate-webhook-secret';
import { recordingWaker } from '@/test/support/wakes';

const OLD = 'secret-secret'; // the fixture's commerce webhook secret
const NEW = 'whk_rotated_9c8b7a6f5e';

let ledger: SeededLedger;
let db: Db;
let orderNumber = 7000;
const by = () => ({ actor: { id: 'system', label: 'system' }, keyRing: FIXTURE_KEY_RING });

async function deliver(secret: string): Promise<string> {
  orderNumber += 1;
  const hook = signedOrderWebhook(sampleOrder(orderNumber), secret, { eventId: randomUUID() });
  const outcome = await recordInbound(
    { db, keyRing: FIXTURE_KEY_RING, wake: recordingWaker().wake },
    {
      tenantSlug: 'acme',
      connectionKey: 'commerce',
      rawBody: Buffer.from(hook.body),
      headers: new Headers(hook.headers),
      tooLarge: false,
      sizeBytes: hook.body.length,
    },
  );
  return outcome.kind === 'rejected' ? outcome.code : outcome.kind;
}

beforeAll(async () => {
  ledger = await seededLedger();
  db = ledger.db;
});
afterAll(async () => {
  await ledger?.drop();
});
beforeEach(() => clearIngestTargetCache());

describe('webhook secret rotation', () => {
  it('before rotation only the current secret verifies', async () => {
    expect(await deliver(OLD)).toBe('accepted');
    expect(await deliver(NEW)).toBe('INVALID_SIGNATURE');
  });

  it('during the overlap both verify; after end-overlap only the new one', async () => {
    await rotateWebhookSecret(
      db,
      ledger.tenantId,
      ledger.commerceConnectionId,
      { secret: NEW, overlap: '1h' },
      by(),
    );
    expect(await deliver(OLD)).toBe('accepted');
    expect(await deliver(NEW)).toBe('accepted');
    await endWebhookOverlap(db, ledger.tenantId, ledger.commerceConnectionId, by());
    expect(await deliver(OLD)).toBe('INVALID_SIGNATURE');
    expect(await deliver(NEW)).toBe('accepted');
  });

  it('an expired overlap no longer accepts the previous secret', async () => {
    const third = 'whk_third_1a2b3c4d5e';
    // Rotated two hours ago with a one-hour overlap: the window is over.
    await rotateWebhookSecret(
      db,
      ledger.tenantId,
      ledger.commerceConnectionId,
      { secret: third, overlap: '1h' },
      { ...by(), now: new Date(Date.now() - 2 * 3_600_000) },
    );
    clearIngestTargetCache();
    expect(await deliver(NEW)).toBe('INVALID_SIGNATURE');
    expect(await deliver(third)).toBe('accepted');
  });

  it('no overlap: the previous secret stops at once', async () => {
    await rotateWebhookSecret(
      db,
      ledger.tenantId,
      ledger.commerceConnectionId,
      { secret: NEW, overlap: 'none' },
      by(),
    );
    expect(await deliver('whk_third_1a2b3c4d5e')).toBe('INVALID_SIGNATURE');
    expect(await deliver(NEW)).toBe('accepted');
  });
});
