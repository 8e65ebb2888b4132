// The ERP's inventory export, polled on a schedule and recorded like a webhook. Items are cut into
// objects of at most 250 because the storefront's bulk inventory endpoint takes 250 per call: one
// object then becomes one transaction and one provider call, retried and replayed on its own.
import type { PollResult, ProviderContext } from '../../port';
import { callProvider } from '../../http';
import { redactText } from '../../outcome';
import { erpFailure } from './classify';
import { inventoryExport } from './schemas';

export const INVENTORY_CHUNK = 250;

export async function pollInventoryExport(ctx: ProviderContext): Promise<PollResult> {
  const attempt = await callProvider(
    'GET',
    `${ctx.baseUrl.replace(/\/+$/, '')}/api/v1/inventory/export`,
    {
      headers: { authorization: `Bearer ${ctx.credentials.apiKey ?? ''}` },
      timeoutMs: ctx.timeoutMs,
    },
  );
  if (!attempt.ok) return { ok: false, errorClass: attempt.errorClass, message: attempt.message };
  const { status, body, text } = attempt.result;
  if (status !== 200) {
    const f = erpFailure('inventory export', attempt.result);
    return { ok: false, errorClass: f.errorClass, message: redactText(f.message, ctx.credentials) };
  }
  const parsed = inventoryExport.safeParse(body);
  if (!parsed.success)
    return {
      ok: false,
      errorClass: 'contract_mismatch',
      message: `ERP inventory export is unreadable: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
    };
  const { export_id, generated_at, items } = parsed.data;
  const objects = [];
  for (let start = 0, chunk = 0; start < items.length; start += INVENTORY_CHUNK, chunk++) {
    objects.push({
      sourceObjectId: `${export_id}:${chunk}`,
      businessKey: `inventory ${export_id} ${chunk}`,
      payload: { export_id, generated_at, items: items.slice(start, start + INVENTORY_CHUNK) },
    });
  }
  return {
    ok: true,
    providerEventId: export_id,
    topic: 'inventory/export',
    eventType: 'inventory.exported',
    body: text,
    objects,
  };
}
