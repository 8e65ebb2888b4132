-- AlterTable
ALTER TABLE "alert_rules" ADD COLUMN     "channel" TEXT NOT NULL DEFAULT 'webhook',
ADD COLUMN     "destination" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "destination_encrypted" TEXT,
ADD COLUMN     "previous_secret_encrypted" TEXT,
ADD COLUMN     "previous_secret_until" TIMESTAMPTZ(3),
ALTER COLUMN "webhook_url" DROP NOT NULL;

-- AlterTable
ALTER TABLE "alert_events" ADD COLUMN     "delivery_attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "resolve_delivered_at" TIMESTAMPTZ(3),
ADD COLUMN     "resolve_delivery_error" TEXT,
ADD COLUMN     "retry_at" TIMESTAMPTZ(3);

