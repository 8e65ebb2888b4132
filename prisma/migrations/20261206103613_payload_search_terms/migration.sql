-- AlterTable
ALTER TABLE "connections" ADD COLUMN     "search_paths" JSONB;

-- AlterTable
ALTER TABLE "transactions" ADD COLUMN     "search_terms" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateIndex
CREATE INDEX "transactions_search_terms_idx" ON "transactions" USING GIN ("search_terms");


-- Hand-written (test/schema-migrations.integration.test.ts checks it): a bounded GIN pending list,
-- as for transactions_external_refs_idx (20261123031500_search_index_tuning): every accepted
-- delivery adds entries here, and every probe scans the pending list until it is merged.
ALTER INDEX "transactions_search_terms_idx" SET (gin_pending_list_limit = 256);
