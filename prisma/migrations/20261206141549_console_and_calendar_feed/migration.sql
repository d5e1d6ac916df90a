-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN "calendarToken" TEXT;

-- CreateTable
CREATE TABLE "ConsoleEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" TEXT NOT NULL,
    "channelId" TEXT,
    "userId" TEXT,
    "kind" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "ConsoleEntry_workspaceId_id_idx" ON "ConsoleEntry"("workspaceId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Workspace_calendarToken_key" ON "Workspace"("calendarToken");
