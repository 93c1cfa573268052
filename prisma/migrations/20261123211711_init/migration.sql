-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('support', 'csm', 'sirt', 'legal', 'admin');

-- CreateEnum
CREATE TYPE "Plan" AS ENUM ('free', 'trial', 'premium', 'ultimate');

-- CreateEnum
CREATE TYPE "Deployment" AS ENUM ('saas', 'self_managed');

-- CreateEnum
CREATE TYPE "SupportPlan" AS ENUM ('current', 'deprecated');

-- CreateEnum
CREATE TYPE "ResourceKind" AS ENUM ('group', 'project', 'user');

-- CreateEnum
CREATE TYPE "CaseStatus" AS ENUM ('draft', 'submitted', 'rescope', 'ineligible', 'legal_review', 'accepted', 'in_progress', 'artefacts_in_review', 'approved', 'shared', 'closed');

-- CreateEnum
CREATE TYPE "Team" AS ENUM ('support', 'sirt');

-- CreateEnum
CREATE TYPE "Outcome" AS ENUM ('eligible', 'rescope', 'ineligible');

-- CreateEnum
CREATE TYPE "LogSource" AS ENUM ('application', 'component', 'access');

-- CreateEnum
CREATE TYPE "EntryKind" AS ENUM ('finding', 'status_update', 'note');

-- CreateEnum
CREATE TYPE "EntryVisibility" AS ENUM ('internal', 'relayable');

-- CreateEnum
CREATE TYPE "ArtefactStatus" AS ENUM ('uploading', 'processing', 'in_review', 'rejected', 'approved', 'shared', 'failed');

-- CreateEnum
CREATE TYPE "ApprovalKind" AS ENUM ('security', 'legal');

-- CreateEnum
CREATE TYPE "ApprovalDecision" AS ENUM ('approved', 'rejected');

-- CreateEnum
CREATE TYPE "ExceptionStatus" AS ENUM ('requested', 'granted', 'refused', 'expired');

-- CreateEnum
CREATE TYPE "ReferralStatus" AS ENUM ('open', 'closed');

-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('pending', 'sent', 'failed');

-- CreateEnum
CREATE TYPE "JobStatus" AS ENUM ('queued', 'running', 'done', 'failed');

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "passwordHash" TEXT,
    "sessionVersion" INTEGER NOT NULL DEFAULT 1,
    "invitedAt" TIMESTAMP(3),
    "inviteTokenHash" TEXT,
    "inviteExpiresAt" TIMESTAMP(3),
    "invitedById" TEXT,
    "lastSignInAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignInThrottle" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "lastFailure" TIMESTAMP(3) NOT NULL,
    "blockedUntil" TIMESTAMP(3),

    CONSTRAINT "SignInThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Account" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "plan" "Plan" NOT NULL,
    "deployment" "Deployment" NOT NULL,
    "paying" BOOLEAN NOT NULL,
    "supportPlan" "SupportPlan" NOT NULL DEFAULT 'current',
    "incidentNotification" BOOLEAN NOT NULL DEFAULT false,
    "notificationContact" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OwnedResource" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "kind" "ResourceKind" NOT NULL,
    "path" TEXT NOT NULL,
    "pathLower" TEXT NOT NULL,
    "email" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OwnedResource_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccountManager" (
    "accountId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AccountManager_pkey" PRIMARY KEY ("accountId","userId")
);

