-- CreateEnum
CREATE TYPE "SecurityEventKind" AS ENUM ('signInFailed', 'signInBlocked', 'signOut', 'refused');

-- AlterTable
ALTER TABLE "SignInThrottle" DROP COLUMN "blockedUntil";

-- CreateTable
CREATE TABLE "UserSession" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "address" TEXT,
    "revokedAt" TIMESTAMP(3),
    "revokedReason" TEXT,

    CONSTRAINT "UserSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SecurityEvent" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" "SecurityEventKind" NOT NULL,
    "actorId" TEXT,
    "email" TEXT,
    "address" TEXT,
    "target" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "detail" JSONB,

    CONSTRAINT "SecurityEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "UserSession_userId_revokedAt_idx" ON "UserSession"("userId", "revokedAt");

-- CreateIndex
CREATE INDEX "SecurityEvent_at_idx" ON "SecurityEvent"("at");

-- CreateIndex
CREATE INDEX "SecurityEvent_kind_at_idx" ON "SecurityEvent"("kind", "at");

-- CreateIndex
CREATE INDEX "SecurityEvent_actorId_at_idx" ON "SecurityEvent"("actorId", "at");

-- AddForeignKey
ALTER TABLE "UserSession" ADD CONSTRAINT "UserSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Security events are append-only: UPDATE and DELETE are refused (TRUNCATE too).
-- The function body is an E'' string with the statement separator written as \073,
-- because the PostgreSQL schema engine splits a migration file at every semicolon.
CREATE FUNCTION "security_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN RAISE EXCEPTION ''SecurityEvent is append-only: % refused'', TG_OP USING ERRCODE = ''insufficient_privilege''\073 END';

CREATE TRIGGER "SecurityEvent_append_only" BEFORE UPDATE OR DELETE ON "SecurityEvent" FOR EACH ROW EXECUTE FUNCTION "security_event_append_only"();

CREATE TRIGGER "SecurityEvent_no_truncate" BEFORE TRUNCATE ON "SecurityEvent" FOR EACH STATEMENT EXECUTE FUNCTION "security_event_append_only"();
