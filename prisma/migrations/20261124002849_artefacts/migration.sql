-- AlterEnum
ALTER TYPE "ArtefactStatus" ADD VALUE 'withdrawn';

-- DropIndex
DROP INDEX "ArtefactApproval_artefactId_kind_key";

-- AlterTable
ALTER TABLE "Artefact" ADD COLUMN     "compression" TEXT NOT NULL DEFAULT 'none',
ADD COLUMN     "decompressedSize" BIGINT,
ADD COLUMN     "droppedLines" INTEGER,
ADD COLUMN     "format" TEXT NOT NULL DEFAULT 'text',
ADD COLUMN     "pageIndex" JSONB,
ADD COLUMN     "progressBytes" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "rawLines" INTEGER,
ADD COLUMN     "redactedLines" INTEGER,
ADD COLUMN     "redactionOptions" JSONB,
ADD COLUMN     "revision" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1,
ALTER COLUMN "status" SET DEFAULT 'processing';

-- AlterTable
ALTER TABLE "ArtefactApproval" ADD COLUMN     "revision" INTEGER NOT NULL,
ADD COLUMN     "sha256" TEXT NOT NULL,
ADD COLUMN     "voidReason" TEXT,
ADD COLUMN     "voidedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ArtefactShare" ADD COLUMN     "document" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "artefactReview" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE UNIQUE INDEX "Artefact_caseId_rawSha256_key" ON "Artefact"("caseId", "rawSha256");

-- CreateIndex
CREATE INDEX "ArtefactApproval_artefactId_kind_idx" ON "ArtefactApproval"("artefactId", "kind");

-- CreateIndex
CREATE INDEX "ArtefactShare_artefactId_idx" ON "ArtefactShare"("artefactId");

-- CreateIndex
CREATE INDEX "Case_artefactReview_createdAt_idx" ON "Case"("artefactReview", "createdAt");
