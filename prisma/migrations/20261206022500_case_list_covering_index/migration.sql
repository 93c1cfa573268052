-- The case list's default order (newest first) with every column the roles' visibility reads
-- (issue 15). A page chosen by its number skips the rows before it: SIRT's page 200 read and threw
-- away 5,000 whole rows (and their sort by id) to show 25, 11 ms of PostgreSQL and 19 ms of PGlite
-- per request at 100,000 cases. The list now reads such a page's ids first (lib/cases/queries.ts),
-- and this index answers that from itself alone, in order, with no visit to the table (an
-- index-only scan, once VACUUM has marked the pages all-visible): 2 ms and 6.5 ms. It replaces the
-- index of createdAt alone, which it serves too. The schema names its key columns but cannot say
-- INCLUDE, so the index is written here (tests/integration/migrations.test.ts holds them equal).

-- DropIndex
DROP INDEX "Case_createdAt_idx";

-- CreateIndex
CREATE INDEX "Case_list_newest_cover_idx" ON "Case" ("createdAt" DESC, "id" DESC) INCLUDE ("status", "team", "artefactReview", "authorId", "accountId");
