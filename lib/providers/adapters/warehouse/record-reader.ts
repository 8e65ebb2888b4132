// The warehouse's fulfilments, read one at a time, in create_fulfilment's canonical names
// (reference, orderNumber, lines, shipTo) plus what the warehouse adds (trackingNumber,
// trackingCompany): the one reading of a fulfilment, used by the state comparison and by
// reconciliation's target lookups. Status: the warehouse's own word ('CREATED', 'SENT',
// 'COMPLETE', 'ERROR'...), as create_fulfilment reports it and the flows' status tables translate
// it. By id when the ledger holds it (a target's external reference, a shipment event's source
// object id); otherwise by our reference, with the same lookup the engine uses after a duplicate
// answer.
import { z } from 'zod';
import type { ProviderContext, ProviderRecord, RecordReader, RecordRef } from '../../port';
import { noKey, readFailed, readOne, readRecord, unreadable } from '../../record-read';
import { findByReference } from './lookup';

const text = z.string().nullish();
const fulfilmentView = z.looseObject({
  id: z.string().min(1),
  reference: z.string(),
  status: z.string().min(1),
  order_number: text,
  tracking_number: text,
  carrier: text,
  updated_at: text,
  lines: z.array(z.looseObject({ sku: text, quantity: z.number().nullish() })).nullish(),
  ship_to: z
    .looseObject({ name: text, address1: text, city: text, postal_code: text, country: text })
    .nullish(),
});

const defined = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null));

function normalise(raw: unknown, businessKey: string): ProviderRecord | null {
  const parsed = fulfilmentView.safeParse(raw);
  if (!parsed.success) return null;
  const f = parsed.data;
  const ship = f.ship_to;
  return {
    ref: f.id,
    businessKey: f.order_number ?? businessKey,
    status: f.status,
    fields: defined({
      reference: f.reference,
      orderNumber: f.order_number,
      lines: f.lines?.map((l) => defined({ sku: l.sku, quantity: l.quantity })),
      shipTo: ship
        ? defined({
            name: ship.name,
            address1: ship.address1,
            city: ship.city,
            postalCode: ship.postal_code,
            country: ship.country,
          })
        : undefined,
      trackingNumber: f.tracking_number,
      trackingCompany: f.carrier,
    }),
    updatedAt: f.updated_at ?? null,
  };
}

const WHAT = 'Warehouse fulfilment';

const readFulfilment: RecordReader = async (ctx: ProviderContext, ref: RecordRef) => {
  if (ref.id) {
    const read = await readOne(
      `${ctx.baseUrl.replace(/\/+$/, '')}/v1/fulfilments/${encodeURIComponent(ref.id)}`,
      { authorization: `Bearer ${ctx.credentials.apiToken ?? ''}` },
      ctx.timeoutMs,
      WHAT,
    );
    if (read.kind === 'failed') return readFailed(read);
    if (read.kind === 'absent') return readRecord(null);
    const record = normalise(read.body, ref.businessKey);
    return record ? readRecord(record) : unreadable(WHAT);
  }
  const reference = (ref.command as { reference?: unknown } | null)?.reference;
  if (typeof reference !== 'string' || reference === '') return noKey('fulfilment');
  const lookup = await findByReference(ctx, reference);
  switch (lookup.kind) {
    case 'absent':
      return readRecord(null);
    case 'failed':
      return readFailed(lookup);
    case 'found': {
      const record = normalise(lookup.fulfilment, ref.businessKey);
      return record ? readRecord(record) : unreadable(WHAT);
    }
    default: {
      const exhaustive: never = lookup;
      return exhaustive;
    }
  }
};

export const warehouseRecordReaders: Record<string, RecordReader> = {
  create_fulfilment: readFulfilment,
  'shipment.updated': readFulfilment,
};
