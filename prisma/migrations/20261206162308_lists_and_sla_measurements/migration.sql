-- AlterTable
ALTER TABLE "VendorIssue" ADD COLUMN "resolutionMs" REAL;
ALTER TABLE "VendorIssue" ADD COLUMN "responseMs" REAL;
ALTER TABLE "VendorIssue" ADD COLUMN "slaClock" TEXT;

-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN "reportMonth" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Contract" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "vendor" TEXT NOT NULL,
    "services" TEXT,
    "start" TEXT,
    "end" TEXT NOT NULL,
    "noticeDays" INTEGER NOT NULL DEFAULT 0,
    "deadline" TEXT NOT NULL,
    "renewal" TEXT NOT NULL DEFAULT 'auto',
    "termMonths" INTEGER NOT NULL DEFAULT 12,
    "value" REAL,
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "per" TEXT NOT NULL DEFAULT 'year',
    "tier" INTEGER NOT NULL DEFAULT 2,
    "ownerId" TEXT NOT NULL,
    "channelId" TEXT,
    "departments" TEXT,
    "status" TEXT NOT NULL DEFAULT 'active',
    "cycle" INTEGER NOT NULL DEFAULT 1,
    "snoozedUntil" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Contract_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
-- The notice deadline of the contracts there are: end minus the notice period.
INSERT INTO "new_Contract" ("deadline", "channelId", "createdAt", "createdBy", "currency", "cycle", "departments", "end", "id", "name", "nameKey", "noticeDays", "ownerId", "per", "renewal", "services", "snoozedUntil", "start", "status", "termMonths", "tier", "updatedAt", "value", "vendor", "workspaceId") SELECT date("end", '-' || "noticeDays" || ' days'), "channelId", "createdAt", "createdBy", "currency", "cycle", "departments", "end", "id", "name", "nameKey", "noticeDays", "ownerId", "per", "renewal", "services", "snoozedUntil", "start", "status", "termMonths", "tier", "updatedAt", "value", "vendor", "workspaceId" FROM "Contract";
DROP TABLE "Contract";
ALTER TABLE "new_Contract" RENAME TO "Contract";
CREATE INDEX "Contract_workspaceId_status_end_idx" ON "Contract"("workspaceId", "status", "end");
CREATE INDEX "Contract_workspaceId_status_deadline_nameKey_idx" ON "Contract"("workspaceId", "status", "deadline", "nameKey");
CREATE UNIQUE INDEX "Contract_workspaceId_nameKey_key" ON "Contract"("workspaceId", "nameKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "VendorIssue_contractId_resolvedAt_idx" ON "VendorIssue"("contractId", "resolvedAt");
