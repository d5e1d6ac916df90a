-- AlterTable
ALTER TABLE "Outage" ADD COLUMN     "number" INTEGER;

-- AlterTable
ALTER TABLE "SlaPolicy" ADD COLUMN     "claimDays" INTEGER NOT NULL DEFAULT 30,
ADD COLUMN     "creditTiers" TEXT;

-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN     "creditMonth" TEXT,
ADD COLUMN     "creditSeq" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "outageSeq" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "surveyDays" INTEGER DEFAULT 60;

-- CreateTable
CREATE TABLE "Credit" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "contractId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "uptime" DOUBLE PRECISION NOT NULL,
    "uptimeTarget" DOUBLE PRECISION,
    "below" DOUBLE PRECISION NOT NULL,
    "percent" DOUBLE PRECISION NOT NULL,
    "fee" DOUBLE PRECISION,
    "amount" DOUBLE PRECISION,
    "currency" TEXT NOT NULL,
    "claimDeadline" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'due',
    "recovered" DOUBLE PRECISION,
    "evidence" TEXT NOT NULL DEFAULT '[]',
    "claimedBy" TEXT,
    "claimedAt" TIMESTAMPTZ(3),
    "settledBy" TEXT,
    "settledAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Credit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Survey" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "contractId" TEXT NOT NULL,
    "cycle" INTEGER NOT NULL,
    "openKey" TEXT,
    "openedBy" TEXT NOT NULL,
    "openedAt" TIMESTAMPTZ(3) NOT NULL,
    "closesOn" TEXT NOT NULL,
    "closedAt" TIMESTAMPTZ(3),
    "closedBy" TEXT,
    "reminderId" TEXT,
    "channelId" TEXT,
    "messageTs" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Survey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyVote" (
    "surveyId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "rating" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SurveyVote_pkey" PRIMARY KEY ("surveyId","userId")
);

-- CreateTable
CREATE TABLE "SurveyComment" (
    "surveyId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SurveyComment_pkey" PRIMARY KEY ("surveyId","userId")
);

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
