import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { acceptCostNotice } from "@/lib/cases/accept-cost-notice";
import { assignCase } from "@/lib/cases/assign-case";
import { changeScope } from "@/lib/cases/change-scope";
import { closeCase } from "@/lib/cases/close-case";
import { ZCloseCase, ZReopenCase } from "@/lib/cases/closing-schemas";
import { decideException } from "@/lib/cases/decide-exception";
import { markNeedsRescope } from "@/lib/cases/mark-needs-rescope";
import { overrideVerification } from "@/lib/cases/override-verification";
import { recordCostNotice } from "@/lib/cases/record-cost-notice";
import { recordCustomerNotified } from "@/lib/cases/record-customer-notified";
import { recordIncidentImpact } from "@/lib/cases/record-incident-impact";
import { recordReferralOutcome } from "@/lib/cases/record-referral-outcome";
import { reopenCase } from "@/lib/cases/reopen-case";
import { requestException } from "@/lib/cases/request-exception";
import { setPriority } from "@/lib/cases/set-priority";
import { setVerification } from "@/lib/cases/set-verification";
import { db } from "@/lib/db";
import { addEntry, relayEntry } from "@/lib/timeline/service";
import { useTestDatabase } from "../support/db";
import { createCase, createUser, tickedChecklist } from "../support/factories";
import { intakeDraft, saveAndSubmit } from "../support/intake";

// Issue 13, closing: every way a case ends goes through the closing rules and the transition
// table, with a note, in one transaction with its timeline note and activity entry; closed cases
// are read-only; reopening is a recorded act with a reason by the routed team, or by the author or
// the account's CSM when the case never was routed.

useTestDatabase();

let support: SessionUser, otherSupport: SessionUser, csm: SessionUser, otherCsm: SessionUser, sirt: SessionUser, legal: SessionUser, lead: SessionUser;
let acme: string, free: string;

beforeAll(async () => {
  [support, otherSupport, csm, otherCsm, sirt, legal] = (await Promise.all((["support", "support", "csm", "csm", "sirt", "legal"] as const).map((r) => createUser(r)))) as SessionUser[];
  lead = (await createUser("sirt", { teamLead: true })) as SessionUser;
  const resources = { create: [{ kind: "project" as const, path: "acme/infra/api", pathLower: "acme/infra/api" }] };
  acme = (await db().account.create({ data: { slug: "acme", name: "ACME", plan: "premium", deployment: "saas", paying: true, resources, managers: { create: [{ userId: csm.id }] } } })).id;
  free = (await db().account.create({ data: { slug: "initech", name: "Initech", plan: "free", deployment: "saas", paying: false, resources: { create: [{ kind: "project", path: "initech/app", pathLower: "initech/app" }] }, managers: { create: [{ userId: csm.id }] } } })).id;
});

const row = (id: string) =>
  db().case.findUniqueOrThrow({ where: { id }, select: { status: true, version: true, resolution: true, closeReason: true, closedAt: true, closedById: true, statusBeforeClose: true, duplicateOfId: true, logDiveDone: true, reference: true } });
const activity = (caseId: string, action: string) => db().activityLog.findMany({ where: { caseId, action } });
const notes = (caseId: string) => db().timelineEntry.findMany({ where: { caseId, kind: "note" }, orderBy: { createdAt: "asc" }, select: { body: true, visibility: true } });
const NOTE = "Shared the redacted extract with the customer on their ticket.";

/** A case made directly in `status` (the services that bring it there are tested elsewhere). */
async function caseIn(status: "shared" | "accepted" | "in_progress" | "approved", team: "support" | "sirt", over: { logDiveDone?: boolean; authorId?: string } = {}) {
  const c = await createCase({ accountId: acme, authorId: over.authorId ?? support.id, status, team, acceptedAt: new Date(), logDiveDone: over.logDiveDone ?? false, ticks: tickedChecklist(support.id) });
  return { id: c.id, ...(await row(c.id)) };
}

