// Reconciliation's target lookup: the fulfilment create_fulfilment made, by the id the ledger
// kept (GET /v1/fulfilments/{id}), reshaped to the canonical command's field names so the
// comparison reads lines and shipTo side by side with what was sent.
import { z } from 'zod';
import { callProvider, classifyHttpStatus, retryAfterMs } from '../../http';
import type { ProviderContext, Reconciler, TargetLookup } from '../../port';

const fulfilment = z.looseObject({
  id: z.string().min(1),
  reference: z.string(),
  order_number: z.string().nullable(),
  status: z.string().min(1),
  updated_at: z.string().optional(),
  lines: z.array(z.object({ sku: z.string(), quantity: z.number() })),
  ship_to: z.object({
    name: z.string(),
    address1: z.string(),
    city: z.string(),
    postal_code: z.string(),
    country: z.string(),
  }),
});

async function lookupFulfilment(ctx: ProviderContext, ref: string): Promise<TargetLookup> {
  const url = `${ctx.baseUrl.replace(/\/+$/, '')}/v1/fulfilments/${encodeURIComponent(ref)}`;
  const attempt = await callProvider('GET', url, {
    headers: { authorization: `Bearer ${ctx.credentials.apiToken ?? ''}` },
    timeoutMs: ctx.timeoutMs,
  });
  if (!attempt.ok) return { ok: false, errorClass: attempt.errorClass, message: attempt.message };
  const { status, body, headers } = attempt.result;
  if (status === 404) return { ok: true, record: null };
  if (status !== 200) {
    const wait = retryAfterMs(headers);
    return {
      ok: false,
      errorClass: classifyHttpStatus(status),
      message: `warehouse fulfilment lookup answered ${status}`,
      ...(wait !== undefined && { retryAfterMs: wait }),
    };
  }
  const parsed = fulfilment.safeParse(body);
  if (!parsed.success)
    return { ok: false, errorClass: 'contract_mismatch', message: 'fulfilment is unreadable' };
  const f = parsed.data;
  return {
    ok: true,
    record: {
      ref: f.id,
      businessKey: f.order_number ?? f.reference,
      // the warehouse's own status word (CREATED, SENT…): the flow's status table translates it
      status: f.status,
      fields: {
        reference: f.reference,
        lines: f.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
        shipTo: {
          name: f.ship_to.name,
          address1: f.ship_to.address1,
          city: f.ship_to.city,
          postalCode: f.ship_to.postal_code,
          country: f.ship_to.country,
        },
      },
      updatedAt: f.updated_at ?? null,
    },
  };
}

export const warehouseReconciler: Reconciler = {
  lookupTarget: { create_fulfilment: lookupFulfilment },
};
