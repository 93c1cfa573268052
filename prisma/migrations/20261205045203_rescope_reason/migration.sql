-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "rescopeAt" TIMESTAMP(3),
ADD COLUMN     "rescopeById" TEXT,
ADD COLUMN     "rescopeReason" TEXT;

-- Backfill: a case SIRT sent back in triage kept its reason only as an internal note
-- "Needs re-scope: <reason>". The one that counts is the newest such note of a case still in
-- re-scope, when no evaluation came after it.
UPDATE "Case" c
SET "rescopeReason" = regexp_replace(n.body, '^Needs re-scope:\s*', ''),
    "rescopeAt" = n."createdAt",
    "rescopeById" = n."authorId"
FROM (
  SELECT DISTINCT ON ("caseId") "caseId", body, "createdAt", "authorId"
  FROM "TimelineEntry"
  WHERE kind = 'note' AND body LIKE 'Needs re-scope:%'
  ORDER BY "caseId", "createdAt" DESC
) n
WHERE n."caseId" = c.id
  AND c.status = 'rescope'
  AND NOT EXISTS (SELECT 1 FROM "CaseDecision" d WHERE d."caseId" = c.id AND d."evaluatedAt" >= n."createdAt");