/** Nothing was written by a refused close: same row, no timeline note, no activity. */
async function expectUntouched(id: string, before: Awaited<ReturnType<typeof row>>) {
  expect(await row(id)).toEqual(before);
  expect(await activity(id, "case.close")).toHaveLength(0);
  expect(await notes(id)).toHaveLength(0);
}

describe("closing as done: a shared case, after its gap record when the log-dive was done", () => {
  it("refuses without the gap record, pointing at the gap section, and writes nothing; closes once the record exists", async () => {
    const c = await caseIn("shared", "sirt", { logDiveDone: true });
    await expect(closeCase(sirt, { id: c.id, version: c.version, resolution: "done", note: NOTE })).rejects.toMatchObject({ code: "INVALID_STATE", message: expect.stringMatching(/Audit Events gap/) });
    await expectUntouched(c.id, await row(c.id));

    await db().gapRecord.create({ data: { caseId: c.id, noGap: true, noGapReason: "Every event needed was in Audit Events.", plan: "premium", team: "sirt", recordedById: sirt.id, filingState: "not_needed" } });
    const { version } = await closeCase(sirt, { id: c.id, version: c.version, resolution: "done", note: NOTE });
    const closed = await row(c.id);
    expect(closed).toMatchObject({ status: "closed", resolution: "done", closeReason: NOTE, closedById: sirt.id, statusBeforeClose: "shared", duplicateOfId: null, version });
    expect(closed.closedAt).toBeInstanceOf(Date);
    expect(await notes(c.id)).toEqual([{ body: `Closed: done.\n\n${NOTE}`, visibility: "internal" }]);
    const [log] = await activity(c.id, "case.close");
    expect(log).toMatchObject({ actorId: sirt.id, before: { status: "shared" }, after: { status: "closed", resolution: "done", note: NOTE } });
  });

  it("a case without a log-dive needs no gap record; done only from shared", async () => {
    const approved = await caseIn("approved", "support");
    await expect(closeCase(support, { id: approved.id, version: approved.version, resolution: "done", note: NOTE })).rejects.toMatchObject({ code: "INVALID_STATE", message: expect.stringMatching(/approved cannot be closed as “done”/) });
    const c = await caseIn("shared", "support");
    await closeCase(csm, { id: c.id, version: c.version, resolution: "done", note: NOTE });
    expect(await row(c.id)).toMatchObject({ status: "closed", resolution: "done", closedById: csm.id });
  });

  it("a stale version is a conflict and writes nothing", async () => {
    const c = await caseIn("shared", "support");
    await expect(closeCase(support, { id: c.id, version: c.version - 1 || 99, resolution: "done", note: NOTE })).rejects.toMatchObject({ code: "CONFLICT" });
    const { id: _id, ...before } = c;
    await expectUntouched(c.id, before);
  });

  it("a case the user may not see is not found (SIRT on a Support case, a CSM of another account), whatever the resolution", async () => {
    const c = await caseIn("shared", "support");
    await expect(closeCase(sirt, { id: c.id, version: c.version, resolution: "done", note: NOTE })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(closeCase(otherCsm, { id: c.id, version: c.version, resolution: "withdrawn", note: NOTE })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await row(c.id)).status).toBe("shared");
  });
});

