-- AlterTable
ALTER TABLE "Reminder" ADD COLUMN     "reason" TEXT;
