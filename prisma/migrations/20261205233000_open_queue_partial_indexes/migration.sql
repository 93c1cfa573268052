-- The team queues' orders over the open cases only (issue 15). The queue's default order (unassigned
-- first, then priority, then oldest) could use no index: PostgreSQL read and sorted all of SIRT's
-- 6,666 open cases for every page, 11 ms of a 2-core machine per request at 100,000 cases. With the
-- first index below it reads the 26 rows of the page (0.3 ms). Partial (WHERE the two open statuses)
-- and so small: the schema cannot say NULLS FIRST or WHERE, so these are written here. Prisma leaves
-- partial indexes it did not make alone (tests/integration/migrations.test.ts holds the schema equal).

-- CreateIndex
CREATE INDEX "Case_open_queue_triage_idx" ON "Case" ("team", "assigneeId" ASC NULLS FIRST, "priority" ASC NULLS LAST, "acceptedAt", "id") WHERE "status" IN ('accepted', 'in_progress');

-- CreateIndex
CREATE INDEX "Case_open_queue_due_idx" ON "Case" ("team", "nextUpdateDue" ASC NULLS LAST, "acceptedAt", "id") WHERE "status" IN ('accepted', 'in_progress');

-- CreateIndex
CREATE INDEX "Case_open_queue_accepted_idx" ON "Case" ("team", "acceptedAt", "id") WHERE "status" IN ('accepted', 'in_progress');
