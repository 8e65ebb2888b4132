-- seed:large, one batch of orders (about a day): their source events (paid orders, and for some
-- orders a shipment, a payment, a refund), the transactions each event fans out to, their
-- timelines and the outbox rows of the pending ones. Runs inside the caller's transaction.
-- Settings: seed.tenant, seed.lo/seed.hi (order ordinals [lo, hi)), seed.start (epoch s of the
-- first order), seed.step (seconds between orders), seed.now (epoch s), seed.outage (epoch s of
-- a 75-minute warehouse outage).
-- Per 100 orders: 300 fan-out, 12 shipment, 6 payment and 2 refund transactions (320), so
-- 312,500 orders make exactly 1,000,000 transactions.

CREATE TEMP TABLE s_order ON COMMIT DROP AS
SELECT g,
       to_timestamp(current_setting('seed.start')::float8
                    + (g + random()) * current_setting('seed.step')::float8) AS ts,
       (100000 + g)::text AS order_no,
       (5200000000 + g * 7)::text AS shop_id,
       -- repeat customers: about 2.6 orders each
       lower((ARRAY['ada','grace','alan','edsger','barbara','donald','frances','john','margaret',
                    'ken','radia','tim','hedy','linus','katherine','dennis','sophie','niklaus',
                    'anita','guido','karen','bjarne','shafi','leslie'])[1 + c % 24] || '.' ||
             (ARRAY['lovelace','hopper','turing','dijkstra','liskov','knuth','allen','backus',
                    'hamilton','thompson','perlman','berners','lamarr','torvalds','johnson',
                    'ritchie','wilson','wirth','borg','rossum','jones','stroustrup','goldwasser',
                    'lamport'])[1 + (c / 24) % 24] ||
             CASE WHEN c >= 576 THEN (c / 576)::text ELSE '' END || '@' ||
             (ARRAY['example.com','example.org','mail.example','shop.example','example.net'])[1 + c % 5])
         AS email
FROM generate_series(current_setting('seed.lo')::int, current_setting('seed.hi')::int - 1) AS g
CROSS JOIN LATERAL (SELECT ((g::bigint * 7919) % 120000)::int AS c) AS customer;

-- Source events: every order is paid; 12 % ship (warehouse webhook hours later), 6 % carry a
-- separate payment event, 2 % are refunded days later. Later events never land after "now".
CREATE TEMP TABLE s_event ON COMMIT DROP AS
WITH raw AS (
  SELECT g, 'order.paid' AS event_type, 'orders/paid' AS topic, ts, order_no, shop_id AS object_id,
         email, pg_temp.uuid7(ts, 'evt-order-' || g)::text AS provider_event_id,
         json_build_object('id', shop_id::bigint, 'order_number', order_no::int, 'email', email,
           'financial_status', 'paid', 'currency', 'EUR',
           'total_price', to_char(20 + (g % 380) + (g % 100) / 100.0, 'FM9990.00'),
           'line_items', json_build_array(json_build_object('sku',
             (ARRAY['TENT-2P-GRN','LAMP-HD-400','SOCK-MER-M','PACK-35L-BLU','STOVE-GAS-1'])[1 + g % 5],
             'quantity', 1 + g % 3)))::text AS body
  FROM s_order
  UNION ALL
  SELECT g, 'shipment.updated', 'fulfilment.status_changed',
         greatest(ts, least(ts + make_interval(secs => 7200 + random() * 72000),
                            to_timestamp(current_setting('seed.now')::float8 - 60 - random() * 600))),
         order_no, 'FUL-' || lpad(g::text, 7, '0'), NULL,
         'msg_' || substr(md5('ship' || g), 1, 24),
         json_build_object('type', 'fulfilment.status_changed', 'data', json_build_object(
           'fulfilment', json_build_object('id', 'FUL-' || lpad(g::text, 7, '0'),
             'reference', 'order-' || shop_id, 'order_number', order_no, 'status', 'SENT',
             'carrier', 'DHL', 'tracking_number', 'JD01460000' || lpad(g::text, 7, '0'))))::text
  FROM s_order WHERE g % 25 < 3
  UNION ALL
  SELECT g, 'payment.succeeded', 'payment_intent.succeeded',
         ts + make_interval(secs => 2 + random() * 58),
         order_no, 'pi_' || substr(md5('pi' || g), 1, 24), email,
         'evt_' || substr(md5('evt-pay' || g), 1, 24),
         json_build_object('type', 'payment_intent.succeeded', 'data', json_build_object('object',
           json_build_object('id', 'pi_' || substr(md5('pi' || g), 1, 24), 'amount', 2000 + g % 38000,
             'currency', 'eur', 'receipt_email', email,
             'metadata', json_build_object('order_number', order_no))))::text
  FROM s_order WHERE g % 50 < 3
  UNION ALL
  SELECT g, 'refund.created', 'refunds/create',
         greatest(ts, least(ts + make_interval(secs => 86400 + random() * 518400),
                            to_timestamp(current_setting('seed.now')::float8 - 60 - random() * 3600))),
         order_no, (6100000000 + g)::text, NULL,
         pg_temp.uuid7(ts, 'evt-refund-' || g)::text,
         json_build_object('id', 6100000000 + g, 'order_id', shop_id::bigint, 'order_number',
           order_no::int, 'amount', to_char(10 + g % 90, 'FM990.00'), 'currency', 'EUR')::text
  FROM s_order WHERE g % 50 = 10
)
SELECT raw.*, s.source_conn, pg_temp.uuid7(raw.ts, 'inbound-' || raw.provider_event_id) AS id
FROM raw JOIN s_source s USING (event_type);

