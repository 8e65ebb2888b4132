-- AlterTable
ALTER TABLE "drift_items" ADD COLUMN     "cause" TEXT,
ADD COLUMN     "ledger_amount_minor" BIGINT,
ADD COLUMN     "ledger_currency" TEXT;

