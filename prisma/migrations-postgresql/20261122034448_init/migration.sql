-- CreateTable
CREATE TABLE "Workspace" (
    "id" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "timezone" TEXT NOT NULL,
    "reminderTime" TEXT NOT NULL DEFAULT '09:00',
    "defaultChannel" TEXT,
    "approvers" TEXT NOT NULL DEFAULT '[]',
    "threshold" DOUBLE PRECISION,
    "issueSeq" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Workspace_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Contract" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "vendor" TEXT NOT NULL,
    "services" TEXT,
    "start" TEXT,
    "end" TEXT NOT NULL,
    "noticeDays" INTEGER NOT NULL DEFAULT 0,
    "renewal" TEXT NOT NULL DEFAULT 'auto',
    "termMonths" INTEGER NOT NULL DEFAULT 12,
    "value" DOUBLE PRECISION,
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
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Contract_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Reminder" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "contractId" TEXT,
    "cycle" INTEGER NOT NULL DEFAULT 0,
    "kind" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'planned',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3),
    "claimToken" TEXT,
    "claimedAt" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "detail" TEXT,
    "channelId" TEXT,
    "messageTs" TEXT,
    "sentAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Reminder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Decision" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "contractId" TEXT NOT NULL,
    "cycle" INTEGER NOT NULL,
    "choice" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "proposedBy" TEXT NOT NULL,
    "approvedBy" TEXT,
    "decidedAt" TIMESTAMPTZ(3),
    "channelId" TEXT,
    "messageTs" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Decision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DecisionSlot" (
    "workspaceId" TEXT NOT NULL,
    "contractId" TEXT NOT NULL,
    "cycle" INTEGER NOT NULL,
    "decisionId" TEXT NOT NULL,

    CONSTRAINT "DecisionSlot_pkey" PRIMARY KEY ("contractId","cycle")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "contractId" TEXT,
    "actorId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "detail" TEXT NOT NULL DEFAULT '{}',
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProcessedInteraction" (
    "key" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProcessedInteraction_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "VendorIssue" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "contractId" TEXT NOT NULL,
    "priority" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "category" TEXT,
    "openedAt" TIMESTAMPTZ(3) NOT NULL,
    "respondedAt" TIMESTAMPTZ(3),
    "resolvedAt" TIMESTAMPTZ(3),
    "reopenCount" INTEGER NOT NULL DEFAULT 0,
    "openedBy" TEXT NOT NULL,
    "channelId" TEXT,
    "messageTs" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "VendorIssue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IssueEvent" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "issueId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IssueEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Outage" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "contractId" TEXT NOT NULL,
    "startAt" TIMESTAMPTZ(3) NOT NULL,
    "endAt" TIMESTAMPTZ(3) NOT NULL,
    "maintenance" BOOLEAN NOT NULL DEFAULT false,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Outage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SlaTarget" (
    "contractId" TEXT NOT NULL,
    "priority" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "response" TEXT,
    "resolution" TEXT,

    CONSTRAINT "SlaTarget_pkey" PRIMARY KEY ("contractId","priority")
);

-- CreateTable
CREATE TABLE "SlaPolicy" (
    "contractId" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "hours" TEXT NOT NULL DEFAULT '24x7',
    "holidays" TEXT NOT NULL DEFAULT '[]',
    "uptimeTarget" DOUBLE PRECISION,
    "expectation" DOUBLE PRECISION,

    CONSTRAINT "SlaPolicy_pkey" PRIMARY KEY ("contractId")
);

-- CreateTable
CREATE TABLE "Contact" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "contractId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "userId" TEXT,
    "name" TEXT,
    "email" TEXT,
    "phone" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Contact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Person" (
    "workspaceId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "displayName" TEXT,
    "isBot" BOOLEAN NOT NULL DEFAULT false,
    "fetchedAt" TIMESTAMPTZ(3),
    "leavingOn" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("workspaceId","userId")
);

-- CreateTable
CREATE TABLE "ConversationRef" (
    "workspaceId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ConversationRef_pkey" PRIMARY KEY ("workspaceId","channelId")
);

-- CreateIndex
CREATE INDEX "Contract_workspaceId_status_end_idx" ON "Contract"("workspaceId", "status", "end");

-- CreateIndex
CREATE UNIQUE INDEX "Contract_workspaceId_nameKey_key" ON "Contract"("workspaceId", "nameKey");

-- CreateIndex
CREATE INDEX "Reminder_status_dueAt_idx" ON "Reminder"("status", "dueAt");

-- CreateIndex
CREATE INDEX "Reminder_contractId_cycle_idx" ON "Reminder"("contractId", "cycle");

-- CreateIndex
CREATE UNIQUE INDEX "Reminder_workspaceId_subject_cycle_kind_step_key" ON "Reminder"("workspaceId", "subject", "cycle", "kind", "step");

-- CreateIndex
CREATE INDEX "Decision_workspaceId_contractId_cycle_idx" ON "Decision"("workspaceId", "contractId", "cycle");

-- CreateIndex
CREATE INDEX "AuditEvent_workspaceId_contractId_at_idx" ON "AuditEvent"("workspaceId", "contractId", "at");

-- CreateIndex
CREATE INDEX "VendorIssue_contractId_openedAt_idx" ON "VendorIssue"("contractId", "openedAt");

-- CreateIndex
CREATE INDEX "VendorIssue_workspaceId_resolvedAt_idx" ON "VendorIssue"("workspaceId", "resolvedAt");

-- CreateIndex
CREATE UNIQUE INDEX "VendorIssue_workspaceId_number_key" ON "VendorIssue"("workspaceId", "number");

-- CreateIndex
CREATE INDEX "IssueEvent_issueId_at_idx" ON "IssueEvent"("issueId", "at");

-- CreateIndex
CREATE INDEX "Outage_contractId_startAt_idx" ON "Outage"("contractId", "startAt");

-- CreateIndex
CREATE INDEX "Contact_contractId_role_idx" ON "Contact"("contractId", "role");

-- CreateIndex
CREATE INDEX "Contact_workspaceId_userId_idx" ON "Contact"("workspaceId", "userId");

-- CreateIndex
CREATE INDEX "Person_workspaceId_leavingOn_idx" ON "Person"("workspaceId", "leavingOn");

-- AddForeignKey
ALTER TABLE "Contract" ADD CONSTRAINT "Contract_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reminder" ADD CONSTRAINT "Reminder_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
