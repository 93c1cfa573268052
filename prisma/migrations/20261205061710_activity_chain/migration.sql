-- CreateTable
CREATE TABLE "ActivityChainHead" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "lastId" BIGINT,
    "hash" TEXT NOT NULL,
    "count" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "ActivityChainHead_pkey" PRIMARY KEY ("id")
);

-- The chain starts empty: 64 zeros stand for "no entry before".
INSERT INTO "ActivityChainHead" ("id", "lastId", "hash", "count")
VALUES (1, NULL, '0000000000000000000000000000000000000000000000000000000000000000', 0)
ON CONFLICT ("id") DO NOTHING;

-- The activity log is append-only. A new entry must arrive sealed (hash and
-- prevHash set, see lib/audit/chain.ts). UPDATE is refused except to seal an
-- entry written before the chain existed (hash still NULL, nothing else
-- changed), which lib/audit/seal.ts does once at start-up. DELETE and TRUNCATE
-- are refused. npm run audit:verify still detects changes made with the
-- trigger disabled.
CREATE OR REPLACE FUNCTION "activity_log_append_only"() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW."hash" IS NULL OR NEW."prevHash" IS NULL THEN
      RAISE EXCEPTION 'activity log entries must be written sealed (hash and prevHash)' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    IF OLD."hash" IS NULL AND NEW."hash" IS NOT NULL AND NEW."prevHash" IS NOT NULL
       AND NEW."id" = OLD."id" AND NEW."at" = OLD."at"
       AND NEW."actorId" IS NOT DISTINCT FROM OLD."actorId"
       AND NEW."actorRole" IS NOT DISTINCT FROM OLD."actorRole"
       AND NEW."action" = OLD."action" AND NEW."entityType" = OLD."entityType" AND NEW."entityId" = OLD."entityId"
       AND NEW."caseId" IS NOT DISTINCT FROM OLD."caseId"
       AND NEW."before" IS NOT DISTINCT FROM OLD."before"
       AND NEW."after" IS NOT DISTINCT FROM OLD."after"
       AND NEW."meta" IS NOT DISTINCT FROM OLD."meta" THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'the activity log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$fn$;

CREATE TRIGGER "ActivityLog_append_only"
BEFORE INSERT OR UPDATE OR DELETE ON "ActivityLog"
FOR EACH ROW EXECUTE FUNCTION "activity_log_append_only"();

CREATE TRIGGER "ActivityLog_no_truncate"
BEFORE TRUNCATE ON "ActivityLog"
FOR EACH STATEMENT EXECUTE FUNCTION "activity_log_append_only"();

-- The chain head is updated in place by every writer, never removed.
CREATE OR REPLACE FUNCTION "activity_chain_head_keep"() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'the activity chain head cannot be removed: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$fn$;

CREATE TRIGGER "ActivityChainHead_keep"
BEFORE DELETE ON "ActivityChainHead"
FOR EACH ROW EXECUTE FUNCTION "activity_chain_head_keep"();

CREATE TRIGGER "ActivityChainHead_no_truncate"
BEFORE TRUNCATE ON "ActivityChainHead"
FOR EACH STATEMENT EXECUTE FUNCTION "activity_chain_head_keep"();
