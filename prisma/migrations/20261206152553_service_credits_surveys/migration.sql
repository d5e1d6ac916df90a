-- AlterTable
ALTER TABLE "Outage" ADD COLUMN "number" INTEGER;

-- CreateTable
CREATE TABLE "Credit" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "contractId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "uptime" REAL NOT NULL,
    "uptimeTarget" REAL,
    "below" REAL NOT NULL,
    "percent" REAL NOT NULL,
    "fee" REAL,
    "amount" REAL,
    "currency" TEXT NOT NULL,
    "claimDeadline" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'due',
    "recovered" REAL,
    "evidence" TEXT NOT NULL DEFAULT '[]',
    "claimedBy" TEXT,
    "claimedAt" DATETIME,
    "settledBy" TEXT,
    "settledAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Survey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "contractId" TEXT NOT NULL,
    "cycle" INTEGER NOT NULL,
    "openKey" TEXT,
    "openedBy" TEXT NOT NULL,
    "openedAt" DATETIME NOT NULL,
    "closesOn" TEXT NOT NULL,
    "closedAt" DATETIME,
    "closedBy" TEXT,
    "reminderId" TEXT,
    "channelId" TEXT,
    "messageTs" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "SurveyVote" (
    "surveyId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "rating" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,

    PRIMARY KEY ("surveyId", "userId")
);

-- CreateTable
CREATE TABLE "SurveyComment" (
    "surveyId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "at" DATETIME NOT NULL,

    PRIMARY KEY ("surveyId", "userId")
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_SlaPolicy" (
    "contractId" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "hours" TEXT NOT NULL DEFAULT '24x7',
    "holidays" TEXT NOT NULL DEFAULT '[]',
    "uptimeTarget" REAL,
    "expectation" REAL,
    "creditTiers" TEXT,
    "claimDays" INTEGER NOT NULL DEFAULT 30
);
INSERT INTO "new_SlaPolicy" ("contractId", "expectation", "holidays", "hours", "uptimeTarget", "workspaceId") SELECT "contractId", "expectation", "holidays", "hours", "uptimeTarget", "workspaceId" FROM "SlaPolicy";
DROP TABLE "SlaPolicy";
ALTER TABLE "new_SlaPolicy" RENAME TO "SlaPolicy";
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Workspace" ("approvers", "calendarToken", "createdAt", "defaultChannel", "id", "issueSeq", "platform", "reminderTime", "threshold", "timezone", "updatedAt") SELECT "approvers", "calendarToken", "createdAt", "defaultChannel", "id", "issueSeq", "platform", "reminderTime", "threshold", "timezone", "updatedAt" FROM "Workspace";
DROP TABLE "Workspace";
ALTER TABLE "new_Workspace" RENAME TO "Workspace";
CREATE UNIQUE INDEX "Workspace_calendarToken_key" ON "Workspace"("calendarToken");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Credit_workspaceId_status_idx" ON "Credit"("workspaceId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Credit_workspaceId_number_key" ON "Credit"("workspaceId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "Credit_contractId_month_key" ON "Credit"("contractId", "month");

-- CreateIndex
CREATE UNIQUE INDEX "Survey_openKey_key" ON "Survey"("openKey");

-- CreateIndex
CREATE INDEX "Survey_contractId_openedAt_idx" ON "Survey"("contractId", "openedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Outage_workspaceId_number_key" ON "Outage"("workspaceId", "number");
