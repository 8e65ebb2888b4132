-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('admin', 'support', 'finance', 'viewer');

-- CreateEnum
CREATE TYPE "ConnectionStatus" AS ENUM ('active', 'paused');

-- CreateEnum
CREATE TYPE "CircuitState" AS ENUM ('closed', 'open', 'half_open');

-- CreateEnum
CREATE TYPE "FlowStatus" AS ENUM ('active', 'paused');

-- CreateEnum
CREATE TYPE "InboundStatus" AS ENUM ('accepted', 'duplicate', 'rejected', 'ignored');

-- CreateEnum
CREATE TYPE "SignatureVerdict" AS ENUM ('valid', 'invalid', 'missing');

-- CreateEnum
CREATE TYPE "TransactionStatus" AS ENUM ('received', 'processing', 'waiting_retry', 'paused', 'needs_review', 'failed', 'completed', 'cancelled');

-- CreateEnum
CREATE TYPE "ErrorClass" AS ENUM ('auth', 'permission', 'validation', 'contract_mismatch', 'rate_limited', 'timeout', 'duplicate', 'stale', 'missing_dependency', 'provider_outage', 'mapping', 'business_rule', 'unknown');

-- CreateEnum
CREATE TYPE "TimelineKind" AS ENUM ('command', 'event', 'state_change', 'reconciliation', 'human_action');

