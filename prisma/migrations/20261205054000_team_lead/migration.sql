-- AlterTable
ALTER TABLE "User" ADD COLUMN     "teamLead" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "VerificationOverride" (
    "caseId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "overriddenById" TEXT NOT NULL,
    "overriddenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VerificationOverride_pkey" PRIMARY KEY ("caseId")
);

-- AddForeignKey
ALTER TABLE "VerificationOverride" ADD CONSTRAINT "VerificationOverride_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;
