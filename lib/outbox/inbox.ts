import "server-only";
import { db } from "@/lib/db";
import { COUNT_CAP, cappedTotal, countUnlessWhole } from "@/lib/format/count";
import { cappedCounts } from "@/lib/format/count-cache";
import { normalAddress } from "./recipients";

const PAGE = 25;

/**
 * The notifications addressed to one staff member, newest first: the portal's copy of what the
 * outbox sends (and all there is when no SMTP is configured). Found by the address among the
 * message's recipients (lib/outbox/recipients.ts, case-insensitively) through their GIN index; the
 * total is counted up to COUNT_CAP and one row more than the page is read for Next (issue 15: the
 * page read every message of the outbox, matching the address as a substring, on each request).
 */
export async function notificationsFor(email: string, page = 1) {
  const address = normalAddress(email);
  const where = { recipients: { has: address } };
  const current = Math.max(1, page);
  const read = await db().outboxMessage.findMany({
    where,
    select: { id: true, kind: true, subject: true, body: true, status: true, createdAt: true, sentAt: true, caseId: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (current - 1) * PAGE,
    take: PAGE + 1,
  });
  // A short inbox is counted by its first page; a capped count is remembered a minute (count-cache.ts).
  const counted = await countUnlessWhole(current, read.length, PAGE, () => cappedCounts.count(`notifications:${address}`, () => db().outboxMessage.count({ where, take: COUNT_CAP + 1 })));
  return { rows: read.slice(0, PAGE), hasNext: read.length > PAGE, ...cappedTotal(counted), page: current, pageSize: PAGE };
}
