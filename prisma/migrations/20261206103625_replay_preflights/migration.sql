-- CreateEnum
CREATE TYPE "ReplayPreflightStatus" AS ENUM ('running', 'completed', 'cancelled', 'failed');

-- CreateTable
CREATE TABLE "replay_preflights" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "requested_by_id" TEXT NOT NULL,
    "requested_by" TEXT NOT NULL,
    "filter" JSONB NOT NULL,
    "selected" INTEGER NOT NULL,
    "lookup_cap" INTEGER NOT NULL,
    "found" INTEGER NOT NULL DEFAULT 0,
    "absent" INTEGER NOT NULL DEFAULT 0,
    "not_checkable" INTEGER NOT NULL DEFAULT 0,
    "failed_to_check" INTEGER NOT NULL DEFAULT 0,
    "not_checked" INTEGER NOT NULL DEFAULT 0,
    "cursor" UUID,
    "status" "ReplayPreflightStatus" NOT NULL DEFAULT 'running',
    "error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "replay_preflights_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "replay_preflight_matches" (
    "preflight_id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "transaction_id" UUID NOT NULL,
    "connection_key" TEXT NOT NULL,
    "external_ref" TEXT NOT NULL,
    "provider_status" TEXT,

    CONSTRAINT "replay_preflight_matches_pkey" PRIMARY KEY ("preflight_id","transaction_id")
);

-- CreateIndex
CREATE INDEX "replay_preflights_tenant_id_created_at_idx" ON "replay_preflights"("tenant_id", "created_at" DESC);

-- AddForeignKey
ALTER TABLE "replay_preflight_matches" ADD CONSTRAINT "replay_preflight_matches_preflight_id_fkey" FOREIGN KEY ("preflight_id") REFERENCES "replay_preflights"("id") ON DELETE CASCADE ON UPDATE CASCADE;

