-- CreateTable
CREATE TABLE "overview_hourly" (
    "tenant_id" UUID NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "flow_id" UUID NOT NULL,
    "status" "TransactionStatus" NOT NULL,
    "error_class" TEXT NOT NULL DEFAULT '',
    "latency_bucket" INTEGER NOT NULL DEFAULT -1,
    "count" INTEGER NOT NULL,
    "refreshed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "overview_hourly_pkey" PRIMARY KEY ("tenant_id","hour","flow_id","status","error_class","latency_bucket")
);

