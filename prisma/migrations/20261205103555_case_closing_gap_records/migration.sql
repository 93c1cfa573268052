-- CreateEnum
CREATE TYPE "CaseResolution" AS ENUM ('done', 'refused', 'referral_handled', 'withdrawn', 'duplicate');

-- CreateEnum
CREATE TYPE "GapFilingState" AS ENUM ('not_needed', 'kept', 'queued', 'filed', 'stopped');

-- DropForeignKey
ALTER TABLE "GapIssue" DROP CONSTRAINT "GapIssue_caseId_fkey";

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "closedById" TEXT,
ADD COLUMN     "duplicateOfId" TEXT,
ADD COLUMN     "logDiveDone" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "resolution" "CaseResolution",
ADD COLUMN     "statusBeforeClose" "CaseStatus";

-- AlterTable
ALTER TABLE "Relay" ADD COLUMN     "dueAt" TIMESTAMP(3);

-- DropTable
DROP TABLE "GapIssue";

-- CreateTable
CREATE TABLE "GapRecord" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "noGap" BOOLEAN NOT NULL DEFAULT false,
    "noGapReason" TEXT,
    "neededFor" TEXT NOT NULL DEFAULT '',
    "plan" TEXT NOT NULL,
    "team" "Team",
    "recordedById" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "filingState" "GapFilingState" NOT NULL,
    "filingAttempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3),
    "filingError" TEXT,
    "issueIid" INTEGER,
    "issueUrl" TEXT,
    "filedAt" TIMESTAMP(3),

    CONSTRAINT "GapRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GapMissingEvent" (
    "gapRecordId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "eventType" TEXT NOT NULL,
    "catalogued" BOOLEAN NOT NULL,
    "plan" TEXT NOT NULL,
    "team" "Team",
    "recordedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GapMissingEvent_pkey" PRIMARY KEY ("gapRecordId","eventType")
);

-- CreateIndex
CREATE UNIQUE INDEX "GapRecord_caseId_key" ON "GapRecord"("caseId");

-- CreateIndex
CREATE INDEX "GapRecord_recordedAt_idx" ON "GapRecord"("recordedAt");

-- CreateIndex
CREATE INDEX "GapRecord_filingState_idx" ON "GapRecord"("filingState");

-- CreateIndex
CREATE INDEX "GapMissingEvent_eventType_recordedAt_idx" ON "GapMissingEvent"("eventType", "recordedAt");

-- CreateIndex
CREATE INDEX "GapMissingEvent_recordedAt_idx" ON "GapMissingEvent"("recordedAt");

-- CreateIndex
CREATE INDEX "Case_closedAt_idx" ON "Case"("closedAt");

-- CreateIndex
CREATE INDEX "Case_resolution_closedAt_idx" ON "Case"("resolution", "closedAt");

-- CreateIndex
CREATE INDEX "Relay_sentAt_idx" ON "Relay"("sentAt");

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_duplicateOfId_fkey" FOREIGN KEY ("duplicateOfId") REFERENCES "Case"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GapRecord" ADD CONSTRAINT "GapRecord_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GapMissingEvent" ADD CONSTRAINT "GapMissingEvent_gapRecordId_fkey" FOREIGN KEY ("gapRecordId") REFERENCES "GapRecord"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill: a case whose log-dive already started (it is past accepted, or has an artefact)
UPDATE "Case" SET "logDiveDone" = true
WHERE status IN ('in_progress', 'artefacts_in_review', 'approved', 'shared')
   OR EXISTS (SELECT 1 FROM "Artefact" a WHERE a."caseId" = "Case".id);
