-- AlterTable
ALTER TABLE "Artefact" ADD COLUMN     "rawLineMapKey" TEXT;
