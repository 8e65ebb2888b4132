-- CreateEnum
CREATE TYPE "ReplayBatchStatus" AS ENUM ('running', 'completed', 'cancelled');

-- DropIndex
DROP INDEX "outbox_available_at_idx";

-- AlterTable
ALTER TABLE "connections" ADD COLUMN     "circuit_failures" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "circuit_window_started_at" TIMESTAMPTZ(3),
ADD COLUMN     "last_error" TEXT,
ADD COLUMN     "last_failure_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "flows" ADD COLUMN     "depends_on_flow_id" UUID,
ADD COLUMN     "poll_every_ms" INTEGER,
ADD COLUMN     "poll_feed" TEXT;

-- AlterTable
ALTER TABLE "transactions" ADD COLUMN     "related_transaction_id" UUID,
ADD COLUMN     "source_sequence" BIGINT;

-- AlterTable
ALTER TABLE "outbox" DROP COLUMN "job_name",
DROP COLUMN "sweeps",
ADD COLUMN     "claims" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "connection_id" UUID,
ADD COLUMN     "flow_id" UUID;
-- hand-edited: existing outbox rows learn their flow and target connection
UPDATE "outbox" o SET "flow_id" = f."id", "connection_id" = f."target_connection_id"
FROM "transactions" t JOIN "flows" f ON f."id" = t."flow_id"
WHERE t."id" = o."transaction_id";
ALTER TABLE "outbox" ALTER COLUMN "connection_id" SET NOT NULL, ALTER COLUMN "flow_id" SET NOT NULL;

-- CreateTable
CREATE TABLE "replay_batches" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "requested_by_id" TEXT NOT NULL,
    "requested_by" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "filter" JSONB NOT NULL,
    "total" INTEGER NOT NULL,
    "replayed" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "cursor" UUID,
    "status" "ReplayBatchStatus" NOT NULL DEFAULT 'running',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "replay_batches_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "replay_batches_tenant_id_created_at_idx" ON "replay_batches"("tenant_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "transactions_tenant_id_flow_id_source_object_id_idx" ON "transactions"("tenant_id", "flow_id", "source_object_id");

-- CreateIndex
CREATE INDEX "outbox_connection_id_available_at_idx" ON "outbox"("connection_id", "available_at");

-- AddForeignKey
ALTER TABLE "flows" ADD CONSTRAINT "flows_depends_on_flow_id_fkey" FOREIGN KEY ("depends_on_flow_id") REFERENCES "flows"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "connections"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_flow_id_fkey" FOREIGN KEY ("flow_id") REFERENCES "flows"("id") ON DELETE CASCADE ON UPDATE CASCADE;