describe("refused: an ineligible case with no exception pending", () => {
  it("the author closes a refused case with the reason; SIRT cannot see it; the author reopens it, back to ineligible, with the history kept", async () => {
    const filed = await saveAndSubmit(support, intakeDraft(free, { project: "initech/app" }));
    expect(filed.status).toBe("ineligible");
    const c = await row(filed.id);
    expect(c.closedAt).toBeNull(); // an ineligible case is open until someone closes it
    await expect(closeCase(sirt, { id: filed.id, version: c.version, resolution: "refused", note: "Free plan: not eligible." })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await closeCase(support, { id: filed.id, version: c.version, resolution: "refused", note: "Free plan: audit logs need Premium or Ultimate." });
    const closed = await row(filed.id);
    expect(closed).toMatchObject({ status: "closed", resolution: "refused", statusBeforeClose: "ineligible" });

    // Never routed: not another Support agent (who cannot see it) and not SIRT; the account's CSM or the author may.
    await expect(reopenCase(otherSupport, { id: filed.id, version: closed.version, reason: "The customer upgraded to Premium." })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(reopenCase(otherCsm, { id: filed.id, version: closed.version, reason: "The customer upgraded to Premium." })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(reopenCase(csm, { id: filed.id, version: closed.version - 1, reason: "The customer upgraded to Premium." })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await row(filed.id)).status).toBe("closed");
    const reopened = await reopenCase(csm, { id: filed.id, version: closed.version, reason: "The customer upgraded to Premium." });
    expect(reopened.status).toBe("ineligible");
    expect(await row(filed.id)).toMatchObject({ status: "ineligible", resolution: null, closedAt: null, closedById: null, duplicateOfId: null, statusBeforeClose: null });
    expect((await notes(filed.id)).map((n) => n.body)).toEqual(["Closed: refused.\n\nFree plan: audit logs need Premium or Ultimate.", "Reopened (back to ineligible).\n\nThe customer upgraded to Premium."]);
    const [log] = await activity(filed.id, "case.reopen");
    expect(log).toMatchObject({ actorId: csm.id, before: { status: "closed", resolution: "refused" }, after: { status: "ineligible", reason: "The customer upgraded to Premium." } });
    expect(await activity(filed.id, "case.close")).toHaveLength(1);
  });

  it("not while Legal decides an exception; Legal's refusal closes the case as refused with its rationale, and a reopen returns it to ineligible", async () => {
    const filed = await saveAndSubmit(csm, intakeDraft(free, { project: "initech/app" }));
    await requestException(csm, { id: filed.id, version: (await row(filed.id)).version, reason: "The customer is moving to Premium next week, signed." });
    const pending = await row(filed.id);
    expect(pending.status).toBe("legal_review");
    await expect(closeCase(csm, { id: filed.id, version: pending.version, resolution: "refused", note: "Refusing now." })).rejects.toMatchObject({ code: "INVALID_STATE", message: expect.stringMatching(/legal review cannot be closed as “refused”/) });
    // Legal may not close it through the form either: the refusal is the exception decision.
    await expect(closeCase(legal, { id: filed.id, version: pending.version, resolution: "refused", note: "Refusing now." })).rejects.toMatchObject({ code: "INVALID_STATE" });

    const ex = await db().legalException.findFirstOrThrow({ where: { caseId: filed.id } });
    const result = await decideException(legal, { exceptionId: ex.id, grant: false, rationale: "A trial account is not covered.", expiresAt: null });
    expect(result.status).toBe("closed");
    const closed = await row(filed.id);
    expect(closed).toMatchObject({ status: "closed", resolution: "refused", closeReason: "Legal refused the plan exception: A trial account is not covered.", closedById: legal.id, statusBeforeClose: "ineligible" });
    expect(await activity(filed.id, "exception.refuse")).toHaveLength(1);
    expect(await activity(filed.id, "case.close")).toHaveLength(1);
    const mail = await db().outboxMessage.findFirstOrThrow({ where: { caseId: filed.id, kind: "exception.decided" } });
    expect(mail.body).toMatch(/closed as refused/);

    await reopenCase(csm, { id: filed.id, version: closed.version, reason: "Counsel asked to look at the contract again." });
    expect((await row(filed.id)).status).toBe("ineligible");
  });
});

describe("referral handled: by Legal, once the referral's outcome is recorded", () => {
  it("refuses before the outcome, closes after; Support may not close it that way", async () => {
    const filed = await saveAndSubmit(support, intakeDraft(acme, { project: "someone-else/secret" }));
    expect(filed.status).toBe("ineligible");
    const ref = await db().subpoenaReferral.findFirstOrThrow({ where: { caseId: filed.id } });
    let c = await row(filed.id);
    await expect(closeCase(legal, { id: filed.id, version: c.version, resolution: "referral_handled", note: "Subpoena answered." })).rejects.toMatchObject({ code: "INVALID_STATE", message: expect.stringMatching(/Record the outcome/) });
    // While the referral is open with Legal, nobody else closes the case (it would strand Legal's item).
    for (const resolution of ["refused", "withdrawn"] as const) {
      await expect(closeCase(support, { id: filed.id, version: c.version, resolution, note: "Closing it from Support's side." })).rejects.toMatchObject({ code: "INVALID_STATE", message: expect.stringMatching(/referral is open with Legal/) });
    }
    expect((await row(filed.id)).status).toBe("ineligible");
    await recordReferralOutcome(legal, { referralId: ref.id, outcomeNote: "The customer was told a subpoena is required; none came." });
    c = await row(filed.id);
    await expect(closeCase(support, { id: filed.id, version: c.version, resolution: "referral_handled", note: "Subpoena answered." })).rejects.toMatchObject({ code: "INVALID_STATE", message: expect.stringMatching(/Your role/) });
    await closeCase(legal, { id: filed.id, version: c.version, resolution: "referral_handled", note: "No subpoena was served within 30 days." });
    expect(await row(filed.id)).toMatchObject({ status: "closed", resolution: "referral_handled", closedById: legal.id });
    // Never routed, Legal is neither author nor CSM: the author reopens.
    const closed = await row(filed.id);
    await expect(reopenCase(legal, { id: filed.id, version: closed.version, reason: "A subpoena arrived after all." })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await reopenCase(support, { id: filed.id, version: closed.version, reason: "A subpoena arrived after all." });
    expect((await row(filed.id)).status).toBe("ineligible");
  });
});

describe("withdrawn and duplicate", () => {
  it("withdrawn from the team's work, by SIRT, with the gap rule when the log-dive was done", async () => {
    const fresh = await caseIn("accepted", "sirt");
    await closeCase(sirt, { id: fresh.id, version: fresh.version, resolution: "withdrawn", note: "The customer found the cause on their side." });
    expect(await row(fresh.id)).toMatchObject({ status: "closed", resolution: "withdrawn", statusBeforeClose: "accepted" });

    const worked = await caseIn("in_progress", "sirt", { logDiveDone: true });
    await expect(closeCase(sirt, { id: worked.id, version: worked.version, resolution: "withdrawn", note: "The customer found the cause." })).rejects.toMatchObject({ message: expect.stringMatching(/gap record/) });
    expect((await row(worked.id)).status).toBe("in_progress");
  });

  it("a duplicate links another case the user may see; an unseen, unknown or draft case is 'no case that you can see', itself and loops are refused; nothing half-written", async () => {
    const a = await caseIn("accepted", "support");
    const b = await caseIn("accepted", "support");
    const sirtCase = await caseIn("accepted", "sirt", { authorId: otherSupport.id }); // not Support's to see
    const draft = await createCase({ accountId: acme, authorId: support.id, status: "draft", reference: null });
    await db().case.update({ where: { id: draft.id }, data: { reference: "IR-2026-990001" } }); // a draft never has one; if it did, still no
    const tries: [string, RegExp][] = [
      [sirtCase.reference!, new RegExp(`^No case ${sirtCase.reference} that you can see\\.$`)],
      ["IR-2026-999999", /^No case IR-2026-999999 that you can see\.$/],
      ["IR-2026-990001", /^No case IR-2026-990001 that you can see\.$/],
      [a.reference!, /itself/],
    ];
    for (const [ref, message] of tries) {
      const err = await closeCase(support, { id: a.id, version: a.version, resolution: "duplicate", note: "Same request filed twice.", duplicateOf: ref }).catch((e) => e);
      expect(err).toMatchObject({ code: "VALIDATION", message: expect.stringMatching(message), fieldErrors: { duplicateOf: [expect.stringMatching(message)] } });
    }
    await expectUntouched(a.id, await row(a.id));

    await closeCase(support, { id: a.id, version: a.version, resolution: "duplicate", note: "Same request filed twice.", duplicateOf: b.reference! });
    expect(await row(a.id)).toMatchObject({ status: "closed", resolution: "duplicate", duplicateOfId: b.id });
    // b cannot in turn be a duplicate of a (a loop); of a third case it can.
    const loop = await closeCase(support, { id: b.id, version: b.version, resolution: "duplicate", note: "Same request filed twice.", duplicateOf: a.reference! }).catch((e) => e);
    expect(loop).toMatchObject({ code: "VALIDATION", message: expect.stringMatching(/duplicate of this case/) });
    expect((await row(b.id)).status).toBe("accepted");

    // A reopen clears the link (kept in the activity log).
    const closedA = await row(a.id);
    await reopenCase(support, { id: a.id, version: closedA.version, reason: "Not the same incident after all." });
    expect(await row(a.id)).toMatchObject({ status: "accepted", duplicateOfId: null });
    const [log] = await activity(a.id, "case.reopen");
    expect(log!.before).toMatchObject({ duplicateOfId: b.id });
  });

  it("the close input: a short note, a missing duplicate reference, a control character are field errors", () => {
    const base = { id: "00000000-0000-4000-8000-000000000001", version: 1 };
    const err = (input: unknown) => (ZCloseCase.safeParse(input).error?.flatten().fieldErrors ?? {}) as Record<string, string[]>;
    expect(err({ ...base, resolution: "withdrawn", note: "too short" }).note?.[0]).toMatch(/at least 10/);
    expect(err({ ...base, resolution: "withdrawn", note: "x".repeat(2001) }).note?.[0]).toMatch(/under 2000/);
    expect(err({ ...base, resolution: "duplicate", note: "Same request twice.", duplicateOf: "" }).duplicateOf?.[0]).toMatch(/reference of the case/);
    expect(err({ ...base, resolution: "duplicate", note: "Same request twice.", duplicateOf: "case 42" }).duplicateOf?.[0]).toMatch(/like IR-2026-0042/);
    expect(err({ ...base, resolution: "withdrawn", note: "Withdrawn \u0000 by the customer." }).note?.[0]).toMatch(/control character/);
    expect(err({ ...base, resolution: "closed", note: "Withdrawn by the customer." }).resolution?.[0]).toMatch(/how the case ends/);
    expect(ZCloseCase.parse({ ...base, resolution: "duplicate", note: "Same request twice.", duplicateOf: " ir-2026-0042 " }).duplicateOf).toBe("IR-2026-0042");
    expect(ZReopenCase.safeParse({ ...base, reason: "short" }).success).toBe(false);
  });
});

describe("reopening a routed case: the team it was routed to", () => {
  it("SIRT reopens a SIRT case (back to where it was); its Support author may not", async () => {
    const c = await caseIn("shared", "sirt", { authorId: support.id });
    await closeCase(support, { id: c.id, version: c.version, resolution: "done", note: NOTE });
    const closed = await row(c.id);
    await expect(reopenCase(support, { id: c.id, version: closed.version, reason: "The customer needs one more day of logs." })).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/Only SIRT/) });
    await reopenCase(sirt, { id: c.id, version: closed.version, reason: "The customer needs one more day of logs." });
    const now = await row(c.id);
    expect(now.status).toBe("shared");
    await expect(reopenCase(sirt, { id: c.id, version: now.version, reason: "Already open." })).rejects.toMatchObject({ code: "INVALID_STATE", message: expect.stringMatching(/is open/) });
  });
});

