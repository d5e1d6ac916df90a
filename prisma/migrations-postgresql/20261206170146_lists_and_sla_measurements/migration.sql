-- DropIndex
DROP INDEX "Contract_workspaceId_status_end_idx";

-- AlterTable: the notice deadline of the contracts there are (end minus the notice period), then required.
ALTER TABLE "Contract" ADD COLUMN     "deadline" TEXT;
UPDATE "Contract" SET "deadline" = to_char("end"::date - "noticeDays", 'YYYY-MM-DD');
ALTER TABLE "Contract" ALTER COLUMN "deadline" SET NOT NULL;

-- AlterTable
ALTER TABLE "VendorIssue" ADD COLUMN     "resolutionMs" DOUBLE PRECISION,
ADD COLUMN     "responseMs" DOUBLE PRECISION,
ADD COLUMN     "slaClock" TEXT;

-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN     "activeContracts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "reportMonth" TEXT;

-- CreateIndex
CREATE INDEX "Contract_workspaceId_status_end_noticeDays_idx" ON "Contract"("workspaceId", "status", "end", "noticeDays");

-- CreateIndex
CREATE INDEX "Contract_workspaceId_status_deadline_nameKey_idx" ON "Contract"("workspaceId", "status", "deadline", "nameKey");

-- CreateIndex
CREATE INDEX "VendorIssue_contractId_resolvedAt_idx" ON "VendorIssue"("contractId", "resolvedAt");

-- The active contracts each workspace has now.
UPDATE "Workspace" SET "activeContracts" = (SELECT count(*) FROM "Contract" WHERE "Contract"."workspaceId" = "Workspace"."id" AND "Contract"."status" = 'active');
