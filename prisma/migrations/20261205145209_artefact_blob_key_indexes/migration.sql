-- CreateIndex
CREATE INDEX "Artefact_rawBlobKey_idx" ON "Artefact"("rawBlobKey");

-- CreateIndex
CREATE INDEX "Artefact_redactedBlobKey_idx" ON "Artefact"("redactedBlobKey");

-- CreateIndex
CREATE INDEX "Artefact_rawLineMapKey_idx" ON "Artefact"("rawLineMapKey");

-- CreateIndex
CREATE INDEX "Artefact_supersededBlobKeys_idx" ON "Artefact" USING GIN ("supersededBlobKeys");