describe("closed cases are read-only: every write service refuses", () => {
  let id: string, version: number;
  beforeAll(async () => {
    const c = await caseIn("in_progress", "sirt", { authorId: csm.id });
    await db().case.update({ where: { id: c.id }, data: { incidentAffects: true, notifyDeadline: new Date(Date.now() + 86_400_000) } });
    await db().legalException.create({ data: { caseId: c.id, reason: "Asked while it was ineligible.", requestedById: csm.id } });
    await db().subpoenaReferral.create({ data: { caseId: c.id, resources: [] } });
    await db().costNotice.create({ data: { caseId: c.id, estimate: "USD 4,000", recordedById: csm.id } });
    await db().timelineEntry.create({ data: { caseId: c.id, authorId: sirt.id, kind: "status_update", visibility: "relayable", body: "Logs are being searched." } });
    await db().case.update({ where: { id: c.id }, data: { status: "closed", resolution: "withdrawn", closeReason: "Withdrawn by the customer.", closedAt: new Date(), closedById: sirt.id, statusBeforeClose: "in_progress", version: { increment: 1 } } });
    id = c.id;
    version = (await row(c.id)).version;
  });

  it.each<[string, () => Promise<unknown>]>([
    ["a timeline entry", () => addEntry(sirt, { caseId: id, kind: "finding", visibility: "internal", body: "More." })],
    ["a relay", async () => relayEntry(csm, { caseId: id, entryId: (await db().timelineEntry.findFirstOrThrow({ where: { caseId: id } })).id, channel: "email", recipient: "dana@customer.example" } as never)],
    ["a checklist tick", () => setVerification(csm, { id, item: "requester-authorized" as never, checked: false })],
    ["a checklist override", () => overrideVerification(lead, { id, reason: "Urgent, the customer is under attack." })],
    ["the incident impact", () => recordIncidentImpact(sirt, { id, version })],
    ["the customer notice", () => recordCustomerNotified(csm, { id, version, text: "x".repeat(60), sentAt: new Date() } as never)],
    ["an assignment", () => assignCase(sirt, { id, version, assigneeId: sirt.id })],
    ["a priority", () => setPriority(sirt, { id, version, priority: 1 })],
    ["needs re-scope", () => markNeedsRescope(sirt, { id, version, reason: "Too broad for one log-dive, narrow it." })],
    ["a scope change", () => changeScope(csm, { id, version, draft: intakeDraft(acme) })],
    ["an exception request", () => requestException(csm, { id, version, reason: "The customer is moving to Premium next week." })],
    ["an exception decision", async () => decideException(legal, { exceptionId: (await db().legalException.findFirstOrThrow({ where: { caseId: id } })).id, grant: true, rationale: "Granted.", expiresAt: new Date(Date.now() + 86_400_000) })],
    ["a referral outcome", async () => recordReferralOutcome(legal, { referralId: (await db().subpoenaReferral.findFirstOrThrow({ where: { caseId: id } })).id, outcomeNote: "Handled." })],
    ["a cost notice", () => recordCostNotice(csm, { id, version, estimate: "USD 4,000" })],
    ["the cost acceptance", async () => acceptCostNotice(csm, { id, version, noticeId: (await db().costNotice.findFirstOrThrow({ where: { caseId: id } })).id, acceptedAt: new Date(), note: "" })],
    ["closing it again", () => closeCase(sirt, { id, version, resolution: "withdrawn", note: "Withdrawn again, twice." })],
  ])("%s", async (_what, write) => {
    const before = await db().case.findUniqueOrThrow({ where: { id } });
    const activityBefore = await db().activityLog.count({ where: { caseId: id } });
    await expect(write()).rejects.toMatchObject({ code: "INVALID_STATE", message: expect.stringMatching(/closed/) });
    expect(await db().case.findUniqueOrThrow({ where: { id } })).toEqual(before);
    expect(await db().activityLog.count({ where: { caseId: id } })).toBe(activityBefore);
  });
});

