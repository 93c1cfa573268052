-- AlterTable
ALTER TABLE "Artefact" ADD COLUMN     "blobRemovalsPending" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "rawDeletedAt" TIMESTAMP(3),
ADD COLUMN     "redactedDeletedAt" TIMESTAMP(3),
ADD COLUMN     "supersededBlobKeys" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "supersededDeletedAt" TIMESTAMP(3);
