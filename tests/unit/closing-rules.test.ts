import { describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/permissions";
import { closableResolutions, duplicateTargetProblem, mayClose, mayReopen, reopenedStatus, type ClosingFacts, type Resolution, type ReopenFacts } from "@/lib/cases/closing-rules";
import { canTransition, type CaseStatus } from "@/lib/cases/lifecycle";

const facts = (o: Partial<ClosingFacts>): ClosingFacts => ({ status: "shared", role: "support", hasPendingException: false, isReferralHandled: false, logDiveDone: false, hasGapRecord: false, ...o });

describe("closing rules: which resolution, from which status, by whom, on what condition", () => {
  it.each<[string, Resolution, Partial<ClosingFacts>, boolean | RegExp]>([
    // done: from shared only
    ["done from shared by Support", "done", { status: "shared", role: "support" }, true],
    ["done from shared by the CSM", "done", { status: "shared", role: "csm" }, true],
    ["done from shared by SIRT", "done", { status: "shared", role: "sirt" }, true],
    ["done from shared by Legal", "done", { status: "shared", role: "legal" }, /your role/i],
    ["done before sharing", "done", { status: "approved" }, /approved cannot be closed as “done”/],
    ["done while in progress", "done", { status: "in_progress" }, /cannot be closed/],
    // refused: ineligible, no exception pending, Support/CSM (Legal only by refusing the exception)
    ["refused, ineligible, by Support", "refused", { status: "ineligible", role: "support" }, true],
    ["refused, ineligible, by the CSM", "refused", { status: "ineligible", role: "csm" }, true],
    ["refused, ineligible, by SIRT", "refused", { status: "ineligible", role: "sirt" }, /your role/i],
    ["refused with an exception pending", "refused", { status: "ineligible", role: "support", hasPendingException: true }, /waiting for Legal/],
    ["refused with a referral open", "refused", { status: "ineligible", role: "support", hasOpenReferral: true }, /referral is open with Legal/],
    ["withdrawn with a referral open", "withdrawn", { status: "ineligible", role: "csm", hasOpenReferral: true }, /referral is open with Legal/],
    ["duplicate with an exception pending", "duplicate", { status: "legal_review", role: "support", hasPendingException: true }, /waiting for Legal/],
    ["refused while eligible", "refused", { status: "accepted", role: "support" }, /cannot be closed/],
    ["refused by Legal refusing the exception", "refused", { status: "legal_review", role: "legal", isRefusingException: true }, true],
    ["refused by Legal without refusing the exception", "refused", { status: "legal_review", role: "legal" }, /only by refusing its plan exception/],
    ["refused in legal review by Support", "refused", { status: "legal_review", role: "support" }, /legal review cannot be closed/],
    // referral handled: by Legal, once the referral's outcome is recorded
    ["referral handled by Legal", "referral_handled", { status: "ineligible", role: "legal", isReferralHandled: true }, true],
    ["referral not yet handled", "referral_handled", { status: "ineligible", role: "legal", isReferralHandled: false }, /outcome of the case's subpoena referral/],
    ["referral handled by Support", "referral_handled", { status: "ineligible", role: "support", isReferralHandled: true }, /your role/i],
    // withdrawn and duplicate: any open submitted status, Support/CSM/SIRT
    ...(["submitted", "rescope", "ineligible", "legal_review", "accepted", "in_progress", "artefacts_in_review", "approved", "shared"] as CaseStatus[]).flatMap((status) =>
      (["withdrawn", "duplicate"] as Resolution[]).map((r): [string, Resolution, Partial<ClosingFacts>, boolean] => [`${r} from ${status}`, r, { status, role: "sirt" }, true]),
    ),
    ["withdrawn by Legal", "withdrawn", { status: "accepted", role: "legal" }, /your role/i],
    ["withdrawn from a draft", "withdrawn", { status: "draft" }, /draft cannot be closed/],
    ["duplicate of a closed case", "duplicate", { status: "closed" }, /closed cannot be closed/],
    // the gap rule: a log-dive means a gap record first, whatever the resolution
    ["done after a log-dive, no gap record", "done", { status: "shared", logDiveDone: true }, /Audit Events gap/],
    ["done after a log-dive, with its gap record", "done", { status: "shared", logDiveDone: true, hasGapRecord: true }, true],
    ["withdrawn after a log-dive, no gap record", "withdrawn", { status: "in_progress", logDiveDone: true }, /gap record/],
    ["duplicate after a log-dive, with its gap record", "duplicate", { status: "in_progress", logDiveDone: true, hasGapRecord: true }, true],
    ["no log-dive: no gap record needed", "withdrawn", { status: "accepted", logDiveDone: false }, true],
  ])("%s", (_name, resolution, f, expected) => {
    const check = mayClose(resolution, facts(f));
    if (expected === true) expect(check).toEqual({ ok: true });
    else {
      expect(check.ok).toBe(false);
      if (!check.ok) expect(check.reason).toMatch(expected as RegExp);
    }
  });

  it("the gap refusal says so (for the form's link to #gap)", () => {
    expect(mayClose("done", facts({ logDiveDone: true }))).toMatchObject({ ok: false, isGapMissing: true });
    expect(mayClose("done", facts({ status: "approved", logDiveDone: true }))).not.toHaveProperty("isGapMissing");
  });

  it.each<[string, Partial<ClosingFacts>, Resolution[]]>([
    ["a shared case, Support", { status: "shared", role: "support" }, ["done", "withdrawn", "duplicate"]],
    ["an ineligible case, the author (Support)", { status: "ineligible", role: "support" }, ["refused", "withdrawn", "duplicate"]],
    ["an ineligible case with an exception pending (Legal decides first)", { status: "ineligible", role: "csm", hasPendingException: true }, []],
    ["an ineligible case with an open referral, Support (Legal closes it)", { status: "ineligible", role: "support", hasOpenReferral: true }, []],
    ["legal review, the CSM (the exception waits for Legal)", { status: "legal_review", role: "csm", hasPendingException: true }, []],
    ["an ineligible referred case, Legal, outcome recorded", { status: "ineligible", role: "legal", isReferralHandled: true }, ["referral_handled"]],
    ["an ineligible referred case, Legal, outcome not yet recorded", { status: "ineligible", role: "legal" }, []],
    ["legal review, Legal (refusal is the exception decision, not the form)", { status: "legal_review", role: "legal" }, []],
    ["in progress, SIRT, gap missing (offered; the form says the gap comes first)", { status: "in_progress", role: "sirt", logDiveDone: true }, ["withdrawn", "duplicate"]],
    ["closed", { status: "closed" }, []],
  ])("the form offers, for %s", (_name, f, expected) => {
    expect(closableResolutions(facts(f))).toEqual(expected);
  });

  it("the transition table closes exactly where some closing rule does", () => {
    const statuses: CaseStatus[] = ["draft", "submitted", "rescope", "ineligible", "legal_review", "accepted", "in_progress", "artefacts_in_review", "approved", "shared", "closed"];
    const roles: Role[] = ["support", "csm", "sirt", "legal", "admin"];
    for (const status of statuses)
      for (const role of roles) {
        const someRule = (["done", "refused", "referral_handled", "withdrawn", "duplicate"] as Resolution[]).some((r) => {
          const c = mayClose(r, facts({ status, role, isReferralHandled: true, isRefusingException: true }));
          return c.ok;
        });
        expect(canTransition(status, "closed", role), `${status} by ${role}`).toBe(someRule);
      }
  });
});

describe("reopening: the routed team, or the author or the account's CSM when never routed", () => {
  const base: ReopenFacts = { role: "support", userId: "u1", status: "closed", team: null, authorId: "author", isAccountCsm: false };
  it.each<[string, Partial<ReopenFacts>, boolean | RegExp]>([
    ["routed to SIRT: SIRT", { team: "sirt", role: "sirt" }, true],
    ["routed to SIRT: Support (even its author)", { team: "sirt", role: "support", userId: "author" }, /Only SIRT/],
    ["routed to Support: Support", { team: "support", role: "support" }, true],
    ["routed to Support: the account's CSM", { team: "support", role: "csm", isAccountCsm: true }, /Only Support/],
    ["never routed: the author", { userId: "author" }, true],
    ["never routed: the account's CSM", { role: "csm", isAccountCsm: true }, true],
    ["never routed: another CSM", { role: "csm" }, /author or the account's CSM/],
    ["never routed: another Support agent", {}, /author or the account's CSM/],
    ["never routed: Legal", { role: "legal" }, /author or the account's CSM/],
    ["an open case", { status: "ineligible", userId: "author" }, /is open/],
  ])("%s", (_name, f, expected) => {
    const check = mayReopen({ ...base, ...f });
    if (expected === true) expect(check).toEqual({ ok: true });
    else expect(check.ok ? "" : check.reason).toMatch(expected as RegExp);
  });

  it.each<[CaseStatus | null, string | null, CaseStatus]>([
    ["shared", "support", "shared"],
    ["ineligible", null, "ineligible"],
    [null, "sirt", "in_progress"],
    [null, null, "ineligible"],
  ])("returns a case closed from %s (team %s) to %s", (before, team, to) => {
    expect(reopenedStatus({ statusBeforeClose: before, team })).toBe(to);
  });
});

describe("the duplicate link", () => {
  const target = { id: "other", reference: "IR-2026-0002", status: "accepted" as CaseStatus, chain: [] as string[] };
  it.each<[string, Parameters<typeof duplicateTargetProblem>[2], RegExp | null]>([
    ["another case the user sees", target, null],
    ["a case closed as a duplicate of a third case", { ...target, status: "closed", chain: ["third"] }, null],
    ["no such case, or one the user may not see", null, /^No case IR-2026-0002 that you can see\.$/],
    ["a draft", { ...target, status: "draft" }, /^No case IR-2026-0002 that you can see\.$/],
    ["itself", { ...target, id: "self" }, /itself/],
    ["a case that (through its chain) duplicates this one", { ...target, status: "closed", chain: ["third", "self"] }, /duplicate of this case/],
  ])("%s", (_name, t, expected) => {
    const problem = duplicateTargetProblem("self", "IR-2026-0002", t);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });
});
