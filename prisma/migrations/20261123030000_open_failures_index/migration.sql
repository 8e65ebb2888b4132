-- Hand-written: Prisma's schema language cannot express a partial index with INCLUDE, so this one
-- lives only in migrations (test/schema-migrations.integration.test.ts lists it as such).
-- The error queues group open failures by flow and class with first/last seen; at a million
-- transactions a few percent are open failures, and this index answers the grouping with an
-- index-only scan of just those rows instead of ~30k heap fetches (about 1-2 s -> 25 ms measured).
CREATE INDEX "transactions_open_failures_idx" ON "transactions" ("tenant_id", "flow_id", "error_class", "updated_at" DESC, "id" DESC) INCLUDE ("status") WHERE "status" IN ('failed', 'needs_review');
