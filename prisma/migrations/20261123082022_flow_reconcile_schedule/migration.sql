-- AlterTable
ALTER TABLE "flows" ADD COLUMN     "reconcile_cron" TEXT,
ADD COLUMN     "reconcile_scheduled" BOOLEAN NOT NULL DEFAULT true;

