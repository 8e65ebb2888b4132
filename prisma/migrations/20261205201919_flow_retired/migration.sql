-- AlterEnum
ALTER TYPE "FlowStatus" ADD VALUE 'retired';

