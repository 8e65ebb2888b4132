-- AlterTable
ALTER TABLE "tenants" ADD COLUMN     "max_token_lifetime_days" INTEGER NOT NULL DEFAULT 365;

-- CreateTable
CREATE TABLE "inbound_refusal_counts" (
    "connection_id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "refused" BIGINT NOT NULL DEFAULT 0,
    "last_refused_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "inbound_refusal_counts_pkey" PRIMARY KEY ("connection_id")
);

-- CreateIndex
CREATE INDEX "inbound_refusal_counts_tenant_id_idx" ON "inbound_refusal_counts"("tenant_id");

-- CreateIndex
CREATE INDEX "inbound_events_connection_id_status_received_at_idx" ON "inbound_events"("connection_id", "status", "received_at" DESC);

-- AddForeignKey
ALTER TABLE "inbound_refusal_counts" ADD CONSTRAINT "inbound_refusal_counts_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "connections"("id") ON DELETE CASCADE ON UPDATE CASCADE;

