-- CreateEnum
CREATE TYPE "RecoveryState" AS ENUM ('open', 'draining', 'reconciling', 'completed', 'abandoned');

-- CreateTable
CREATE TABLE "recoveries" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "connection_id" UUID NOT NULL,
    "state" "RecoveryState" NOT NULL DEFAULT 'open',
    "cause" TEXT NOT NULL,
    "cause_detail" TEXT,
    "outage_from" TIMESTAMPTZ(3) NOT NULL,
    "waiting_at_start" INTEGER NOT NULL,
    "failed_at_start" INTEGER NOT NULL,
    "started_by_id" TEXT NOT NULL,
    "started_by" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "fix_confirmed_at" TIMESTAMPTZ(3),
    "fix_note" TEXT,
    "previewed_at" TIMESTAMPTZ(3),
    "preview_waiting" INTEGER,
    "preview_failed" INTEGER,
    "preflight_id" UUID,
    "drain_rate_per_second" INTEGER,
    "drain_started_at" TIMESTAMPTZ(3),
    "replay_batch_id" UUID,
    "drain_total" INTEGER,
    "outage_to" TIMESTAMPTZ(3),
    "reconciliation_run_ids" UUID[] DEFAULT ARRAY[]::UUID[],
    "finished_at" TIMESTAMPTZ(3),
    "finished_by" TEXT,

    CONSTRAINT "recoveries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "recoveries_tenant_id_connection_id_started_at_idx" ON "recoveries"("tenant_id", "connection_id", "started_at" DESC);

-- AddForeignKey
ALTER TABLE "recoveries" ADD CONSTRAINT "recoveries_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "connections"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written (Prisma's schema language cannot express a partial unique index; listed in
-- test/schema-migrations.integration.test.ts): at most one active recovery per connection, and
-- the drain's look-up of a draining recovery's rate (lib/engine/load-dispatchable.ts) uses it.
CREATE UNIQUE INDEX "recoveries_one_active_idx" ON "recoveries" ("connection_id") WHERE "state" IN ('open', 'draining', 'reconciling');
