-- CreateEnum
CREATE TYPE "HostProposalStatus" AS ENUM ('open', 'accepted', 'declined');

-- AlterTable
ALTER TABLE "Artefact" ADD COLUMN     "residue" JSONB,
ADD COLUMN     "residueSha256" TEXT,
ADD COLUMN     "settingsVersion" INTEGER;

-- AlterTable
ALTER TABLE "ArtefactApproval" ADD COLUMN     "residueSha256" TEXT;

-- CreateTable
CREATE TABLE "SettingsVersion" (
    "version" INTEGER NOT NULL,
    "internalHosts" JSONB NOT NULL,
    "productHosts" JSONB NOT NULL,
    "policy" JSONB NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "note" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "SettingsVersion_pkey" PRIMARY KEY ("version")
);

-- CreateTable
CREATE TABLE "HostProposal" (
    "id" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "artefactId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "proposedById" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "status" "HostProposalStatus" NOT NULL DEFAULT 'open',
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decisionNote" TEXT,
    "settingsVersion" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HostProposal_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "HostProposal_status_createdAt_idx" ON "HostProposal"("status", "createdAt");

-- CreateIndex
CREATE INDEX "HostProposal_artefactId_idx" ON "HostProposal"("artefactId");

-- AddForeignKey
ALTER TABLE "HostProposal" ADD CONSTRAINT "HostProposal_artefactId_fkey" FOREIGN KEY ("artefactId") REFERENCES "Artefact"("id") ON DELETE CASCADE ON UPDATE CASCADE;
