-- seed:large, once per session: helpers the per-batch script (batch.sql) uses. Everything lives in
-- pg_temp, so nothing outside the migrations is left in the database.
-- Settings: seed.tenant (uuid).

-- A seed has nothing to lose on a crash: skip waiting for the WAL flush on each batch's commit.
SET synchronous_commit = off;

-- 16 hex digits from a seeded hash of text: the seed's stand-in for random bytes.
CREATE OR REPLACE FUNCTION pg_temp.hex16(salt text, seed bigint) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT lpad(to_hex(hashtextextended(salt, seed)), 16, '0')
$$;

-- UUID version 7 for a given time, random bits taken from hashes of salt: time-ordered like the
-- ids the app writes (lib/db/uuid7.ts), and the same on every run.
CREATE OR REPLACE FUNCTION pg_temp.uuid7(at timestamptz, salt text) RETURNS uuid
LANGUAGE sql IMMUTABLE AS $$
  -- one expression without FROM, so it is inlined; hashtextextended is far cheaper than md5
  SELECT (lpad(to_hex(floor(extract(epoch FROM at) * 1000)::bigint), 12, '0') || '7'
          || pg_temp.hex16(salt, 1) || substr('89ab', 1 + (hashtext(salt) & 3), 1)
          || substr(pg_temp.hex16(salt, 2), 1, 2))::uuid
$$;

-- A standard normal draw (Box-Muller), for log-normal provider latencies.
CREATE OR REPLACE FUNCTION pg_temp.normal() RETURNS float8
LANGUAGE sql VOLATILE AS $$
  SELECT sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())
$$;

-- The demo tenant's flows with what a row needs from their connections.
DROP TABLE IF EXISTS s_flow;
CREATE TEMP TABLE s_flow AS
SELECT f.id AS flow_id, f.key AS flow_key, f.event_type, f.operation,
       f.active_mapping_version_id AS mapping_id,
       tc.id AS target_conn, tc.key AS target_key, tc.name AS target_name,
       sc.id AS source_conn, sc.key AS source_key,
       f.key IN ('payments-to-erp', 'refunds-to-erp') AS dependent
FROM flows f
JOIN connections tc ON tc.id = f.target_connection_id
JOIN connections sc ON sc.id = f.source_connection_id
WHERE f.tenant_id = current_setting('seed.tenant')::uuid
  AND f.event_type IN ('order.paid', 'shipment.updated', 'payment.succeeded', 'refund.created');

-- Source connection of each event type (the first flow's source: they agree per type).
DROP TABLE IF EXISTS s_source;
CREATE TEMP TABLE s_source AS
SELECT DISTINCT ON (event_type) event_type, source_conn FROM s_flow ORDER BY event_type, flow_key;
