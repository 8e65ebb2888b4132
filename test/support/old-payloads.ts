// Old ledger rows for retention's test and bench, written by set-based SQL (generate_series), not
// row by row: `count` inbound events received `ageDays` ago and earlier (one per second back), and
// for the first `transactions` of them a completed transaction with the four facts dispatch
// records — inbound.accepted, command.sent (request, requestBody, requestHeaders),
// provider.accepted (status, response, responseHeaders), status.changed.
import type { Db } from '@/lib/db';

export interface OldPayloads {
  tenantId: string;
  connectionId: string;
  flowId: string;
  count: number;
  transactions: number;
  ageDays: number;
  /** provider event ids are `${prefix}-<n>` (unique per connection) */
  prefix?: string;
}

export async function seedOldPayloads(db: Db, o: OldPayloads): Promise<void> {
  const prefix = o.prefix ?? 'old';
  await db.$executeRaw`
    INSERT INTO inbound_events (id, tenant_id, connection_id, provider_event_id, dedupe_key, topic,
                                status, signature_verdict, headers, body, size_bytes, received_at)
    SELECT gen_random_uuid(), ${o.tenantId}::uuid, ${o.connectionId}::uuid, ${prefix} || '-' || g,
           ${prefix} || '-' || g, 'orders/paid', 'accepted', 'valid',
           jsonb_build_object('content-type', 'application/json', 'x-shopify-topic', 'orders/paid'),
           '{"order_number":' || g || ',"email":"buyer' || g || '@example.com","total_price":"49.00"}',
           80, now() - make_interval(days => ${o.ageDays}) - make_interval(secs => g)
    FROM generate_series(1, ${o.count}) g`;
  if (o.transactions === 0) return;
  await db.$executeRaw`
    INSERT INTO transactions (id, tenant_id, flow_id, inbound_event_id, business_key,
                              source_object_id, idempotency_key, status, attempts, external_refs,
                              customer_email, created_at, updated_at, completed_at)
    SELECT gen_random_uuid(), e.tenant_id, ${o.flowId}::uuid, e.id, e.provider_event_id,
           e.provider_event_id, ${o.flowId} || ':' || e.provider_event_id, 'completed', 1,
           jsonb_build_object('warehouse', 'FUL-' || e.provider_event_id),
           'buyer@example.com', e.received_at, e.received_at, e.received_at + interval '2 seconds'
    FROM (SELECT id, tenant_id, provider_event_id, received_at FROM inbound_events
          WHERE tenant_id = ${o.tenantId}::uuid AND provider_event_id LIKE ${prefix + '-%'}
          ORDER BY received_at DESC LIMIT ${o.transactions}) e`;
  await db.$executeRaw`
    INSERT INTO timeline_entries (tenant_id, transaction_id, kind, type, summary, actor, from_status,
                                  to_status, data, occurred_at)
    SELECT t.tenant_id, t.id, f.kind::"TimelineKind", f.type, f.type, 'worker',
           f.from_status::"TransactionStatus", f.to_status::"TransactionStatus", f.data,
           t.created_at + f.after
    FROM transactions t
    CROSS JOIN LATERAL (VALUES
      ('event', 'inbound.accepted', NULL, 'received',
       jsonb_build_object('inboundEventId', t.inbound_event_id, 'topic', 'orders/paid'),
       interval '0'),
      ('command', 'command.sent', NULL, NULL,
       jsonb_build_object('operation', 'create_fulfilment', 'attempt', 1, 'mappingVersion', 1,
         'idempotencyKey', t.idempotency_key, 'method', 'POST', 'url', 'http://wms.test/fulfilments',
         'request', jsonb_build_object('reference', t.business_key, 'email', 'buyer@example.com'),
         'requestBody', jsonb_build_object('ref', t.business_key, 'ship_to', 'Ada Lovelace'),
         'requestHeaders', jsonb_build_object('content-type', 'application/json')),
       interval '1 second'),
      ('event', 'provider.accepted', NULL, NULL,
       jsonb_build_object('status', 201, 'durationMs', 12,
         'response', jsonb_build_object('id', 'FUL-' || t.business_key, 'status', 'CREATED'),
         'responseHeaders', jsonb_build_object('content-type', 'application/json')),
       interval '1 second 12 milliseconds'),
      ('state_change', 'status.changed', 'received', 'completed', NULL::jsonb, interval '2 seconds')
    ) AS f(kind, type, from_status, to_status, data, after)
    WHERE t.tenant_id = ${o.tenantId}::uuid AND t.business_key LIKE ${prefix + '-%'}`;
}
