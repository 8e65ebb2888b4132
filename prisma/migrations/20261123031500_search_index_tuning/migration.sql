-- Hand-written: storage parameters are not expressible in Prisma's schema language
-- (test/schema-migrations.integration.test.ts compares index definitions without them and checks
-- these separately).
-- Search by provider reference probes the GIN index on external_refs. GIN batches new entries in a
-- pending list that every probe scans until (auto)vacuum merges it; with the default 4 MB list a
-- busy ledger made each probe cost 12-40 ms instead of 0.05 ms. A 256 kB list keeps the batching
-- (every completed dispatch adds entries) while bounding what a search has to scan.
ALTER INDEX "transactions_external_refs_idx" SET (gin_pending_list_limit = 256);