describe("the log-dive flag", () => {
  it("is set when the routed team's first finding starts the log-dive, and never unset", async () => {
    const filed = await saveAndSubmit(support, intakeDraft(acme));
    expect(filed.status).toBe("accepted");
    expect((await row(filed.id)).logDiveDone).toBe(false);
    for (const item of (await import("@/lib/cases/schemas")).VERIFICATION_ITEMS) await setVerification(support, { id: filed.id, item: item.id, checked: true });
    await addEntry(support, { caseId: filed.id, kind: "finding", visibility: "internal", body: "Started searching the logs." });
    expect(await row(filed.id)).toMatchObject({ status: "in_progress", logDiveDone: true });
    const c = await row(filed.id);
    await expect(closeCase(support, { id: filed.id, version: c.version, resolution: "withdrawn", note: "The customer withdrew." })).rejects.toMatchObject({ message: expect.stringMatching(/gap record/) });
  });
});

describe("what the case page offers (closing-view.ts): only what the services would accept", () => {
  const view = async (user: SessionUser, id: string) => {
    const { findCaseDetail } = await import("@/lib/cases/queries");
    const { closingOfCase } = await import("@/lib/cases/closing-view");
    return closingOfCase(user, await findCaseDetail(user, id));
  };

  it("an open case: the resolutions allowed now, or the gap record first; nothing to a reader who may not change it", async () => {
    const shared = await caseIn("shared", "support");
    expect((await view(support, shared.id)).close).toEqual({ isGapMissing: false, resolutions: [expect.objectContaining({ value: "done" }), expect.objectContaining({ value: "withdrawn" }), expect.objectContaining({ value: "duplicate" })] });
    const worked = await caseIn("shared", "support", { logDiveDone: true });
    expect((await view(support, worked.id)).close?.isGapMissing).toBe(true);
    // SIRT reviewing a Support case's artefact reads it, but closes nothing there.
    await db().case.update({ where: { id: worked.id }, data: { artefactReview: true } });
    expect(await view(sirt, worked.id)).toEqual({ closed: null, close: null });
  });

  it("a case Legal holds (an open referral) says Legal closes it, with no form", async () => {
    const filed = await saveAndSubmit(support, intakeDraft(acme, { project: "someone-else/secret" }));
    expect(await db().subpoenaReferral.count({ where: { caseId: filed.id, status: "open" } })).toBe(1);
    expect((await view(support, filed.id)).close).toEqual({ resolutions: [], isGapMissing: false, heldByLegal: expect.stringMatching(/referral is open with Legal/) });
  });

  it("a refused case never routed: its author and the account's CSM are offered the reopen, the other Support agent cannot see it", async () => {
    const filed = await saveAndSubmit(support, intakeDraft(free, { project: "initech/app" }));
    await closeCase(support, { id: filed.id, version: (await row(filed.id)).version, resolution: "refused", note: "Free plan: not eligible." });
    expect((await view(support, filed.id)).closed).toMatchObject({ resolution: "refused", by: support.name, canReopen: true });
    expect((await view(csm, filed.id)).closed?.canReopen).toBe(true);
    await expect(view(otherSupport, filed.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("a closed case: how it ended, by whom, the duplicate link, and whether the user may reopen it", async () => {
    const target = await caseIn("accepted", "support");
    const dup = await caseIn("accepted", "support");
    await closeCase(support, { id: dup.id, version: dup.version, resolution: "duplicate", note: "Same request filed twice.", duplicateOf: target.reference! });
    const seen = await view(support, dup.id);
    expect(seen).toEqual({
      close: null,
      closed: expect.objectContaining({ resolution: "duplicate", label: "Duplicate", note: "Same request filed twice.", by: support.name, duplicateOf: { id: target.id, reference: target.reference }, canReopen: true }),
    });
    // The account's CSM sees it but the case was routed to Support: not theirs to reopen.
    expect((await view(csm, dup.id)).closed?.canReopen).toBe(false);
    // The list filters by how a case ended, and its rows say it.
    const { listCasesForUser } = await import("@/lib/cases/queries");
    const { ZCaseListQuery } = await import("@/lib/cases/list-filters");
    const listed = await listCasesForUser(support, ZCaseListQuery.parse({ resolution: "duplicate" }));
    expect(listed.rows.map((r) => r.id)).toContain(dup.id);
    expect(listed.rows.every((r) => (r as { resolution?: string }).resolution === "duplicate")).toBe(true);
  });
});
