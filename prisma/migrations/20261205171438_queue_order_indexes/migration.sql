-- DropIndex
DROP INDEX "LegalException_status_createdAt_idx";

-- DropIndex
DROP INDEX "SubpoenaReferral_status_createdAt_idx";

-- CreateIndex
CREATE INDEX "Artefact_status_updatedAt_id_idx" ON "Artefact"("status", "updatedAt", "id");

-- CreateIndex
CREATE INDEX "LegalException_status_createdAt_id_idx" ON "LegalException"("status", "createdAt", "id");

-- CreateIndex
CREATE INDEX "SubpoenaReferral_status_createdAt_id_idx" ON "SubpoenaReferral"("status", "createdAt", "id");
