import "server-only";
import { Prisma, type OutboxStatus } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { COUNT_CAP, cappedTotal, countUnlessWhole } from "@/lib/format/count";
import { cappedCounts } from "@/lib/format/count-cache";
import { normalAddress } from "./recipients";

const PAGE = 25;

/**
 * The notifications addressed to one staff member, newest first: the portal's copy of what the
 * outbox sends (and all there is when no SMTP is configured). Found by the address among the
 * message's recipients (lib/outbox/recipients.ts, case-insensitively) through OutboxRecipient's
 * index in the page's order, so a page reads its own rows and no more however long the inbox grows;
 * the total is counted up to COUNT_CAP and one row more than the page is read for Next (issue 15:
 * the page once read every message of the outbox, matching the address as a substring, on each
 * request, then every message addressed to the person, sorted).
 */
export async function notificationsFor(email: string, page = 1) {
  const recipient = normalAddress(email);
  const current = Math.max(1, page);
  const skip = (current - 1) * PAGE;
  // Raw, the LIMIT in the text: Prisma's form of this join (each message built as JSON) cost 3.3-4.0 ms
  // of CPU per page against 1.3-1.6 here, at 1,000 notifications of 20,000 (issue 15).
  type Row = { id: string; kind: string; subject: string; body: string; status: OutboxStatus; createdAt: Date; sentAt: Date | null; caseId: string | null };
  const rows = await db().$queryRaw<Row[]>`
    SELECT m."id", m."kind", m."subject", m."body", m."status"::text AS "status", m."createdAt", m."sentAt", m."caseId"
    FROM (SELECT r."outboxId", r."createdAt" FROM "OutboxRecipient" r WHERE r."recipient" = ${recipient}
          ORDER BY r."createdAt" DESC, r."outboxId" DESC LIMIT ${Prisma.raw(String(PAGE + 1))}${skip > 0 ? Prisma.sql` OFFSET ${skip}` : Prisma.empty}) r
    JOIN "OutboxMessage" m ON m."id" = r."outboxId"
    ORDER BY r."createdAt" DESC, r."outboxId" DESC`;
  // A short inbox is counted by its first page; a capped count is remembered a minute (count-cache.ts).
  // Counted in no order (Prisma orders a capped count by the key, which this index does not hold).
  const counted = await countUnlessWhole(current, rows.length, PAGE, () =>
    cappedCounts.count(`notifications:${recipient}`, async () => {
      const [row] = await db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM (SELECT 1 FROM "OutboxRecipient" WHERE "recipient" = ${recipient} LIMIT ${COUNT_CAP + 1}) AS capped`;
      return row!.n;
    }),
  );
  return { rows: rows.slice(0, PAGE), hasNext: rows.length > PAGE, ...cappedTotal(counted), page: current, pageSize: PAGE };
}
