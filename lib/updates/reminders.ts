import "server-only";
import { Prisma, type PrismaClient } from "@/generated/prisma/client";
import { recordActivity, SYSTEM } from "@/lib/audit";
import type { TeamTimeZones } from "@/lib/cases/calendar";
import { formatDateTime, formatTeamDateTime } from "@/lib/format/datetime";
import { sqlTime } from "@/lib/db";
import { queueNotification } from "@/lib/outbox";
import { dueSoonLimitsAndZones, dueInWords, OPEN_FOR_UPDATES } from "./board";

export const REMINDERS_SCAN_JOB = "reminders.scan";

export type ReminderKind = "due_soon" | "overdue";

/** One reminder per kind, case and due time, ever: a new due time (after a relay) gets new ones. */
export const reminderKey = (kind: ReminderKind, caseId: string, due: Date) => `reminder:${kind}:${caseId}:${due.toISOString()}`;

const BATCH = 500;

/**
 * The scheduler's pass over open cases (step 7's cadence): a "due soon"
 * reminder when a case's update falls due within the next 4 business hours of
 * its team's calendar, an "overdue" one once it is past due. Each is written to
 * the outbox with the activity log in one transaction per case, keyed by
 * case and due time, so running the scan again (or on two instances at once)
 * never writes a second one. A case found already overdue gets only the
 * overdue reminder. Returns the reminders written.
 */
