-- CreateTable
CREATE TABLE "ActivityCheckpoint" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "count" BIGINT NOT NULL,
    "lastId" BIGINT,
    "headHash" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "signature" TEXT NOT NULL,

    CONSTRAINT "ActivityCheckpoint_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ActivityCheckpoint_count_key" ON "ActivityCheckpoint"("count");

-- CreateIndex
CREATE INDEX "ActivityLog_action_id_idx" ON "ActivityLog"("action", "id");

-- CreateIndex
CREATE INDEX "ActivityLog_actorId_id_idx" ON "ActivityLog"("actorId", "id");

-- CreateIndex
CREATE INDEX "ActivityLog_caseId_id_idx" ON "ActivityLog"("caseId", "id");

-- CreateIndex
CREATE INDEX "SecurityEvent_kind_id_idx" ON "SecurityEvent"("kind", "id");

-- CreateIndex
CREATE INDEX "SecurityEvent_actorId_id_idx" ON "SecurityEvent"("actorId", "id");

-- CreateIndex
CREATE INDEX "SecurityEvent_outcome_id_idx" ON "SecurityEvent"("outcome", "id");

-- CreateIndex
CREATE INDEX "SecurityEvent_email_id_idx" ON "SecurityEvent"("email", "id");

-- Checkpoints are append-only like the log they vouch for: UPDATE, DELETE and TRUNCATE refused.
CREATE OR REPLACE FUNCTION "activity_checkpoint_append_only"() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'activity checkpoints are append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$fn$;

CREATE TRIGGER "ActivityCheckpoint_append_only"
BEFORE UPDATE OR DELETE ON "ActivityCheckpoint"
FOR EACH ROW EXECUTE FUNCTION "activity_checkpoint_append_only"();

CREATE TRIGGER "ActivityCheckpoint_no_truncate"
BEFORE TRUNCATE ON "ActivityCheckpoint"
FOR EACH STATEMENT EXECUTE FUNCTION "activity_checkpoint_append_only"();