INSERT INTO inbound_events (id, tenant_id, connection_id, provider_event_id, dedupe_key, topic,
                            status, signature_verdict, headers, body, size_bytes, received_at)
SELECT id, current_setting('seed.tenant')::uuid, source_conn, provider_event_id, provider_event_id,
       topic, 'accepted', 'valid',
       jsonb_build_object('content-type', 'application/json', 'user-agent', 'seed-large/1.0',
                          'x-signature', '[redacted]', 'x-event-topic', topic),
       body, octet_length(body), ts
FROM s_event;

-- One transaction per event and subscribed flow, with its fate drawn here.
CREATE TEMP TABLE s_tx ON COMMIT DROP AS
WITH t AS (
  SELECT e.g, e.ts, e.order_no, e.object_id, e.email, e.id AS event_id, e.provider_event_id,
         e.topic, f.*,
         pg_temp.uuid7(e.ts + interval '2 ms', f.flow_key || ':' || e.object_id) AS id,
         extract(epoch FROM e.ts) AS at_s,
         random() AS u1, random() AS u2, random() AS u3,
         greatest(15, exp(ln(CASE f.target_key WHEN 'erp' THEN 420 WHEN 'warehouse' THEN 240
                                               ELSE 160 END) + 0.7 * pg_temp.normal())) AS lat_ms
  FROM s_event e JOIN s_flow f USING (event_type)
), fate AS (
  SELECT t.*,
    CASE
      WHEN t.target_key = 'warehouse' AND t.at_s >= current_setting('seed.outage')::float8
           AND t.at_s < current_setting('seed.outage')::float8 + 4500 AND u1 < 0.7 THEN 'failed'
      WHEN current_setting('seed.now')::float8 - t.at_s < 180 THEN
        CASE WHEN u1 < 0.5 THEN 'received' WHEN u1 < 0.6 THEN 'processing' ELSE 'completed' END
      WHEN current_setting('seed.now')::float8 - t.at_s < 10800 THEN
        CASE WHEN u1 < 0.86 THEN 'completed' WHEN u1 < 0.94 THEN 'waiting_retry'
             WHEN u1 < 0.96 THEN 'received' WHEN u1 < 0.98 THEN 'failed' ELSE 'needs_review' END
      WHEN u1 < 0.957 THEN 'completed'
      WHEN u1 < 0.977 THEN 'failed'
      WHEN u1 < 0.987 THEN 'needs_review'
      WHEN u1 < 0.992 THEN 'cancelled'
      WHEN u1 < 0.993 AND t.dependent THEN 'waiting_retry'
      ELSE 'completed'
    END AS status
  FROM t
), classed AS (
  SELECT fate.*,
    CASE status
      WHEN 'failed' THEN CASE
        WHEN target_key = 'warehouse' AND at_s >= current_setting('seed.outage')::float8
             AND at_s < current_setting('seed.outage')::float8 + 4500 THEN 'provider_outage'
        WHEN dependent AND u2 < 0.5 THEN 'missing_dependency'
        WHEN u2 < 0.35 THEN 'provider_outage' WHEN u2 < 0.65 THEN 'timeout'
        WHEN u2 < 0.8 THEN 'rate_limited' WHEN u2 < 0.95 THEN 'auth' ELSE 'unknown' END
      WHEN 'needs_review' THEN CASE
        WHEN u2 < 0.5 THEN 'validation' WHEN u2 < 0.7 THEN 'business_rule'
        WHEN u2 < 0.85 THEN 'mapping' WHEN u2 < 0.95 THEN 'contract_mismatch' ELSE 'permission' END
      WHEN 'cancelled' THEN CASE WHEN u2 < 0.7 THEN 'stale' ELSE 'duplicate' END
      WHEN 'waiting_retry' THEN CASE
        WHEN dependent THEN 'missing_dependency' WHEN u2 < 0.4 THEN 'timeout'
        WHEN u2 < 0.7 THEN 'rate_limited' ELSE 'provider_outage' END
      ELSE NULL
    END AS error_class,
    -- attempts made: a first try that failed transiently before completing (8 %), three tries
    -- before giving up (the flows' retry policy), none for cancelled or dependency waits
    CASE
      WHEN status = 'completed' THEN CASE WHEN u3 < 0.08 THEN 2 ELSE 1 END
      WHEN status = 'failed' THEN 3
      WHEN status IN ('needs_review', 'processing') THEN 1
      WHEN status = 'waiting_retry' AND NOT dependent THEN 1
      ELSE 0
    END AS sent
  FROM fate
)
SELECT c.*,
  -- when attempt k (1-based) is sent: 50 ms after arrival, then backoff 4 s, 8 s, ...
  CASE WHEN sent = 0 THEN ts + interval '5 ms'
       ELSE ts + interval '50 ms' + make_interval(secs => (2 ^ (sent - 1) - 1) * 4)
            + make_interval(secs => CASE WHEN status = 'processing' THEN 0 ELSE lat_ms / 1000 + 0.003 END)
  END AS fin,
  CASE status
    WHEN 'waiting_retry' THEN to_timestamp(current_setting('seed.now')::float8 + 5 + random() * 900)
    WHEN 'processing' THEN to_timestamp(current_setting('seed.now')::float8 + 20)
    WHEN 'received' THEN ts
  END AS next_at,
  CASE error_class
    WHEN 'provider_outage' THEN target_name || ' answered 503 Service Unavailable'
    WHEN 'timeout' THEN 'no answer from ' || target_name || ' within 10000 ms'
    WHEN 'rate_limited' THEN target_name || ' answered 429 Too Many Requests (Retry-After 2 s)'
    WHEN 'auth' THEN target_name || ' refused the credentials (401 Unauthorized)'
    WHEN 'unknown' THEN 'the worker stopped 5 times while dispatching; sent to review'
    WHEN 'missing_dependency' THEN 'sales order for order ' || order_no || ' is not in the ERP yet'
    WHEN 'validation' THEN target_name || ' rejected the command (422): ' ||
      (ARRAY['sku TENT-2P-RED is unknown', 'postal code is invalid for DE',
             'quantity must be positive', 'customer email is missing'])[1 + g % 4]
    WHEN 'business_rule' THEN 'provider status ERROR'
    WHEN 'mapping' THEN 'provider status ON_HOLD is not in mapping v1''s status table'
    WHEN 'contract_mismatch' THEN target_name || ' answered 200 without an id'
    WHEN 'permission' THEN target_name || ' answered 403 Forbidden for ' || operation
    WHEN 'stale' THEN 'a newer state of ' || object_id || ' was already applied'
    WHEN 'duplicate' THEN target_name || ' already holds ' || object_id
    ELSE NULL
  END AS last_error,
  CASE WHEN status = 'completed' OR error_class IN ('business_rule', 'mapping') THEN
    jsonb_build_object(target_key, CASE flow_key
      WHEN 'orders-paid-to-warehouse' THEN 'FUL-' || lpad(g::text, 7, '0')
      WHEN 'orders-paid-to-erp' THEN 'SO-' || lpad(g::text, 7, '0')
      WHEN 'orders-paid-to-crm' THEN 'C-' || lpad(((g::bigint * 7919) % 120000)::text, 6, '0')
      WHEN 'payments-to-erp' THEN 'PAY-' || lpad(g::text, 7, '0')
      WHEN 'refunds-to-erp' THEN 'CM-' || lpad(g::text, 7, '0')
      ELSE (9100000000 + g)::text END)
  ELSE '{}'::jsonb END AS refs
FROM classed c;

-- Payload search terms as ingest extracts them with the adapters' default search paths
-- (commerce $.line_items[*].sku, warehouse $.data.fulfilment.tracking_number; docs/adr/0027),
-- once per event and joined by hash: a correlated subquery per transaction would be quadratic.
CREATE TEMP TABLE s_terms ON COMMIT DROP AS
SELECT e.id AS event_id, array_agg(DISTINCT lower(x.v)) AS terms
FROM s_event e CROSS JOIN LATERAL (
  SELECT jsonb_array_elements(coalesce(e.body::jsonb -> 'line_items', '[]')) ->> 'sku'
  UNION ALL SELECT e.body::jsonb #>> '{data,fulfilment,tracking_number}'
) AS x(v)
WHERE x.v IS NOT NULL
GROUP BY e.id;

INSERT INTO transactions (id, tenant_id, flow_id, inbound_event_id, mapping_version_id,
  business_key, source_object_id, idempotency_key, status, error_class, last_error, attempts,
  next_attempt_at, external_refs, customer_email, created_at, updated_at, completed_at,
  search_terms)
SELECT id, current_setting('seed.tenant')::uuid, flow_id, event_id,
       CASE WHEN sent > 0 THEN mapping_id END, order_no, object_id,
       'wb_' || pg_temp.hex16(flow_key || ':' || object_id, 3) || pg_temp.hex16(flow_key || ':' || object_id, 4),
       status::"TransactionStatus", error_class::"ErrorClass", last_error, sent,
       CASE WHEN status = 'waiting_retry' THEN next_at END,
       refs, email, ts,
       CASE WHEN status = 'received' THEN ts ELSE fin END,
       CASE WHEN status = 'completed' THEN fin END,
       coalesce(s_terms.terms, '{}')
FROM s_tx LEFT JOIN s_terms USING (event_id);

-- Timelines: what the engine writes (inbound.accepted; per attempt command.sent, the provider's
-- answer and the status change; a provider status event after success).
INSERT INTO timeline_entries (tenant_id, transaction_id, kind, type, summary, actor, from_status,
                              to_status, data, occurred_at)
SELECT current_setting('seed.tenant')::uuid, id, 'event'::"TimelineKind", 'inbound.accepted',
       topic || ' accepted for ' || flow_key, 'system', NULL::"TransactionStatus",
       'received'::"TransactionStatus",
       jsonb_build_object('inboundEventId', event_id, 'providerEventId', provider_event_id,
                          'topic', topic),
       ts
FROM s_tx
UNION ALL
SELECT current_setting('seed.tenant')::uuid, id, 'command', 'command.sent',
       operation || ' sent to ' || target_name || ' (attempt ' || k || ')', 'worker', NULL, NULL,
       jsonb_build_object('operation', operation, 'attempt', k, 'mappingVersion', 1,
                          'method', 'POST', 'idempotencyKey', 'wb_' || pg_temp.hex16(flow_key || ':' || object_id, 3) || pg_temp.hex16(flow_key || ':' || object_id, 4)),
       ts + interval '50 ms' + make_interval(secs => (2 ^ (k - 1) - 1) * 4)
FROM s_tx CROSS JOIN LATERAL generate_series(1, sent) AS k
UNION ALL
SELECT current_setting('seed.tenant')::uuid, id, 'event',
       CASE WHEN ok THEN 'provider.accepted' ELSE 'provider.failed' END,
       CASE WHEN ok THEN target_name || ' answered 201 CREATED: ' || coalesce(refs ->> target_key, '')
            ELSE target_name || ' failed (' || cls || ')' END,
       'worker', NULL, NULL,
       CASE WHEN ok THEN jsonb_build_object('status', 201, 'durationMs', round(lat_ms))
            ELSE jsonb_build_object('status', CASE cls WHEN 'timeout' THEN NULL WHEN 'rate_limited' THEN 429
              WHEN 'auth' THEN 401 WHEN 'validation' THEN 422 WHEN 'permission' THEN 403 ELSE 503 END,
              'durationMs', round(lat_ms), 'errorClass', cls) END,
       ts + interval '50 ms' + make_interval(secs => (2 ^ (k - 1) - 1) * 4 + lat_ms / 1000)
FROM s_tx CROSS JOIN LATERAL generate_series(1, sent) AS k
CROSS JOIN LATERAL (SELECT k = sent AND (status = 'completed' OR error_class IN ('business_rule', 'mapping', 'contract_mismatch')) AS ok,
                           CASE WHEN k < sent AND status = 'completed' THEN 'timeout' ELSE coalesce(error_class, 'unknown') END AS cls) AS o
WHERE status <> 'processing'
UNION ALL
SELECT current_setting('seed.tenant')::uuid, id, 'state_change', 'status.changed',
       CASE WHEN k < sent THEN 'retry ' || (k + 1) || ' in ' || (2 ^ k * 2) || ' s'
            WHEN status = 'completed' THEN target_name || ' CREATED -> completed'
            WHEN status = 'failed' THEN error_class || ': gave up after ' || sent || ' attempts'
            WHEN status = 'needs_review' THEN error_class || ': needs a person'
            ELSE coalesce(last_error, status) END,
       'worker', CASE WHEN k > 1 THEN 'waiting_retry' ELSE 'received' END::"TransactionStatus",
       CASE WHEN k < sent THEN 'waiting_retry' ELSE status END::"TransactionStatus",
       NULL,
       CASE WHEN k = sent OR sent = 0 THEN fin
            ELSE ts + interval '50 ms' + make_interval(secs => (2 ^ (k - 1) - 1) * 4 + lat_ms / 1000 + 0.003) END
FROM s_tx CROSS JOIN LATERAL generate_series(1, greatest(sent, 1)) AS k
WHERE status NOT IN ('processing', 'received')
UNION ALL
SELECT current_setting('seed.tenant')::uuid, id, 'event', 'provider.status_changed',
       target_name || ' reports ' || coalesce(refs ->> target_key, '') || ' as ' ||
         CASE target_key WHEN 'warehouse' THEN 'SENT' WHEN 'erp' THEN 'INVOICED' ELSE 'UPDATED' END,
       'system', NULL, NULL,
       jsonb_build_object('providerStatus', CASE target_key WHEN 'warehouse' THEN 'SENT'
                            WHEN 'erp' THEN 'INVOICED' ELSE 'UPDATED' END),
       fin + make_interval(secs => 30 + u3 * 3600)
FROM s_tx WHERE status = 'completed' AND sent = 1;

-- The dispatch queue holds exactly the transactions that still need dispatching.
INSERT INTO outbox (tenant_id, transaction_id, connection_id, flow_id, available_at, created_at)
SELECT current_setting('seed.tenant')::uuid, id, target_conn, flow_id,
       next_at,
       ts
FROM s_tx WHERE status IN ('received', 'processing', 'waiting_retry');
