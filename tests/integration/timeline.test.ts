import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { nextUpdateDue, type BusinessCalendar } from "@/lib/cadence";
import type { TCaseDraftInput } from "@/lib/cases/schemas";
import { saveDraft } from "@/lib/cases/save-draft";
import { db } from "@/lib/db";
import { MarkdownBody } from "@/lib/timeline/markdown";
import { EXTENDED_NOTE } from "@/lib/timeline/schemas";
import { addEntry, listTimeline, relayEntry } from "@/lib/timeline/service";
import { overrideVerification } from "@/lib/cases/override-verification";
import { setVerification } from "@/lib/cases/set-verification";
import { useTestDatabase } from "../support/db";
import { intakeDraft, saveAndSubmit, tickChecklist } from "../support/intake";
import { createUser } from "../support/factories";

useTestDatabase();

let support: SessionUser, csm: SessionUser, otherCsm: SessionUser, sirt: SessionUser, legal: SessionUser, admin: SessionUser;
let accountId: string;

/** Support's calendar in these tests: Amsterdam office hours, so the 12 business hours are visibly not 12 real ones. */
const SUPPORT_CALENDAR: BusinessCalendar = { timeZone: "Europe/Amsterdam", workdays: [1, 2, 3, 4, 5], holidays: [], workingHours: { start: "09:00", end: "17:00" } };

beforeAll(async () => {
  [support, csm, otherCsm, sirt, legal, admin] = (await Promise.all((["support", "csm", "csm", "sirt", "legal", "admin"] as const).map((r) => createUser(r)))) as SessionUser[];
  const a = await db().account.create({
    data: {
      slug: "acme",
      name: "ACME",
      plan: "premium",
      deployment: "saas",
      paying: true,
      managers: { create: [{ userId: csm.id }] },
      resources: { create: [{ kind: "project", path: "acme/infra/api", pathLower: "acme/infra/api" }] },
    },
  });
  accountId = a.id;
  await db().calendar.upsert({
    where: { team: "support" },
    create: { team: "support", timeZone: SUPPORT_CALENDAR.timeZone, workdays: SUPPORT_CALENDAR.workdays, holidays: [], workStart: "09:00", workEnd: "17:00" },
    update: { timeZone: SUPPORT_CALENDAR.timeZone, workdays: SUPPORT_CALENDAR.workdays, holidays: [], workStart: "09:00", workEnd: "17:00" },
  });
});

const draft = (over: Partial<TCaseDraftInput> & { days?: number } = {}) => intakeDraft(accountId, over);

/** A filed case whose author ticked the step-5 checklist, so the log-dive may start. */
async function fileCase(user: SessionUser, d: TCaseDraftInput) {
  const c = await saveAndSubmit(user, d);
  await tickChecklist(user, c.id);
  return c;
}

const caseRow = (id: string) => db().case.findUniqueOrThrow({ where: { id } });
const activity = (caseId: string, action: string) => db().activityLog.findMany({ where: { caseId, action }, orderBy: { at: "asc" } });