-- CreateTable
CREATE TABLE "tenants" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tenants_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "disabled_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "memberships" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "role" "Role" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "memberships_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "connections" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "base_url" TEXT NOT NULL,
    "credentials_encrypted" TEXT,
    "webhook_secret_encrypted" TEXT,
    "previous_secret_encrypted" TEXT,
    "webhook_secret_overlap_until" TIMESTAMPTZ(3),
    "settings" JSONB NOT NULL DEFAULT '{}',
    "rate_limit_per_second" INTEGER,
    "max_concurrency" INTEGER,
    "status" "ConnectionStatus" NOT NULL DEFAULT 'active',
    "circuit_state" "CircuitState" NOT NULL DEFAULT 'closed',
    "circuit_changed_at" TIMESTAMPTZ(3),
    "last_success_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "connections_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "flows" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "source_connection_id" UUID NOT NULL,
    "event_type" TEXT NOT NULL,
    "target_connection_id" UUID NOT NULL,
    "operation" TEXT NOT NULL,
    "active_mapping_version_id" UUID,
    "retry_policy" JSONB NOT NULL DEFAULT '{}',
    "status" "FlowStatus" NOT NULL DEFAULT 'active',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "flows_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mapping_versions" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "flow_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "expression" TEXT NOT NULL,
    "output_schema" JSONB NOT NULL DEFAULT '{}',
    "status_table" JSONB NOT NULL DEFAULT '{}',
    "field_ownership" JSONB NOT NULL DEFAULT '{}',
    "note" TEXT,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "mapping_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inbound_events" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "connection_id" UUID NOT NULL,
    "provider_event_id" TEXT,
    "dedupe_key" TEXT,
    "duplicate_of_id" UUID,
    "topic" TEXT,
    "status" "InboundStatus" NOT NULL,
    "signature_verdict" "SignatureVerdict" NOT NULL,
    "reject_reason" TEXT,
    "headers" JSONB NOT NULL DEFAULT '{}',
    "body" TEXT NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "inbound_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "transactions" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "flow_id" UUID NOT NULL,
    "inbound_event_id" UUID NOT NULL,
    "mapping_version_id" UUID,
    "business_key" TEXT NOT NULL,
    "source_object_id" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "status" "TransactionStatus" NOT NULL DEFAULT 'received',
    "error_class" "ErrorClass",
    "last_error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3),
    "external_refs" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "transactions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "timeline_entries" (
    "id" BIGSERIAL NOT NULL,
    "tenant_id" UUID NOT NULL,
    "transaction_id" UUID NOT NULL,
    "kind" "TimelineKind" NOT NULL,
    "type" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "actor" TEXT NOT NULL DEFAULT 'system',
    "from_status" "TransactionStatus",
    "to_status" "TransactionStatus",
    "data" JSONB,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "timeline_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbox" (
    "id" BIGSERIAL NOT NULL,
    "tenant_id" UUID NOT NULL,
    "transaction_id" UUID NOT NULL,
    "job_name" TEXT NOT NULL,
    "available_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sweeps" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "outbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_entries" (
    "id" BIGSERIAL NOT NULL,
    "tenant_id" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "actor_user_id" UUID,
    "actor_label" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "object_type" TEXT NOT NULL,
    "object_id" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "prev_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_entries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "tenants_slug_key" ON "tenants"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "memberships_user_id_idx" ON "memberships"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "memberships_tenant_id_user_id_key" ON "memberships"("tenant_id", "user_id");

-- CreateIndex
CREATE UNIQUE INDEX "connections_tenant_id_key_key" ON "connections"("tenant_id", "key");

-- CreateIndex
CREATE INDEX "flows_tenant_id_source_connection_id_event_type_idx" ON "flows"("tenant_id", "source_connection_id", "event_type");

-- CreateIndex
CREATE UNIQUE INDEX "flows_tenant_id_key_key" ON "flows"("tenant_id", "key");

-- CreateIndex
CREATE UNIQUE INDEX "mapping_versions_flow_id_version_key" ON "mapping_versions"("flow_id", "version");

-- CreateIndex
CREATE INDEX "inbound_events_tenant_id_received_at_idx" ON "inbound_events"("tenant_id", "received_at" DESC);

-- CreateIndex
CREATE INDEX "inbound_events_tenant_id_status_received_at_idx" ON "inbound_events"("tenant_id", "status", "received_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "inbound_events_connection_id_dedupe_key_key" ON "inbound_events"("connection_id", "dedupe_key");

-- CreateIndex
CREATE INDEX "transactions_tenant_id_business_key_idx" ON "transactions"("tenant_id", "business_key");

-- CreateIndex
CREATE INDEX "transactions_tenant_id_created_at_id_idx" ON "transactions"("tenant_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "transactions_tenant_id_status_created_at_id_idx" ON "transactions"("tenant_id", "status", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "transactions_tenant_id_flow_id_created_at_id_idx" ON "transactions"("tenant_id", "flow_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "transactions_tenant_id_idempotency_key_key" ON "transactions"("tenant_id", "idempotency_key");

-- CreateIndex
CREATE INDEX "timeline_entries_transaction_id_occurred_at_id_idx" ON "timeline_entries"("transaction_id", "occurred_at", "id");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_transaction_id_key" ON "outbox"("transaction_id");

-- CreateIndex
CREATE INDEX "outbox_available_at_idx" ON "outbox"("available_at");

-- CreateIndex
CREATE INDEX "audit_entries_tenant_id_created_at_idx" ON "audit_entries"("tenant_id", "created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "audit_entries_tenant_id_seq_key" ON "audit_entries"("tenant_id", "seq");

-- AddForeignKey
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "connections" ADD CONSTRAINT "connections_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "flows" ADD CONSTRAINT "flows_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "flows" ADD CONSTRAINT "flows_source_connection_id_fkey" FOREIGN KEY ("source_connection_id") REFERENCES "connections"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "flows" ADD CONSTRAINT "flows_target_connection_id_fkey" FOREIGN KEY ("target_connection_id") REFERENCES "connections"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "flows" ADD CONSTRAINT "flows_active_mapping_version_id_fkey" FOREIGN KEY ("active_mapping_version_id") REFERENCES "mapping_versions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mapping_versions" ADD CONSTRAINT "mapping_versions_flow_id_fkey" FOREIGN KEY ("flow_id") REFERENCES "flows"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inbound_events" ADD CONSTRAINT "inbound_events_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "connections"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "transactions" ADD CONSTRAINT "transactions_flow_id_fkey" FOREIGN KEY ("flow_id") REFERENCES "flows"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "transactions" ADD CONSTRAINT "transactions_inbound_event_id_fkey" FOREIGN KEY ("inbound_event_id") REFERENCES "inbound_events"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "transactions" ADD CONSTRAINT "transactions_mapping_version_id_fkey" FOREIGN KEY ("mapping_version_id") REFERENCES "mapping_versions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "timeline_entries" ADD CONSTRAINT "timeline_entries_transaction_id_fkey" FOREIGN KEY ("transaction_id") REFERENCES "transactions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_transaction_id_fkey" FOREIGN KEY ("transaction_id") REFERENCES "transactions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

