import "server-only";
import type { VisibleCase } from "@/lib/cases/access";
import { timeZonesFor, type TeamTimeZones } from "@/lib/cases/calendar";
import { Prisma } from "@/generated/prisma/client";
import { db, epochMs } from "@/lib/db";
import type { Timeline, TimelineItem, TimelineRelay } from "./service";
import { OPEN_FOR_UPDATES } from "@/lib/updates/due";

/** The fields of the case the timeline shows beside its entries. */
export type TimelineCase = VisibleCase<{
  id: string;
  status: string;
  team: string | null;
  extended: boolean;
  requesterEmail: string;
  lastRelayAt: Date | null;
  nextUpdateDue: Date | null;
  /** The case's relays, when the case was read with them (the case page): not counted again. */
  _count?: { relays: number };
}>;

/**
 * The timeline of a case the guard already found for this user (the case page loads the case
 * once and its parts in parallel), newest first. listTimeline (service.ts) is the same read for
 * a bare id: it finds the case first.
 */
export async function timelineOfCase(c: TimelineCase, user?: { timeZones?: TeamTimeZones }): Promise<Timeline> {
  const [entries, relayCount, zones] = await Promise.all([
    timelineEntries(c.id),
    c._count ? c._count.relays : db().relay.count({ where: { caseId: c.id } }),
    c.team ? timeZonesFor(user) : null,
  ]);
  return {
    requesterEmail: c.requesterEmail,
    lastRelayAt: c.lastRelayAt,
    // The clock runs only while the case is worked (not once shared or closed): no due time otherwise.
    nextUpdateDue: (OPEN_FOR_UPDATES as readonly string[]).includes(c.status) ? c.nextUpdateDue : null,
    teamTimeZone: (c.team === "support" || c.team === "sirt") && zones ? zones[c.team] : null,
    needsExtendedNote: c.extended && c.team !== null && relayCount === 0,
    isOpen: c.status !== "draft" && c.status !== "closed",
    entries,
  };
}

/** The newest entries of a case's timeline shown (older ones are not). */
export const TIMELINE_ENTRIES_SHOWN = 500;

/**
 * The case's newest entries, newest first (equal times: newest id first), each with its author's
 * name and role and its relays (newest first) with their senders' names, in one query: they were
 * the entries with their relays, then everyone's names, two round trips one after the other
 * (issue 15). A relay belongs to its entry's case, so its case's index finds it. Someone no longer
 * in the user table is "someone".
 */
async function timelineEntries(caseId: string): Promise<TimelineItem[]> {
  type Row = Omit<TimelineItem, "authorName" | "authorRole" | "relays"> & {
    authorName: string | null;
    authorRole: string | null;
    relays: (Omit<TimelineRelay, "sentAt" | "sentByName"> & { sentAt: number; sentByName: string | null })[];
  };
  const rows = await db().$queryRaw<Row[]>`
    SELECT e."id", e."kind"::text AS "kind", e."visibility"::text AS "visibility", e."body", e."createdAt",
           u."name" AS "authorName", u."role"::text AS "authorRole",
           (SELECT coalesce(json_agg(json_build_object('id', r."id", 'text', r."text", 'recipient', r."recipient", 'channel', r."channel",
                                                       'sentAt', ${epochMs(Prisma.sql`r."sentAt"`)}, 'sentByName', s."name")
                                     ORDER BY r."sentAt" DESC, r."id" DESC), '[]')
            FROM "Relay" r LEFT JOIN "User" s ON s."id" = r."sentById"
            WHERE r."caseId" = ${caseId} AND r."entryId" = e."id") AS "relays"
    FROM (SELECT t."id", t."kind", t."visibility", t."body", t."createdAt", t."authorId" FROM "TimelineEntry" t
          WHERE t."caseId" = ${caseId} ORDER BY t."createdAt" DESC, t."id" DESC LIMIT ${Prisma.raw(String(TIMELINE_ENTRIES_SHOWN))}) e
    LEFT JOIN "User" u ON u."id" = e."authorId"
    ORDER BY e."createdAt" DESC, e."id" DESC`;
  return rows.map((e) => ({
    ...e,
    authorName: e.authorName ?? "someone",
    authorRole: e.authorRole ?? "",
    relays: e.relays.map((r) => ({ ...r, sentByName: r.sentByName ?? "someone", sentAt: new Date(r.sentAt) })),
  }));
}
