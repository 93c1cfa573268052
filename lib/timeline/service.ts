import "server-only";
import { actorOf, recordActivity } from "@/lib/audit";
import { authorize, type SessionUser } from "@/lib/auth/session";
import { nextUpdateDue } from "@/lib/cadence";
import { OPEN_FOR_UPDATES } from "@/lib/updates/due";
import { teamCalendar } from "@/lib/cases/calendar";
import { customerContacts } from "@/lib/cases/contacts";
import { assertNotClosed, assertSubmitted, findVisibleCase, lockVisibleCase } from "@/lib/cases/access";
import { STALE_CASE, updateCaseAtVersion } from "@/lib/cases/concurrency";
import { canTransition, type CaseStatus } from "@/lib/cases/lifecycle";
import { startLogDive } from "@/lib/cases/log-dive";
import { db } from "@/lib/db";
import { AppError, conflict, notFound } from "@/lib/errors";
import { queueNotification } from "@/lib/outbox";
import { timelineOfCase } from "./timeline-of-case";
import { defaultRelayText, EXTENDED_NOTE, hasExtendedNote, relayRecipientProblem, type TAddEntry, type TRelayEntry } from "./schemas";
import { now } from "@/lib/clock";

/** The case as the timeline reads it (through the case guard: Admin never sees case contents). */
const TIMELINE_CASE = {
  select: { id: true, reference: true, status: true, team: true, version: true, extended: true, requesterEmail: true, authorId: true, accountId: true, nextUpdateDue: true, lastRelayAt: true },
} as const;

/** Entries and relays belong to cases that were submitted and are not closed. */
function assertOpen(c: { status: string }) {
  assertSubmitted(c, "Submit the case before adding findings or updates.");
  assertNotClosed(c, "its timeline");
}

/** The routed team's first finding starts the log-dive (accepted -> in_progress, by the transition table). */
function startsLogDive(c: { status: string; team: string | null }, user: SessionUser, kind: string) {
  return kind === "finding" && c.status === "accepted" && c.team === user.role && canTransition("accepted", "in_progress", user.role);
}

export interface AddedEntry {
  id: string;
  status: CaseStatus;
}

/**
 * Step 6: a finding, status update or note lands on the case. Entries are
 * append-only, so no one's work can be overwritten and `version` is optional;
 * when given, a stale one is a conflict. The routed team's first finding on
 * an accepted case moves it to in progress (lib/cases/log-dive.ts: only once
 * the step-5 checklist is complete or overridden; it assigns an unassigned case).
 */
export async function addEntry(user: SessionUser, input: TAddEntry): Promise<AddedEntry> {
  authorize(user, "entry.create");
  return db().$transaction(async (tx) => {
    const c = await lockVisibleCase(tx, user, input.caseId, TIMELINE_CASE);
    assertOpen(c);
    if (input.version !== undefined && input.version !== c.version) throw conflict(STALE_CASE);
    const entry = await tx.timelineEntry.create({
      data: { caseId: c.id, authorId: user.id, kind: input.kind, visibility: input.visibility, body: input.body },
      select: { id: true },
    });
    let status = c.status as CaseStatus;
    if (startsLogDive(c, user, input.kind)) {
      // Step 5 first (the checklist, or a team lead's override); the one who starts it takes an unassigned case.
      await startLogDive(tx, user, c, { entryId: entry.id });
      status = "in_progress";
    }
    if (input.visibility === "relayable") {
      // Support/CSM speak for the customer: tell the case's author and the account's CSMs (not the entry's author) an update is ready to pass on.
      for (const to of await customerContacts(tx, c, user.id)) {
        await queueNotification(tx, {
          kind: "entry.relayable",
          to,
          caseId: c.id,
          subject: `${c.reference ?? "A case"}: an update is ready to relay`,
          body: `A relayable ${input.kind.replace(/_/g, " ")} was added to ${c.reference ?? "the case"}.\nOpen the case in Logdesk to relay it to the customer; internal entries stay internal.`,
        });
      }
    }
    // Last in the transaction: the chain's lock is held only to commit (lib/audit/index.ts).
    await recordActivity(tx, {
      actor: actorOf(user),
      action: "entry.create",
      entityType: "TimelineEntry",
      entityId: entry.id,
      caseId: c.id,
      after: { kind: input.kind, visibility: input.visibility, length: input.body.length },
    });
    return { id: entry.id, status };
  });
}

export interface RelayResult {
  relayId: string;
  sentAt: Date;
  nextUpdateDue: Date | null;
}

/**
 * Step 7: Support or the CSM passes a relayable entry on to the customer.
 * Records what was sent, to whom, through which channel, when and by whom,
 * and restarts the update clock (12 business hours on the team's calendar).
 * Internal entries can never be relayed; the first relay of an extended case
 * must carry the 7-day note; the SIRT author is never named to the customer.
 */
