-- CreateEnum
CREATE TYPE "IssueState" AS ENUM ('open', 'acknowledged', 'resolved', 'ignored');

-- CreateTable
CREATE TABLE "issues" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "flow_id" UUID NOT NULL,
    "error_class" TEXT NOT NULL DEFAULT '',
    "title" TEXT NOT NULL,
    "state" "IssueState" NOT NULL DEFAULT 'open',
    "owner_user_id" UUID,
    "snoozed_until" TIMESTAMPTZ(3),
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "failure_count" INTEGER NOT NULL DEFAULT 0,
    "resolved_at" TIMESTAMPTZ(3),
    "reopened_count" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "issues_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "issue_events" (
    "id" BIGSERIAL NOT NULL,
    "tenant_id" UUID NOT NULL,
    "issue_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "actor" TEXT NOT NULL DEFAULT 'system',
    "actor_label" TEXT NOT NULL DEFAULT 'system',
    "from_state" "IssueState",
    "to_state" "IssueState",
    "body" TEXT,
    "data" JSONB,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "issue_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "issue_hourly" (
    "tenant_id" UUID NOT NULL,
    "issue_id" UUID NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "issue_hourly_pkey" PRIMARY KEY ("issue_id","hour")
);

-- CreateTable
CREATE TABLE "issue_upkeep_cursor" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "last_entry_id" BIGINT NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "issue_upkeep_cursor_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "issues_tenant_id_state_last_seen_at_idx" ON "issues"("tenant_id", "state", "last_seen_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "issues_tenant_id_flow_id_error_class_key" ON "issues"("tenant_id", "flow_id", "error_class");

-- CreateIndex
CREATE INDEX "issue_events_issue_id_occurred_at_id_idx" ON "issue_events"("issue_id", "occurred_at", "id");

-- AddForeignKey
ALTER TABLE "issue_events" ADD CONSTRAINT "issue_events_issue_id_fkey" FOREIGN KEY ("issue_id") REFERENCES "issues"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "issue_hourly" ADD CONSTRAINT "issue_hourly_issue_id_fkey" FOREIGN KEY ("issue_id") REFERENCES "issues"("id") ON DELETE CASCADE ON UPDATE CASCADE;

