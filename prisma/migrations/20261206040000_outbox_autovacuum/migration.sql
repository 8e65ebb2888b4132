-- The outbox is a queue: rows are inserted, re-dated and deleted all day. Its statistics must
-- follow that churn, because the claim's plan depends on how many rows are due (ADR 0021), and its
-- dead rows must go soon, because every claim walks the index past them. PostgreSQL's defaults
-- (a tenth of the table changed) suit tables that grow, not a queue.
ALTER TABLE "outbox" SET (
  autovacuum_vacuum_scale_factor = 0.01,
  autovacuum_vacuum_threshold = 200,
  autovacuum_analyze_scale_factor = 0.01,
  autovacuum_analyze_threshold = 200
);