export async function scanReminders(prisma: PrismaClient, now = new Date()): Promise<{ dueSoon: number; overdue: number }> {
  const { limits, zones } = await dueSoonLimitsAndZones(prisma, now);
  const horizon = new Date(Math.max(limits.support.getTime(), limits.sirt.getTime()));
  const written = { dueSoon: 0, overdue: 0 };
  let cursor: { due: Date; id: string } | null = null;
  for (;;) {
    const candidates = await reminderCandidates(prisma, now, horizon, cursor);
    if (candidates.length === 0) break;
    const last = candidates[candidates.length - 1]!;
    cursor = { due: last.nextUpdateDue, id: last.id };
    for (const c of candidates) {
      const due = c.nextUpdateDue;
      const kind: ReminderKind | null = due < now ? "overdue" : due <= limits[c.team] ? "due_soon" : null;
      if (!kind) continue;
      if (await writeReminderOnce(prisma, { caseId: c.id, due, kind }, now, zones)) written[kind === "overdue" ? "overdue" : "dueSoon"]++;
      // Let waiting requests in between two reminders: on the embedded database every query runs on
      // this thread, and a first scan of 20,000 overdue cases held pages for seconds (issue 15).
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (candidates.length < BATCH) break;
  }
  return written;
}

/**
 * A batch of the cases the scan looks at (open for updates, on a team, due by the horizon), after
 * the cursor in due order, leaving out those that already have the reminder their due time calls
 * for now: the outbox's key (reminderKey, written here in SQL) is looked up in the database. Every
 * overdue case stays a candidate until it is relayed, so the scan each minute read all of them
 * (11,000 at 100,000 cases: 23 batches of Prisma reads and key lookups, 1.2 s of the embedded
 * database's time each minute) only to find their reminders written; now such a minute is one query.
 * A case due soon past its own team's limit (the horizon is the later of the two) is still returned;
 * the scan skips it.
 */
export async function reminderCandidates(prisma: PrismaClient, now: Date, horizon: Date, after: { due: Date; id: string } | null) {
  const open = Prisma.join(OPEN_FOR_UPDATES.map((s) => Prisma.sql`${s}::"CaseStatus"`));
  const rows = await prisma.$queryRaw<{ id: string; team: string; nextUpdateDue: Date }[]>`
    SELECT c."id", c."team"::text AS "team", c."nextUpdateDue"
    FROM "Case" c
    WHERE c."status" IN (${open}) AND c."team" IS NOT NULL AND c."nextUpdateDue" <= ${sqlTime(horizon)}
      ${after ? Prisma.sql`AND (c."nextUpdateDue", c."id") > (${sqlTime(after.due)}, ${after.id})` : Prisma.empty}
      AND NOT EXISTS (
        SELECT 1 FROM "OutboxMessage" m
        WHERE m."dedupeKey" = 'reminder:' || (CASE WHEN c."nextUpdateDue" < ${sqlTime(now)} THEN 'overdue' ELSE 'due_soon' END) || ':' || c."id" || ':'
                              || to_char(c."nextUpdateDue", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
    ORDER BY c."nextUpdateDue", c."id"
    LIMIT ${Prisma.raw(String(BATCH))}`;
  return rows.map((r) => ({ ...r, team: r.team as "support" | "sirt" }));
}

/**
 * Whether an earlier scan job (its run time, then its id, before this one's) is still running under
 * a live lease, on this instance or another: a scan that outlasts its minute (a large backlog at
 * start) then covers the next minute's, which ends at once instead of reading the same cases again.
 * Two scans at once would still write each reminder once (the keys above); this spares the work.
 */
export async function earlierScanRunning(prisma: PrismaClient, jobId: string): Promise<boolean> {
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    SELECT o.id FROM "Job" o JOIN "Job" me ON me.id = ${jobId}
    WHERE o.kind = me.kind AND o.id <> me.id AND o.status = 'running' AND o."lockedUntil" > now()
      AND (o."runAt", o.id) < (me."runAt", me.id)
    LIMIT 1`;
  return rows.length > 0;
}

/** A concurrent scan (another instance) that wrote the same key first wins; this one writes nothing. */
async function writeReminderOnce(prisma: PrismaClient, w: { caseId: string; due: Date; kind: ReminderKind }, now: Date, zones: TeamTimeZones): Promise<boolean> {
  try {
    return await writeReminder(prisma, w, now, zones);
  } catch (err) {
    if ((err as { code?: string }).code === "P2002") return false;
    throw err;
  }
}

/**
 * Writes one reminder if the case still has that due time and no such reminder exists; false otherwise.
 * Due times read in UTC with the team's local time beside them (the cadence runs on its calendar).
 */
async function writeReminder(prisma: PrismaClient, w: { caseId: string; due: Date; kind: ReminderKind }, now: Date, zones: TeamTimeZones): Promise<boolean> {
  const key = reminderKey(w.kind, w.caseId, w.due);
  return prisma.$transaction(async (tx) => {
    // Re-checked inside the transaction: a relay since the candidate query moved the due time.
    const c = await tx.case.findFirst({
      where: { id: w.caseId, status: { in: [...OPEN_FOR_UPDATES] }, nextUpdateDue: w.due },
      select: {
        id: true,
        reference: true,
        team: true,
        extended: true,
        lastRelayAt: true,
        author: { select: { id: true, email: true, active: true } },
        account: { select: { name: true, managers: { select: { user: { select: { id: true, email: true, active: true } } } } } },
      },
    });
    if (!c) return false;
    if (await tx.outboxMessage.findUnique({ where: { dedupeKey: key }, select: { id: true } })) return false;
    const csms = c.account.managers.map((m) => m.user).filter((u) => u.active);
    const people = csms.length > 0 ? csms : [c.author];
    const ref = c.reference ?? "A case";
    const fmt = (d: Date) => (c.team ? formatTeamDateTime(d, zones[c.team]) : formatDateTime(d));
    const subject = w.kind === "overdue" ? `${ref}: customer update overdue (was due ${fmt(w.due)})` : `${ref}: customer update due ${fmt(w.due)}`;
    const body = [
      `The next customer update on ${ref} (${c.account.name}, ${c.team === "sirt" ? "SIRT" : "Support"}) is ${dueInWords(w.due, now)}: due ${fmt(w.due)}.`,
      c.lastRelayAt ? `Last relayed ${fmt(c.lastRelayAt)}.` : "Nothing has been relayed yet.",
      ...(c.extended && !c.lastRelayAt ? ["The window is over 7 days: the first relay must tell the customer that this will take longer."] : []),
      `Open the case in Logdesk (/cases/${c.id}) and relay the latest relayable update to the customer.`,
    ].join("\n");
    const msg = await queueNotification(tx, {
      kind: `reminder.${w.kind}`,
      to: people.map((p) => p.email).join(", "),
      subject,
      body,
      caseId: c.id,
      dedupeKey: key,
    });
    if (!msg.created) return false; // a concurrent scan wrote it between our check and here
    await recordActivity(tx, {
      actor: SYSTEM,
      action: `reminder.${w.kind}`,
      entityType: "case",
      entityId: c.id,
      caseId: c.id,
      meta: { due: w.due, to: people.map((p) => p.id), outboxId: msg.id, dedupeKey: key },
    });
    return true;
  });
}
