-- AlterTable
ALTER TABLE "VendorIssue" ADD COLUMN "resolutionMs" REAL;
ALTER TABLE "VendorIssue" ADD COLUMN "responseMs" REAL;
ALTER TABLE "VendorIssue" ADD COLUMN "slaClock" TEXT;

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
CREATE INDEX "Contract_workspaceId_status_end_noticeDays_idx" ON "Contract"("workspaceId", "status", "end", "noticeDays");
CREATE INDEX "Contract_workspaceId_status_deadline_nameKey_idx" ON "Contract"("workspaceId", "status", "deadline", "nameKey");
CREATE UNIQUE INDEX "Contract_workspaceId_nameKey_key" ON "Contract"("workspaceId", "nameKey");
CREATE TABLE "new_Workspace" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "platform" TEXT NOT NULL,
    "timezone" TEXT NOT NULL,
    "reminderTime" TEXT NOT NULL DEFAULT '09:00',
    "defaultChannel" TEXT,
    "approvers" TEXT NOT NULL DEFAULT '[]',
    "threshold" REAL,
    "issueSeq" INTEGER NOT NULL DEFAULT 0,
    "calendarToken" TEXT,
    "creditSeq" INTEGER NOT NULL DEFAULT 0,
    "outageSeq" INTEGER NOT NULL DEFAULT 0,
    "surveyDays" INTEGER DEFAULT 60,
    "creditMonth" TEXT,
    "reportMonth" TEXT,
    "activeContracts" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Workspace" ("approvers", "calendarToken", "createdAt", "creditMonth", "creditSeq", "defaultChannel", "id", "issueSeq", "outageSeq", "platform", "reminderTime", "surveyDays", "threshold", "timezone", "updatedAt") SELECT "approvers", "calendarToken", "createdAt", "creditMonth", "creditSeq", "defaultChannel", "id", "issueSeq", "outageSeq", "platform", "reminderTime", "surveyDays", "threshold", "timezone", "updatedAt" FROM "Workspace";
DROP TABLE "Workspace";
ALTER TABLE "new_Workspace" RENAME TO "Workspace";
CREATE UNIQUE INDEX "Workspace_calendarToken_key" ON "Workspace"("calendarToken");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "VendorIssue_contractId_resolvedAt_idx" ON "VendorIssue"("contractId", "resolvedAt");

-- The active contracts each workspace has now.
UPDATE "Workspace" SET "activeContracts" = (SELECT count(*) FROM "Contract" WHERE "Contract"."workspaceId" = "Workspace"."id" AND "Contract"."status" = 'active');