-- CreateTable
CREATE TABLE "AuditEventType" (
    "name" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "scope" TEXT[],
    "savedToDb" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "AuditEventType_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "Case" (
    "id" TEXT NOT NULL,
    "reference" TEXT,
    "status" "CaseStatus" NOT NULL DEFAULT 'draft',
    "team" "Team",
    "accountId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "assigneeId" TEXT,
    "priority" INTEGER,
    "requesterName" TEXT NOT NULL DEFAULT '',
    "requesterEmail" TEXT NOT NULL DEFAULT '',
    "summary" TEXT NOT NULL DEFAULT '',
    "resources" JSONB NOT NULL DEFAULT '[]',
    "eventTypes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "logSources" "LogSource"[] DEFAULT ARRAY[]::"LogSource"[],
    "windowFrom" TIMESTAMP(3),
    "windowTo" TIMESTAMP(3),
    "personalData" BOOLEAN NOT NULL DEFAULT false,
    "requestedAt" TIMESTAMP(3),
    "outcome" "Outcome",
    "extended" BOOLEAN NOT NULL DEFAULT false,
    "acceptedAt" TIMESTAMP(3),
    "lastRelayAt" TIMESTAMP(3),
    "nextUpdateDue" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "closeReason" TEXT,
    "incidentAffects" BOOLEAN NOT NULL DEFAULT false,
    "notifyDeadline" TIMESTAMP(3),
    "notifyText" TEXT,
    "notifiedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Case_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReferenceCounter" (
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ReferenceCounter_pkey" PRIMARY KEY ("year")
);

-- CreateTable
CREATE TABLE "CaseDecision" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "outcome" "Outcome" NOT NULL,
    "route" "Team",
    "extended" BOOLEAN NOT NULL,
    "checks" JSONB NOT NULL,
    "policyVersion" TEXT NOT NULL,
    "policy" JSONB NOT NULL,
    "facts" JSONB NOT NULL,
    "reason" TEXT NOT NULL,
    "evaluatedById" TEXT,
    "evaluatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseDecision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VerificationTick" (
    "caseId" TEXT NOT NULL,
    "item" TEXT NOT NULL,
    "tickedById" TEXT NOT NULL,
    "tickedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VerificationTick_pkey" PRIMARY KEY ("caseId","item")
);

-- CreateTable
CREATE TABLE "TimelineEntry" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "kind" "EntryKind" NOT NULL,
    "visibility" "EntryVisibility" NOT NULL DEFAULT 'internal',
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TimelineEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Relay" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "entryId" TEXT,
    "text" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "sentById" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Relay_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Artefact" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "uploadedById" TEXT NOT NULL,
    "filename" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "status" "ArtefactStatus" NOT NULL DEFAULT 'uploading',
    "rawBlobKey" TEXT,
    "rawSha256" TEXT,
    "rawSize" BIGINT,
    "redactedBlobKey" TEXT,
    "redactedSha256" TEXT,
    "redactedSize" BIGINT,
    "scopeCheck" JSONB,
    "redactionSummary" JSONB,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Artefact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ArtefactApproval" (
    "id" TEXT NOT NULL,
    "artefactId" TEXT NOT NULL,
    "kind" "ApprovalKind" NOT NULL,
    "decision" "ApprovalDecision" NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "decidedById" TEXT NOT NULL,
    "decidedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ArtefactApproval_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ArtefactShare" (
    "id" TEXT NOT NULL,
    "artefactId" TEXT NOT NULL,
    "sharedById" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "manifest" JSONB NOT NULL,
    "signature" TEXT NOT NULL,
    "sharedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ArtefactShare_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LegalException" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "check" TEXT NOT NULL DEFAULT 'plan',
    "reason" TEXT NOT NULL,
    "requestedById" TEXT NOT NULL,
    "status" "ExceptionStatus" NOT NULL DEFAULT 'requested',
    "rationale" TEXT,
    "expiresAt" TIMESTAMP(3),
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LegalException_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SubpoenaReferral" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "resources" JSONB NOT NULL,
    "status" "ReferralStatus" NOT NULL DEFAULT 'open',
    "outcomeNote" TEXT,
    "handledById" TEXT,
    "handledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SubpoenaReferral_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CostNotice" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "estimate" TEXT NOT NULL,
    "recordedById" TEXT NOT NULL,
    "customerAcceptedAt" TIMESTAMP(3),
    "acceptanceNote" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CostNotice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GapIssue" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "missingEvents" TEXT[],
    "labels" TEXT[],
    "externalUrl" TEXT,
    "filedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GapIssue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Calendar" (
    "team" "Team" NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "workdays" INTEGER[] DEFAULT ARRAY[1, 2, 3, 4, 5]::INTEGER[],
    "holidays" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "workStart" TEXT,
    "workEnd" TEXT,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Calendar_pkey" PRIMARY KEY ("team")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "toAddress" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "dedupeKey" TEXT,
    "caseId" TEXT,
    "status" "OutboxStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Job" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "status" "JobStatus" NOT NULL DEFAULT 'queued',
    "runAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 8,
    "lockedBy" TEXT,
    "lockedUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "dedupeKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Job_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActivityLog" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorRole" TEXT,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "caseId" TEXT,
    "before" JSONB,
    "after" JSONB,
    "meta" JSONB,
    "prevHash" TEXT,
    "hash" TEXT,

    CONSTRAINT "ActivityLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "User_inviteTokenHash_key" ON "User"("inviteTokenHash");

-- CreateIndex
CREATE INDEX "User_role_active_idx" ON "User"("role", "active");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "Account_slug_key" ON "Account"("slug");

-- CreateIndex
CREATE INDEX "OwnedResource_pathLower_idx" ON "OwnedResource"("pathLower");

-- CreateIndex
CREATE UNIQUE INDEX "OwnedResource_accountId_kind_pathLower_key" ON "OwnedResource"("accountId", "kind", "pathLower");

-- CreateIndex
CREATE INDEX "AccountManager_userId_idx" ON "AccountManager"("userId");

-- CreateIndex
CREATE INDEX "AuditEventType_category_idx" ON "AuditEventType"("category");

-- CreateIndex
CREATE UNIQUE INDEX "Case_reference_key" ON "Case"("reference");

-- CreateIndex
CREATE INDEX "Case_status_createdAt_idx" ON "Case"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Case_team_status_createdAt_idx" ON "Case"("team", "status", "createdAt");

-- CreateIndex
CREATE INDEX "Case_accountId_createdAt_idx" ON "Case"("accountId", "createdAt");

-- CreateIndex
CREATE INDEX "Case_authorId_createdAt_idx" ON "Case"("authorId", "createdAt");

-- CreateIndex
CREATE INDEX "Case_assigneeId_idx" ON "Case"("assigneeId");

-- CreateIndex
CREATE INDEX "Case_nextUpdateDue_idx" ON "Case"("nextUpdateDue");

-- CreateIndex
CREATE INDEX "Case_createdAt_idx" ON "Case"("createdAt");

-- CreateIndex
CREATE INDEX "CaseDecision_caseId_evaluatedAt_idx" ON "CaseDecision"("caseId", "evaluatedAt");

-- CreateIndex
CREATE INDEX "TimelineEntry_caseId_createdAt_idx" ON "TimelineEntry"("caseId", "createdAt");

-- CreateIndex
CREATE INDEX "Relay_caseId_sentAt_idx" ON "Relay"("caseId", "sentAt");

-- CreateIndex
CREATE INDEX "Artefact_caseId_createdAt_idx" ON "Artefact"("caseId", "createdAt");

-- CreateIndex
CREATE INDEX "Artefact_status_idx" ON "Artefact"("status");

-- CreateIndex
CREATE UNIQUE INDEX "ArtefactApproval_artefactId_kind_key" ON "ArtefactApproval"("artefactId", "kind");

-- CreateIndex
CREATE INDEX "LegalException_status_createdAt_idx" ON "LegalException"("status", "createdAt");

-- CreateIndex
CREATE INDEX "LegalException_caseId_idx" ON "LegalException"("caseId");

-- CreateIndex
CREATE INDEX "SubpoenaReferral_status_createdAt_idx" ON "SubpoenaReferral"("status", "createdAt");

-- CreateIndex
CREATE INDEX "SubpoenaReferral_caseId_idx" ON "SubpoenaReferral"("caseId");

-- CreateIndex
CREATE INDEX "CostNotice_caseId_idx" ON "CostNotice"("caseId");

-- CreateIndex
CREATE INDEX "GapIssue_caseId_idx" ON "GapIssue"("caseId");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_messageId_key" ON "OutboxMessage"("messageId");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_dedupeKey_key" ON "OutboxMessage"("dedupeKey");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_createdAt_idx" ON "OutboxMessage"("status", "createdAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_caseId_idx" ON "OutboxMessage"("caseId");

-- CreateIndex
CREATE UNIQUE INDEX "Job_dedupeKey_key" ON "Job"("dedupeKey");

-- CreateIndex
CREATE INDEX "Job_status_runAt_idx" ON "Job"("status", "runAt");

-- CreateIndex
CREATE INDEX "ActivityLog_caseId_at_idx" ON "ActivityLog"("caseId", "at");

-- CreateIndex
CREATE INDEX "ActivityLog_entityType_entityId_idx" ON "ActivityLog"("entityType", "entityId");

-- CreateIndex
CREATE INDEX "ActivityLog_actorId_at_idx" ON "ActivityLog"("actorId", "at");

-- CreateIndex
CREATE INDEX "ActivityLog_at_idx" ON "ActivityLog"("at");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_invitedById_fkey" FOREIGN KEY ("invitedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OwnedResource" ADD CONSTRAINT "OwnedResource_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccountManager" ADD CONSTRAINT "AccountManager_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccountManager" ADD CONSTRAINT "AccountManager_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseDecision" ADD CONSTRAINT "CaseDecision_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VerificationTick" ADD CONSTRAINT "VerificationTick_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TimelineEntry" ADD CONSTRAINT "TimelineEntry_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Relay" ADD CONSTRAINT "Relay_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Relay" ADD CONSTRAINT "Relay_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "TimelineEntry"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Artefact" ADD CONSTRAINT "Artefact_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArtefactApproval" ADD CONSTRAINT "ArtefactApproval_artefactId_fkey" FOREIGN KEY ("artefactId") REFERENCES "Artefact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArtefactShare" ADD CONSTRAINT "ArtefactShare_artefactId_fkey" FOREIGN KEY ("artefactId") REFERENCES "Artefact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LegalException" ADD CONSTRAINT "LegalException_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubpoenaReferral" ADD CONSTRAINT "SubpoenaReferral_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CostNotice" ADD CONSTRAINT "CostNotice_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GapIssue" ADD CONSTRAINT "GapIssue_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;
