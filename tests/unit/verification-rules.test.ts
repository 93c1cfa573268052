import { describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/permissions";
import type { CaseStatus } from "@/lib/cases/lifecycle";
import { VERIFICATION_ITEMS } from "@/lib/cases/schemas";
import { mayOverrideChecklist, mayStartLogDive, missingVerificationItems, verificationComplete } from "@/lib/cases/verification-rules";

const ALL = VERIFICATION_ITEMS.map((i) => i.id);
const ALL_BUT = (...drop: string[]) => ALL.filter((i) => !drop.includes(i));

describe("verificationComplete", () => {
  it.each<[string, string[], boolean]>([
    ["nothing ticked", [], false],
    ["all six", ALL, true],
    ["five of six", ALL_BUT("plan"), false],
    ["all six, in another order", [...ALL].reverse(), true],
    ["an unknown item does not count", [...ALL_BUT("scope"), "something-else"], false],
  ])("%s", (_, ticked, complete) => {
    expect(verificationComplete(ticked)).toBe(complete);
  });

  it("names the missing items in the checklist's order", () => {
    expect(missingVerificationItems(["plan", "identity"]).map((i) => i.id)).toEqual(["ownership", "scope", "audit-events", "no-customer-access"]);
  });
});

describe("mayStartLogDive", () => {
  it.each<[string, string[], boolean, ReturnType<typeof mayStartLogDive>["ok"], string | null]>([
    ["complete", ALL, false, true, null],
    ["complete and overridden (the ticks speak first)", ALL, true, true, null],
    ["incomplete but overridden by a team lead", ["identity"], true, true, null],
    ["nothing ticked", [], false, false, "6 of 6 items are not ticked: requester identity, resource ownership, plan, narrow scope, Audit Events checked first, customer not added."],
    ["two missing", ALL_BUT("plan", "audit-events"), false, false, "2 of 6 items are not ticked: plan, Audit Events checked first."],
    ["one missing", ALL_BUT("no-customer-access"), false, false, "1 of 6 items is not ticked: customer not added."],
  ])("%s", (_, ticked, overridden, ok, names) => {
    const gate = mayStartLogDive({ ticked, overridden });
    expect(gate.ok).toBe(ok);
    if (!gate.ok) {
      expect(gate.message).toMatch(/^Complete the verification checklist \(step 5\) first: /);
      expect(gate.message).toContain(names!);
      expect(gate.message).toMatch(/A team lead may override it with a reason\.$/);
    } else {
      expect(gate.via).toBe(verificationComplete(ticked) ? "checklist" : "override");
    }
  });
});

describe("mayOverrideChecklist", () => {
  const base = { ticked: ["identity"], overridden: false, role: "sirt" as Role, teamLead: true, caseTeam: "sirt" as string | null, status: "accepted" as CaseStatus };
  it.each<[string, Partial<typeof base>, true | "FORBIDDEN" | "INVALID_STATE", RegExp | null]>([
    ["a SIRT team lead on an accepted SIRT case", {}, true, null],
    ["a Support team lead on an accepted Support case", { role: "support", caseTeam: "support" }, true, null],
    ["a team lead on a case in progress", { status: "in_progress" }, true, null],
    ["a team lead once artefacts are in review", { status: "artefacts_in_review" }, true, null],
    ["a SIRT member who is not team lead", { teamLead: false }, "FORBIDDEN", /Only a team lead/],
    ["a CSM (never a team lead)", { role: "csm", caseTeam: "support" }, "FORBIDDEN", /Only a team lead/],
    ["a Legal member flagged by mistake", { role: "legal" }, "FORBIDDEN", /Only a team lead/],
    ["a Support team lead on a SIRT case", { role: "support" }, "FORBIDDEN", /team lead of SIRT/],
    ["a case not routed to a team", { caseTeam: null }, "FORBIDDEN", /not routed/],
    ["a closed case", { status: "closed" }, "INVALID_STATE", /closed/],
    ["a case sent back for re-scope", { status: "rescope" }, "INVALID_STATE", /rescope/],
    ["a case already overridden", { overridden: true }, "INVALID_STATE", /already overridden/],
    ["a complete checklist", { ticked: ALL }, "INVALID_STATE", /nothing to override/],
  ])("%s", (_, patch, expected, message) => {
    const r = mayOverrideChecklist({ ...base, ...patch });
    if (expected === true) expect(r).toEqual({ ok: true });
    else {
      expect(r).toMatchObject({ ok: false, code: expected });
      if (!r.ok) expect(r.message).toMatch(message!);
    }
  });
});
