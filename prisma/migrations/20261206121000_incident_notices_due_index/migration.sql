-- The Updates due board's incident notices (K2: due and not yet recorded as sent), earliest deadline
-- first (issue 15). No index held notifyDeadline, so every request for the board read all the
-- cases: 46 ms of PostgreSQL for the whole team's board at 100,000 cases, none of them with a
-- notice due. Partial (WHERE the notice is due and unsent): a few rows at any time, and the schema
-- cannot say WHERE, so it is written here (Prisma leaves partial indexes it did not make alone).

-- CreateIndex
CREATE INDEX "Case_incident_notice_due_idx" ON "Case" ("notifyDeadline") WHERE "notifyDeadline" IS NOT NULL AND "notifiedAt" IS NULL;
