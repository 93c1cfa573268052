-- A staff member's notifications (/notifications) read by an index in their order (issue 15). The
-- GIN index on OutboxMessage.recipients found every message addressed to the person, which the page
-- then sorted for its 25 newest: 1,000 reminders for the demo CSM at 100,000 cases, about 1,000
-- heap pages read on each request, and more with every reminder scan. One OutboxRecipient row per
-- address (written with the message, lib/outbox/index.ts) is read newest first from
-- (recipient, createdAt, outboxId).

-- DropIndex
DROP INDEX "OutboxMessage_recipients_idx";

-- CreateTable
CREATE TABLE "OutboxRecipient" (
    "recipient" TEXT NOT NULL,
    "outboxId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OutboxRecipient_pkey" PRIMARY KEY ("outboxId","recipient")
);

-- CreateIndex
CREATE INDEX "OutboxRecipient_recipient_createdAt_outboxId_idx" ON "OutboxRecipient"("recipient", "createdAt" DESC, "outboxId" DESC);

-- The messages written before, each address once.
INSERT INTO "OutboxRecipient" ("recipient", "outboxId", "createdAt")
SELECT DISTINCT r, m."id", m."createdAt" FROM "OutboxMessage" m, unnest(m."recipients") AS r;

-- AddForeignKey
ALTER TABLE "OutboxRecipient" ADD CONSTRAINT "OutboxRecipient_outboxId_fkey" FOREIGN KEY ("outboxId") REFERENCES "OutboxMessage"("id") ON DELETE CASCADE ON UPDATE CASCADE;