describe("timeline entries (step 6)", () => {
  it("Support adds an internal finding and a relayable update; the timeline lists them newest first with rendered, escaped Markdown", async () => {
    const c = await fileCase(support, draft());
    expect(c.status).toBe("accepted");
    await addEntry(support, { caseId: c.id, kind: "finding", visibility: "internal", body: "Token used from **203.0.113.7** <script>alert(1)</script>" });
    await addEntry(support, { caseId: c.id, kind: "status_update", visibility: "relayable", body: "We are reviewing the application logs." });
    const t = await listTimeline(support, c.id);
    expect(t.entries.map((e) => [e.kind, e.visibility])).toEqual([["status_update", "relayable"], ["finding", "internal"]]);
    expect(renderToStaticMarkup(createElement(MarkdownBody, { markdown: t.entries[1]!.body }))).toBe("<p>Token used from <strong>203.0.113.7</strong> &lt;script&gt;alert(1)&lt;/script&gt;</p>");
    expect(t.entries[1]!.authorName).toBe(support.name);
    expect(t.requesterEmail).toBe("dana@customer.example");
    const rows = await activity(c.id, "entry.create");
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.actorId)).toEqual([support.id, support.id]);
    expect(rows[1]!.after).toMatchObject({ kind: "status_update", visibility: "relayable" });
  });

  it("the routed team's first finding on a Support case moves it from accepted to in progress", async () => {
    const c = await fileCase(support, draft());
    await addEntry(support, { caseId: c.id, kind: "note", visibility: "internal", body: "Starting soon." });
    expect((await caseRow(c.id)).status).toBe("accepted"); // a note is not a finding
    const added = await addEntry(support, { caseId: c.id, kind: "finding", visibility: "internal", body: "First finding." });
    expect(added.status).toBe("in_progress");
    expect((await caseRow(c.id)).status).toBe("in_progress");
  });

  it("SIRT's first finding on an accepted SIRT case moves it to in progress, written to the activity log; the author is told an update is ready", async () => {
    const c = await fileCase(support, draft({ personalData: true }));
    expect((await caseRow(c.id))).toMatchObject({ team: "sirt", status: "accepted" });
    const before = (await caseRow(c.id)).version;
    const added = await addEntry(sirt, { caseId: c.id, kind: "finding", visibility: "relayable", body: "The token was created by the customer's own admin." });
    expect(added.status).toBe("in_progress");
    const row = await caseRow(c.id);
    expect(row.status).toBe("in_progress");
    expect(row.version).toBe(before + 1);
    const [start] = await activity(c.id, "case.startWork");
    expect(start).toMatchObject({ actorId: sirt.id, actorRole: "sirt", before: { status: "accepted" }, after: { status: "in_progress" } });
    const second = await addEntry(sirt, { caseId: c.id, kind: "finding", visibility: "internal", body: "Second." });
    expect(second.status).toBe("in_progress");
    expect(await activity(c.id, "case.startWork")).toHaveLength(1);
    const notes = await db().outboxMessage.findMany({ where: { caseId: c.id, kind: "entry.relayable" } });
    // The case's author and the account's CSM (the Support author alone before the CSMs were told too).
    expect(notes.map((n) => n.toAddress).sort()).toEqual([csm.email, support.email].sort());
    for (const note of notes) expect(note.body).not.toContain("customer's own admin"); // the entry's text stays in the portal
  });

  it("the routed team's first finding is refused until the step-5 checklist is complete, naming what is missing; nothing is recorded", async () => {
    const c = await saveAndSubmit(support, draft({ personalData: true }));
    await setVerification(support, { id: c.id, item: "identity", checked: true });
    await setVerification(support, { id: c.id, item: "ownership", checked: true });
    await setVerification(support, { id: c.id, item: "plan", checked: true });
    await setVerification(support, { id: c.id, item: "scope", checked: true });
    const err = await addEntry(sirt, { caseId: c.id, kind: "finding", visibility: "internal", body: "Too early." }).catch((e) => e);
    expect(err).toMatchObject({ code: "INVALID_STATE" });
    expect(err.message).toBe(
      "Complete the verification checklist (step 5) first: 2 of 6 items are not ticked: Audit Events checked first, customer not added. A team lead may override it with a reason.",
    );
    expect(await caseRow(c.id)).toMatchObject({ status: "accepted", assigneeId: null });
    expect(await db().timelineEntry.count({ where: { caseId: c.id } })).toBe(0);
    expect(await activity(c.id, "entry.create")).toHaveLength(0);
    // Notes and status updates are not the log-dive: they still land.
    await addEntry(sirt, { caseId: c.id, kind: "status_update", visibility: "internal", body: "Waiting for the checklist." });
    await setVerification(support, { id: c.id, item: "audit-events", checked: true });
    await setVerification(support, { id: c.id, item: "no-customer-access", checked: true });
    expect((await addEntry(sirt, { caseId: c.id, kind: "finding", visibility: "internal", body: "Now." })).status).toBe("in_progress");
  });

  it("a team lead of the routed team overrides an incomplete checklist with a reason, recorded and logged; then the log-dive starts", async () => {
    const c = await saveAndSubmit(support, draft({ personalData: true }));
    const reason = "Identity confirmed on a call with the account owner; the rest follows today.";
    // Not a team lead, or a lead of the other team: refused.
    await expect(overrideVerification(sirt, { id: c.id, reason })).rejects.toMatchObject({ code: "FORBIDDEN", message: "Only a team lead may override the verification checklist." });
    const supportLead = (await createUser("support", { teamLead: true })) as SessionUser;
    await db().case.update({ where: { id: c.id }, data: { authorId: supportLead.id } }); // so the Support lead sees the SIRT case
    await expect(overrideVerification(supportLead, { id: c.id, reason })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(overrideVerification(csm, { id: c.id, reason })).rejects.toMatchObject({ code: "FORBIDDEN" });

    const lead = (await createUser("sirt", { teamLead: true })) as SessionUser;
    await overrideVerification(lead, { id: c.id, reason });
    expect(await db().verificationOverride.findUniqueOrThrow({ where: { caseId: c.id } })).toMatchObject({ reason, overriddenById: lead.id });
    const [log] = await activity(c.id, "verification.override");
    expect(log).toMatchObject({ actorId: lead.id, after: { reason, missing: ["identity", "ownership", "plan", "scope", "audit-events", "no-customer-access"] } });
    await expect(overrideVerification(lead, { id: c.id, reason })).rejects.toMatchObject({ code: "INVALID_STATE", message: "The checklist of this case was already overridden." });
    expect((await addEntry(sirt, { caseId: c.id, kind: "finding", visibility: "internal", body: "Started." })).status).toBe("in_progress");

    // The flag is read afresh: unset by Admin, the lead can no longer override.
    const other = await saveAndSubmit(support, draft({ personalData: true }));
    await db().user.update({ where: { id: lead.id }, data: { teamLead: false } });
    await expect(overrideVerification(lead, { id: other.id, reason })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("taking a case to in progress assigns it to whoever started it when nobody was, in the same transaction and logged; an assignee stays", async () => {
    const c = await fileCase(support, draft({ personalData: true }));
    expect((await caseRow(c.id)).assigneeId).toBeNull();
    await addEntry(sirt, { caseId: c.id, kind: "finding", visibility: "internal", body: "Mine." });
    expect(await caseRow(c.id)).toMatchObject({ status: "in_progress", assigneeId: sirt.id });
    const [assign] = await activity(c.id, "case.assign");
    expect(assign).toMatchObject({ actorId: sirt.id, before: { assigneeId: null }, after: { assigneeId: sirt.id } });

    const sirt2 = (await createUser("sirt")) as SessionUser;
    const d = await fileCase(support, draft({ personalData: true }));
    await db().case.update({ where: { id: d.id }, data: { assigneeId: sirt2.id } });
    await addEntry(sirt, { caseId: d.id, kind: "finding", visibility: "internal", body: "Helping." });
    expect(await caseRow(d.id)).toMatchObject({ status: "in_progress", assigneeId: sirt2.id });
    expect(await activity(d.id, "case.assign")).toHaveLength(0);
  });

  it("a CSM's finding records the entry but does not start the log-dive (CSMs do not work cases)", async () => {
    const c = await fileCase(csm, draft());
    await addEntry(csm, { caseId: c.id, kind: "finding", visibility: "internal", body: "Customer sent a screenshot." });
    expect((await caseRow(c.id)).status).toBe("accepted");
  });

  it("entries are refused on drafts and closed cases, and for roles without entry.create", async () => {
    const saved = await saveDraft(support, { draft: draft() });
    await expect(addEntry(support, { caseId: saved.id, kind: "note", visibility: "internal", body: "x" })).rejects.toMatchObject({ code: "INVALID_STATE" });
    const c = await fileCase(support, draft());
    await db().case.update({ where: { id: c.id }, data: { status: "closed", closedAt: new Date() } });
    await expect(addEntry(support, { caseId: c.id, kind: "note", visibility: "internal", body: "x" })).rejects.toMatchObject({ code: "INVALID_STATE" });
    await expect(addEntry(legal, { caseId: c.id, kind: "note", visibility: "internal", body: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("a stale version, when given, is a conflict", async () => {
    const c = await fileCase(support, draft());
    const { version } = await caseRow(c.id);
    await addEntry(support, { caseId: c.id, version, kind: "finding", visibility: "internal", body: "moves it" });
    await expect(addEntry(support, { caseId: c.id, version, kind: "note", visibility: "internal", body: "stale" })).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("“an update is ready to relay” (step 6 to 7)", () => {
  let managed: string, inactiveCsm: SessionUser;
  beforeAll(async () => {
    inactiveCsm = (await createUser("csm", { active: false })) as SessionUser;
    const a = await db().account.create({
      data: {
        slug: "initrode",
        name: "Initrode",
        plan: "premium",
        deployment: "saas",
        paying: true,
        managers: { create: [{ userId: csm.id }, { userId: otherCsm.id }, { userId: inactiveCsm.id }] },
        resources: { create: [{ kind: "project", path: "acme/infra/api", pathLower: "acme/infra/api" }] },
      },
    });
    managed = a.id;
  });
  const readyTo = async (caseId: string) =>
    (await db().outboxMessage.findMany({ where: { caseId, kind: "entry.relayable" }, select: { toAddress: true, subject: true } })).map((m) => m.toAddress).sort();

  it("a SIRT member's relayable entry tells the author and every active CSM of the account, each once", async () => {
    const c = await fileCase(support, intakeDraft(managed, { personalData: true }));
    expect((await caseRow(c.id)).team).toBe("sirt");
    await addEntry(sirt, { caseId: c.id, kind: "finding", visibility: "relayable", body: "Ready for the customer." });
    expect(await readyTo(c.id)).toEqual([support.email, csm.email, otherCsm.email].sort());
    const [message] = await db().outboxMessage.findMany({ where: { caseId: c.id, kind: "entry.relayable", toAddress: otherCsm.email } });
    expect(message!.subject).toBe(`${(await caseRow(c.id)).reference}: an update is ready to relay`);
    expect(await db().job.count({ where: { kind: "outbox.deliver", payload: { path: ["outboxId"], equals: (await db().outboxMessage.findFirstOrThrow({ where: { caseId: c.id, toAddress: csm.email } })).id } } })).toBe(1);
  });

  it("a CSM who is both the author and a manager hears once; the entry's own author never hears", async () => {
    const c = await fileCase(csm, intakeDraft(managed));
    await addEntry(support, { caseId: c.id, kind: "status_update", visibility: "relayable", body: "Update." });
    expect(await readyTo(c.id)).toEqual([csm.email, otherCsm.email].sort());
    await db().outboxMessage.deleteMany({ where: { caseId: c.id } });
    await addEntry(csm, { caseId: c.id, kind: "note", visibility: "relayable", body: "Written by the CSM." });
    expect(await readyTo(c.id)).toEqual([otherCsm.email]);
  });

  it("internal entries tell no one", async () => {
    const c = await fileCase(support, intakeDraft(managed));
    await addEntry(otherCsm, { caseId: c.id, kind: "note", visibility: "internal", body: "Internal." });
    expect(await readyTo(c.id)).toEqual([]);
  });
});

describe("relaying (step 7)", () => {
  it("internal entries cannot be relayed", async () => {
    const c = await fileCase(support, draft());
    const e = await addEntry(support, { caseId: c.id, kind: "finding", visibility: "internal", body: "Internal only: raw IPs." });
    await expect(relayEntry(support, { caseId: c.id, entryId: e.id, channel: "email" })).rejects.toMatchObject({ code: "INVALID_STATE", message: expect.stringMatching(/internal/) });
    expect(await db().relay.count({ where: { caseId: c.id } })).toBe(0);
    expect((await caseRow(c.id)).lastRelayAt).toBeNull();
  });

  it("a relay records what, to whom, how, when and by whom, restarts the clock by 12 business hours on the team's calendar, and is logged", async () => {
    const c = await fileCase(support, draft());
    const e = await addEntry(support, { caseId: c.id, kind: "status_update", visibility: "relayable", body: "We found the token's creation event." });
    const r = await relayEntry(support, { caseId: c.id, entryId: e.id, channel: "ticket" });
    const relay = await db().relay.findUniqueOrThrow({ where: { id: r.relayId } });
    expect(relay).toMatchObject({ caseId: c.id, entryId: e.id, text: "We found the token's creation event.", recipient: "dana@customer.example", channel: "ticket", sentById: support.id });
    const row = await caseRow(c.id);
    expect(row.lastRelayAt).toEqual(relay.sentAt);
    const expected = nextUpdateDue(relay.sentAt, SUPPORT_CALENDAR, 12);
    expect(row.nextUpdateDue).toEqual(expected);
    expect(r.nextUpdateDue).toEqual(expected);
    // Office hours: 12 business hours are a day and a half of work, never 12 real hours.
    expect(expected.getTime() - relay.sentAt.getTime()).toBeGreaterThan(12 * 3_600_000);
    const [log] = await activity(c.id, "entry.relay");
    expect(log).toMatchObject({ actorId: support.id, entityType: "Relay", entityId: relay.id, after: { entryId: e.id, recipient: "dana@customer.example", channel: "ticket", nextUpdateDue: expected.toISOString() } });
    const t = await listTimeline(support, c.id);
    expect(t.entries[0]!.relays).toEqual([expect.objectContaining({ id: relay.id, recipient: "dana@customer.example", channel: "ticket", sentByName: support.name })]);
    // The due time is on Support's calendar, so the page shows it in Amsterdam time beside UTC.
    expect(t.teamTimeZone).toBe("Europe/Amsterdam");
  });

  it("the text may be edited and the recipient changed; a second relay restarts the clock again", async () => {
    const c = await fileCase(support, draft());
    const e = await addEntry(support, { caseId: c.id, kind: "status_update", visibility: "relayable", body: "Draft wording." });
    const first = await relayEntry(support, { caseId: c.id, entryId: e.id, channel: "email" });
    const second = await relayEntry(support, { caseId: c.id, entryId: e.id, text: "Edited wording for the customer.", recipient: "+31 20 555 0100", channel: "phone" });
    expect(second.sentAt.getTime()).toBeGreaterThanOrEqual(first.sentAt.getTime());
    const row = await caseRow(c.id);
    expect(row.lastRelayAt).toEqual(second.sentAt);
    expect(row.nextUpdateDue).toEqual(nextUpdateDue(second.sentAt, SUPPORT_CALENDAR));
    const relay = await db().relay.findUniqueOrThrow({ where: { id: second.relayId } });
    expect(relay).toMatchObject({ text: "Edited wording for the customer.", recipient: "+31 20 555 0100", channel: "phone" });
  });

  it("each relay stores the due time it was measured against (the case's nextUpdateDue before the relay moved it), in the same write", async () => {
    const c = await fileCase(support, draft());
    const dueBefore = (await caseRow(c.id)).nextUpdateDue;
    expect(dueBefore).not.toBeNull();
    const e = await addEntry(support, { caseId: c.id, kind: "status_update", visibility: "relayable", body: "We are on it." });
    const first = await relayEntry(support, { caseId: c.id, entryId: e.id, channel: "email" });
    const second = await relayEntry(support, { caseId: c.id, entryId: e.id, text: "Still on it.", channel: "email" });
    const relays = await db().relay.findMany({ where: { caseId: c.id }, orderBy: { sentAt: "asc" }, select: { id: true, dueAt: true, sentAt: true } });
    expect(relays.map((r) => r.id)).toEqual([first.relayId, second.relayId]);
    expect(relays[0]!.dueAt).toEqual(dueBefore);
    // The second relay is measured against the due time the first one set.
    expect(relays[1]!.dueAt).toEqual(first.nextUpdateDue);
    expect(relays[1]!.dueAt).toEqual(nextUpdateDue(first.sentAt, SUPPORT_CALENDAR));
    // Sent straight away, both are on time (sentAt <= dueAt).
    expect(relays.every((r) => r.sentAt.getTime() <= r.dueAt!.getTime())).toBe(true);
    const log = await activity(c.id, "entry.relay");
    expect(log[0]!.after).toMatchObject({ dueAt: dueBefore!.toISOString() });
  });

  it("a relay after the release (shared: the update clock stopped) is measured against no due time", async () => {
    const c = await fileCase(support, draft());
    const e = await addEntry(support, { caseId: c.id, kind: "status_update", visibility: "relayable", body: "Released; closing soon." });
    await db().case.update({ where: { id: c.id }, data: { status: "shared" } });
    const r = await relayEntry(support, { caseId: c.id, entryId: e.id, channel: "email" });
    expect((await db().relay.findUniqueOrThrow({ where: { id: r.relayId } })).dueAt).toBeNull();
  });

  it("an extended case's first relay must carry the 7-day note: prefilled by default, refused when removed; later relays need not", async () => {
    const c = await fileCase(support, draft({ days: 10 }));
    expect(await caseRow(c.id)).toMatchObject({ team: "sirt", extended: true });
    const e = await addEntry(sirt, { caseId: c.id, kind: "status_update", visibility: "relayable", body: "The log-dive has started." });
    expect((await listTimeline(support, c.id)).needsExtendedNote).toBe(true);
    await expect(relayEntry(support, { caseId: c.id, entryId: e.id, text: "The log-dive has started.", channel: "email" })).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringMatching(/extended case.*take longer/),
      fieldErrors: { text: [expect.stringContaining(EXTENDED_NOTE)] },
    });
    expect(await db().relay.count({ where: { caseId: c.id } })).toBe(0);
    const ok = await relayEntry(support, { caseId: c.id, entryId: e.id, channel: "email" });
    const relay = await db().relay.findUniqueOrThrow({ where: { id: ok.relayId } });
    expect(relay.text).toBe(`The log-dive has started.\n\n${EXTENDED_NOTE}`);
    expect((await listTimeline(support, c.id)).needsExtendedNote).toBe(false);
    await relayEntry(support, { caseId: c.id, entryId: e.id, text: "Still working on it.", channel: "email" });
    expect(await db().relay.count({ where: { caseId: c.id } })).toBe(2);
    // The SIRT case's clock runs on SIRT's calendar (the default here), not Support's.
    const row = await caseRow(c.id);
    expect(row.nextUpdateDue!.getTime()).toBeGreaterThan(row.lastRelayAt!.getTime());
  });

  it("the SIRT author is never named to the customer", async () => {
    const c = await fileCase(support, draft({ personalData: true }));
    const e = await addEntry(sirt, { caseId: c.id, kind: "status_update", visibility: "relayable", body: "Update from the security team." });
    await expect(relayEntry(support, { caseId: c.id, entryId: e.id, text: `Update from ${sirt.name}.`, channel: "email" })).rejects.toMatchObject({ code: "VALIDATION", message: expect.stringMatching(/SIRT/) });
    const ok = await relayEntry(support, { caseId: c.id, entryId: e.id, channel: "email" });
    expect((await db().relay.findUniqueOrThrow({ where: { id: ok.relayId } })).text).not.toContain(sirt.name);
  });

  it("SIRT cannot relay (all contact goes through Support or the CSM)", async () => {
    const c = await fileCase(support, draft({ personalData: true }));
    const e = await addEntry(sirt, { caseId: c.id, kind: "status_update", visibility: "relayable", body: "x" });
    await expect(relayEntry(sirt, { caseId: c.id, entryId: e.id, channel: "email" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("an entry of another case is not found through this case", async () => {
    const a = await fileCase(support, draft());
    const b = await fileCase(support, draft());
    const e = await addEntry(support, { caseId: b.id, kind: "status_update", visibility: "relayable", body: "b's update" });
    await expect(relayEntry(support, { caseId: a.id, entryId: e.id, channel: "email" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("visibility: another team's user gets NOT_FOUND (guards cross-team timeline leaks)", () => {
  it("SIRT on a Support case, a CSM of another account and Admin cannot read, add to or relay from the timeline", async () => {
    const c = await fileCase(support, draft());
    const e = await addEntry(support, { caseId: c.id, kind: "status_update", visibility: "relayable", body: "Support-only case." });
    for (const who of [sirt, otherCsm, admin]) {
      await expect(listTimeline(who, c.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    for (const who of [sirt, otherCsm]) {
      await expect(addEntry(who, { caseId: c.id, kind: "note", visibility: "internal", body: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    await expect(relayEntry(otherCsm, { caseId: c.id, entryId: e.id, channel: "email" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db().timelineEntry.count({ where: { caseId: c.id } })).toBe(1);
    // The account's own CSM sees it and may relay.
    expect((await listTimeline(csm, c.id)).entries).toHaveLength(1);
    await relayEntry(csm, { caseId: c.id, entryId: e.id, channel: "email" });
  });
});
