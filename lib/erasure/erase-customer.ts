// Erasing one customer's personal data on request (docs/adr/0025-erasing-one-customer.md): the
// customer's orders first (erase-orders.ts: payloads by the masking rules' paths and the personal
// fields, texts by every spelling of what those held), then every other place of the tenant that
// mentions the address (erase-sweeps.ts). One audit entry records it without the address: a keyed
// hash of it (erasure-proof.ts) and the counts. Tenant-scoped throughout; batched; a second run
// finds nothing and changes nothing (it records a second entry: the request was handled twice).
import { z } from 'zod';
import { auditActorOf, recordAuditAlone } from '@/lib/audit';
import type { Db } from '@/lib/db';
import type { AuditContext } from '@/lib/ledger/operator-audit';
import type { Operator } from '@/lib/ledger/operator';
import { customerBusinessKeys, eraseOrders, KEYS_PER_BATCH } from './erase-orders';
import {
  countAuditMentions,
  scanTable,
  sweepTable,
  SWEPT_TABLES,
  type SweptPlace,
} from './erase-sweeps';
import { emailPatterns, erasureMarker, textEraser } from './erase-values';
import { erasureProof, PROOF_SCHEME } from './erasure-proof';

export const erasureRequestSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(320, 'an email address has at most 320 characters')
    .pipe(z.email("enter the customer's email address, e.g. lars.jansen@example.com")),
  /** a ticket or request reference; an address typed here is not kept */
  reason: z
    .string()
    .trim()
    .max(500, 'keep the reference under 500 characters')
    .transform((s) => s || undefined)
    .optional(),
});
export type ErasureRequest = z.input<typeof erasureRequestSchema>;

export type ErasureCounts = Record<SweptPlace, number>;

export interface ErasureResult {
  /** the keyed hash of (tenant, address) the audit entry carries: the request's receipt */
  proof: string;
  marker: string;
  /** rows rewritten, per place */
  erased: ErasureCounts;
  total: number;
  /** the customer's transactions still open: run again once they settle (a dispatch in flight
   *  may write what the provider answers after this run) */
  stillOpen: number;
  /** audit entries that mention the address: never changed (append-only, hash-chained) */
  auditEntriesUnchanged: number;
}

export interface EraseCustomerOptions extends ErasureRequest {
  tenantId: string;
  actor: Operator;
  /** the instance secret the proof is keyed with (NEXTAUTH_SECRET) */
  proofSecret: string;
  /** the erasure's day in the marker; defaults to now */
  now?: Date;
  audit?: AuditContext;
  /** rows per sweep chunk (tests) */
  chunk?: number;
}

export async function eraseCustomer(db: Db, options: EraseCustomerOptions): Promise<ErasureResult> {
  const { email, reason } = erasureRequestSchema.parse(options);
  const { tenantId } = options;
  const marker = erasureMarker(options.now ?? new Date());
  const ctx = { db, tenantId, email, marker, patterns: emailPatterns(email), chunk: options.chunk };

  // the orders: by the indexed customer email, and by the inbound events naming the address
  const inbound = SWEPT_TABLES.find((t) => t.place === 'inboundEvents');
  const mentioning: string[] = [];
  if (inbound)
    for await (const hits of scanTable(ctx, inbound)) mentioning.push(...hits.map((h) => h.id));
  const keys = await customerBusinessKeys(ctx, mentioning);
  const erased = Object.fromEntries(SWEPT_TABLES.map((t) => [t.place, 0])) as ErasureCounts;
  let stillOpen = 0;
  for (let i = 0; i < keys.length; i += KEYS_PER_BATCH) {
    const done = await eraseOrders(
      { ...ctx, actor: options.actor },
      keys.slice(i, i + KEYS_PER_BATCH),
    );
    erased.transactions += done.transactions;
    erased.inboundEvents += done.inboundEvents;
    erased.timelineEntries += done.timelineEntries;
    stillOpen += done.stillOpen;
  }
  // everything else that names the address
  for (const table of SWEPT_TABLES) erased[table.place] += await sweepTable(ctx, table);

  const auditEntriesUnchanged = await countAuditMentions(ctx);
  const proof = erasureProof(options.proofSecret, tenantId, email);
  const total = Object.values(erased).reduce((a, b) => a + b, 0);
  await recordAuditAlone(db, {
    tenantId,
    actor: auditActorOf(options.actor),
    requestId: options.audit?.requestId ?? null,
    event: {
      action: 'customer.erased',
      objectType: 'customer',
      objectId: proof,
      // the reference must not bring the address into the one log that cannot be rewritten
      ...(reason && { reason: textEraser(email, [], marker)(reason) }),
      after: { proofScheme: PROOF_SCHEME, marker, erased, total, stillOpen, auditEntriesUnchanged },
    },
  });
  return { proof, marker, erased, total, stillOpen, auditEntriesUnchanged };
}