export async function relayEntry(user: SessionUser, input: TRelayEntry): Promise<RelayResult> {
  authorize(user, "entry.relay");
  return db().$transaction(async (tx) => {
    const c = await lockVisibleCase(tx, user, input.caseId, TIMELINE_CASE);
    assertOpen(c);
    const entry = await tx.timelineEntry.findFirst({
      where: { id: input.entryId, caseId: c.id },
      select: { id: true, visibility: true, body: true, authorId: true },
    });
    if (!entry) throw notFound("That entry");
    const author = await tx.user.findUnique({ where: { id: entry.authorId }, select: { name: true, email: true, role: true } });
    if (entry.visibility !== "relayable") {
      throw new AppError("INVALID_STATE", "This entry is internal and cannot be relayed. Add a relayable entry with the text meant for the customer.");
    }
    const isFirstRelay = (await tx.relay.count({ where: { caseId: c.id } })) === 0;
    const needsNote = c.extended && c.team !== null && isFirstRelay;
    const text = input.text ?? defaultRelayText(entry.body, needsNote);
    if (needsNote && !hasExtendedNote(text)) {
      throw new AppError("VALIDATION", "This is the first update to the customer on an extended case: it must keep the note that the request will take longer.", {
        text: [`Say that the request will take longer because the window reaches back more than 7 days, e.g. “${EXTENDED_NOTE}”`],
      });
    }
    if (author?.role === "sirt") {
      const lower = text.toLowerCase();
      if ([author.name, author.email].some((n) => n.trim().length > 2 && lower.includes(n.trim().toLowerCase()))) {
        throw new AppError("VALIDATION", "SIRT members are never named to the customer. Remove the author's name from the text.", {
          text: ["Remove the SIRT author's name or email: updates reach the customer from Support or the CSM only."],
        });
      }
    }
    const recipientProblem = relayRecipientProblem(input.channel, input.recipient);
    if (recipientProblem) throw new AppError("VALIDATION", "The recipient does not fit the channel.", { recipient: [recipientProblem] });
    const recipient = input.recipient ?? c.requesterEmail;
    if (!recipient) throw new AppError("VALIDATION", "Say whom the update was sent to.", { recipient: ["The case has no requester email: enter the recipient."] });

    const sentAt = now();
    // The clock runs for cases that were accepted onto a team (evaluation sets nextUpdateDue then).
    const due = c.team && c.nextUpdateDue ? nextUpdateDue(sentAt, await teamCalendar(tx, c.team)) : c.nextUpdateDue;
    await updateCaseAtVersion(tx, c.id, c.version, { lastRelayAt: sentAt, nextUpdateDue: due });
    // Measured only while the clock runs (the case is worked): an update after the release (shared)
    // answers no due time, so it is neither on time nor late.
    const dueAt = (OPEN_FOR_UPDATES as readonly string[]).includes(c.status) ? c.nextUpdateDue : null;
    const relay = await tx.relay.create({
      // dueAt: the due time this relay answers (nextUpdateDue before it moves), so "on time" is a query.
      data: { caseId: c.id, entryId: entry.id, text, recipient, channel: input.channel, sentById: user.id, sentAt, dueAt },
      select: { id: true },
    });
    await recordActivity(tx, {
      actor: actorOf(user),
      action: "entry.relay",
      entityType: "Relay",
      entityId: relay.id,
      caseId: c.id,
      before: { lastRelayAt: c.lastRelayAt, nextUpdateDue: c.nextUpdateDue },
      after: { entryId: entry.id, recipient, channel: input.channel, sentAt, dueAt, lastRelayAt: sentAt, nextUpdateDue: due, extendedNote: needsNote },
    });
    return { relayId: relay.id, sentAt, nextUpdateDue: due };
  });
}

export interface TimelineRelay {
  id: string;
  text: string;
  recipient: string;
  channel: string;
  sentByName: string;
  sentAt: Date;
}

export interface TimelineItem {
  id: string;
  kind: "finding" | "status_update" | "note";
  visibility: "internal" | "relayable";
  authorName: string;
  authorRole: string;
  createdAt: Date;
  /** The entry's Markdown: rendered by `MarkdownBody` (lib/timeline/markdown.tsx) on the case page, and prefills a relay. */
  body: string;
  relays: TimelineRelay[];
}

export interface Timeline {
  entries: TimelineItem[];
  requesterEmail: string;
  lastRelayAt: Date | null;
  nextUpdateDue: Date | null;
  /** The routed team's time zone: the update clock runs on its calendar, so its due time is shown in it too. */
  teamTimeZone: string | null;
  /** The next relay must carry the 7-day note. */
  needsExtendedNote: boolean;
  isOpen: boolean;
}

/** The case's timeline, newest first, for a user who may see the case (else NOT_FOUND). */
export async function listTimeline(user: SessionUser, caseId: string): Promise<Timeline> {
  return timelineOfCase(await findVisibleCase(db(), user, caseId, TIMELINE_CASE), user);
}
