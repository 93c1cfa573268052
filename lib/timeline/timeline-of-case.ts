import "server-only";
import type { VisibleCase } from "@/lib/cases/access";
import { timeZonesFor, type TeamTimeZones } from "@/lib/cases/calendar";
import { db } from "@/lib/db";
import type { Timeline } from "./service";
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
    db().timelineEntry.findMany({
      where: { caseId: c.id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 500,
      select: {
        id: true,
        kind: true,
        visibility: true,
        body: true,
        createdAt: true,
        authorId: true,
        relays: { orderBy: { sentAt: "desc" }, select: { id: true, text: true, recipient: true, channel: true, sentAt: true, sentById: true } },
      },
    }),
    c._count ? c._count.relays : db().relay.count({ where: { caseId: c.id } }),
    c.team ? timeZonesFor(user) : null,
  ]);
  // Names of everyone on the timeline (authors and senders), in one query.
  const ids = [...new Set(entries.flatMap((e) => [e.authorId, ...e.relays.map((r) => r.sentById)]))];
  const people = ids.length ? await db().user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, role: true } }) : [];
  const byId = new Map(people.map((p) => [p.id, p]));
  return {
    requesterEmail: c.requesterEmail,
    lastRelayAt: c.lastRelayAt,
    // The clock runs only while the case is worked (not once shared or closed): no due time otherwise.
    nextUpdateDue: (OPEN_FOR_UPDATES as readonly string[]).includes(c.status) ? c.nextUpdateDue : null,
    teamTimeZone: (c.team === "support" || c.team === "sirt") && zones ? zones[c.team] : null,
    needsExtendedNote: c.extended && c.team !== null && relayCount === 0,
    isOpen: c.status !== "draft" && c.status !== "closed",
    entries: entries.map((e) => ({
      id: e.id,
      kind: e.kind,
      visibility: e.visibility,
      authorName: byId.get(e.authorId)?.name ?? "someone",
      authorRole: byId.get(e.authorId)?.role ?? "",
      createdAt: e.createdAt,
      body: e.body,
      relays: e.relays.map(({ sentById, ...r }) => ({ ...r, sentByName: byId.get(sentById)?.name ?? "someone" })),
    })),
  };
}
