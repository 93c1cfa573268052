-- Trigram indexes for the case search: a standard contrib extension, which PGlite loads in lib/db/pglite.ts.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "searchText" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "Case_requestedAt_idx" ON "Case"("requestedAt");

-- CreateIndex
CREATE INDEX "Case_updatedAt_idx" ON "Case"("updatedAt");

-- CreateIndex
CREATE INDEX "Case_searchText_idx" ON "Case" USING GIN ("searchText" gin_trgm_ops);
