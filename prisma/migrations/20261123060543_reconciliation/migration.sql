-- CreateEnum
CREATE TYPE "ReconciliationRunStatus" AS ENUM ('running', 'completed', 'failed', 'cancelled');

-- CreateEnum
CREATE TYPE "DriftKind" AS ENUM ('missing_in_ledger', 'missing_in_target', 'status_mismatch', 'field_mismatch');

-- CreateEnum
CREATE TYPE "DriftState" AS ENUM ('open', 'backfilled', 'replayed', 'accepted');

-- CreateTable
CREATE TABLE "reconciliation_runs" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "flow_id" UUID NOT NULL,
    "window_from" TIMESTAMPTZ(3) NOT NULL,
    "window_to" TIMESTAMPTZ(3) NOT NULL,
    "trigger" TEXT NOT NULL,
    "requested_by" TEXT NOT NULL,
    "status" "ReconciliationRunStatus" NOT NULL DEFAULT 'running',
    "cursor" TEXT,
    "listed" INTEGER NOT NULL DEFAULT 0,
    "matched" INTEGER NOT NULL DEFAULT 0,
    "drifted" INTEGER NOT NULL DEFAULT 0,
    "listing_ms" INTEGER NOT NULL DEFAULT 0,
    "comparing_ms" INTEGER NOT NULL DEFAULT 0,
    "totals" JSONB NOT NULL DEFAULT '{}',
    "error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "reconciliation_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "drift_items" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "run_id" UUID NOT NULL,
    "flow_id" UUID NOT NULL,
    "kind" "DriftKind" NOT NULL,
    "state" "DriftState" NOT NULL DEFAULT 'open',
    "business_key" TEXT NOT NULL,
    "provider_ref" TEXT,
    "transaction_id" UUID,
    "field" TEXT,
    "ledger_value" JSONB,
    "provider_value" JSONB,
    "owner" TEXT,
    "amount_minor" BIGINT,
    "currency" TEXT,
    "provider_record" JSONB,
    "decided_by" TEXT,
    "decided_at" TIMESTAMPTZ(3),
    "note" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "drift_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sla_rules" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "start_flow_id" UUID,
    "expect_flow_id" UUID NOT NULL,
    "within_minutes" INTEGER NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sla_rules_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sla_breaches" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "rule_id" UUID NOT NULL,
    "business_key" TEXT NOT NULL,
    "started_by_id" UUID,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "breached_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cleared_at" TIMESTAMPTZ(3),

    CONSTRAINT "sla_breaches_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_rules" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "params" JSONB NOT NULL DEFAULT '{}',
    "webhook_url" TEXT NOT NULL,
    "secret_encrypted" TEXT,
    "quiet_minutes" INTEGER NOT NULL DEFAULT 30,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alert_rules_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_events" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "rule_id" UUID NOT NULL,
    "group_key" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "error_class" TEXT,
    "counts" JSONB NOT NULL DEFAULT '{}',
    "occurrences" INTEGER NOT NULL DEFAULT 1,
    "first_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delivered_at" TIMESTAMPTZ(3),
    "delivery_error" TEXT,
    "resolved_at" TIMESTAMPTZ(3),

    CONSTRAINT "alert_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "reconciliation_runs_tenant_id_created_at_idx" ON "reconciliation_runs"("tenant_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "reconciliation_runs_tenant_id_flow_id_created_at_idx" ON "reconciliation_runs"("tenant_id", "flow_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "drift_items_tenant_id_run_id_kind_idx" ON "drift_items"("tenant_id", "run_id", "kind");

-- CreateIndex
CREATE INDEX "drift_items_tenant_id_state_created_at_idx" ON "drift_items"("tenant_id", "state", "created_at" DESC);

-- CreateIndex
CREATE INDEX "drift_items_tenant_id_transaction_id_idx" ON "drift_items"("tenant_id", "transaction_id");

-- CreateIndex
CREATE INDEX "sla_rules_tenant_id_idx" ON "sla_rules"("tenant_id");

-- CreateIndex
CREATE INDEX "sla_breaches_tenant_id_cleared_at_breached_at_idx" ON "sla_breaches"("tenant_id", "cleared_at", "breached_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "sla_breaches_rule_id_business_key_key" ON "sla_breaches"("rule_id", "business_key");

-- CreateIndex
CREATE INDEX "alert_rules_tenant_id_idx" ON "alert_rules"("tenant_id");

-- CreateIndex
CREATE INDEX "alert_events_rule_id_group_key_first_at_idx" ON "alert_events"("rule_id", "group_key", "first_at" DESC);

-- CreateIndex
CREATE INDEX "alert_events_tenant_id_first_at_idx" ON "alert_events"("tenant_id", "first_at" DESC);

-- AddForeignKey
ALTER TABLE "drift_items" ADD CONSTRAINT "drift_items_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "reconciliation_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sla_breaches" ADD CONSTRAINT "sla_breaches_rule_id_fkey" FOREIGN KEY ("rule_id") REFERENCES "sla_rules"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_events" ADD CONSTRAINT "alert_events_rule_id_fkey" FOREIGN KEY ("rule_id") REFERENCES "alert_rules"("id") ON DELETE CASCADE ON UPDATE CASCADE;

