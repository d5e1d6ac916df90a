-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN     "calendarToken" TEXT;

-- CreateTable
CREATE TABLE "ConsoleEntry" (
    "id" SERIAL NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "channelId" TEXT,
    "userId" TEXT,
    "kind" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ConsoleEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ConsoleEntry_workspaceId_id_idx" ON "ConsoleEntry"("workspaceId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Workspace_calendarToken_key" ON "Workspace"("calendarToken");
