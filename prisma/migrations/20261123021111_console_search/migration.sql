-- DropIndex
DROP INDEX "transactions_tenant_id_flow_id_source_object_id_idx";

-- AlterTable
ALTER TABLE "transactions" ADD COLUMN     "customer_email" TEXT;

-- CreateIndex
CREATE INDEX "transactions_tenant_id_status_flow_id_created_at_id_idx" ON "transactions"("tenant_id", "status", "flow_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "transactions_tenant_id_error_class_created_at_id_idx" ON "transactions"("tenant_id", "error_class", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "transactions_tenant_id_source_object_id_flow_id_idx" ON "transactions"("tenant_id", "source_object_id", "flow_id");

-- CreateIndex
CREATE INDEX "transactions_tenant_id_customer_email_idx" ON "transactions"("tenant_id", "customer_email");

-- CreateIndex
CREATE INDEX "transactions_external_refs_idx" ON "transactions" USING GIN ("external_refs" jsonb_path_ops);


-- Backfill (hand-written): the customer email of transactions recorded before this column existed.
-- Only accepted deliveries are read: their bodies were parsed as JSON when they arrived. The paths
-- are the storefront's order fields and the payment provider's receipt email, the sources whose
-- adapters set customerEmail from now on.
UPDATE "transactions" t
SET "customer_email" = lower(coalesce(
      e."body"::jsonb ->> 'email',
      e."body"::jsonb #>> '{customer,email}',
      e."body"::jsonb #>> '{data,object,receipt_email}'))
FROM "inbound_events" e
WHERE e."id" = t."inbound_event_id" AND e."status" = 'accepted' AND left(ltrim(e."body"), 1) = '{';
