-- A staff member's notifications (/notifications) found by an index (issue 15). The page matched
-- the address anywhere in toAddress (ILIKE '%address%'), which read every message on each request
-- and grows with the outbox (a reminder per open case every twelve hours), and matched an address
-- inside another ("ann@x" in "joann@x"). recipients holds each address of toAddress, lower-cased
-- (lib/outbox/recipients.ts). The page asks for the one address through the GIN index.

-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "recipients" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- The messages written before: the same split as recipientsOf (commas, spaces trimmed, lower case).
UPDATE "OutboxMessage" SET "recipients" = ARRAY(
  SELECT lower(btrim(a)) FROM unnest(string_to_array("toAddress", ',')) AS a WHERE btrim(a) <> ''
);

-- CreateIndex
CREATE INDEX "OutboxMessage_recipients_idx" ON "OutboxMessage" USING GIN ("recipients" array_ops);
