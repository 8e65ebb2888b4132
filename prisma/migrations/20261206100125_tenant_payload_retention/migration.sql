-- AlterTable
ALTER TABLE "tenants" ADD COLUMN     "payload_retention_days" INTEGER;


-- the bounds the settings form and the API enforce (lib/retention/retention-setting.ts), kept here too
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_payload_retention_days_range"
  CHECK ("payload_retention_days" IS NULL OR "payload_retention_days" BETWEEN 1 AND 3650);
