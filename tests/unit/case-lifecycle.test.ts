import { describe, expect, it } from "vitest";
import { assertTransition, canTransition, type CaseStatus } from "@/lib/cases/lifecycle";
import type { Role } from "@/lib/auth/permissions";

describe("case lifecycle", () => {
  it.each<[CaseStatus, CaseStatus, Role, boolean]>([
    ["draft", "accepted", "support", true],
    ["draft", "rescope", "csm", true],
    ["draft", "ineligible", "support", true],
    ["draft", "accepted", "sirt", false], // SIRT never files the request
    ["draft", "accepted", "legal", false],
    ["rescope", "accepted", "csm", true], // resubmitted, or cost accepted
    ["ineligible", "legal_review", "support", true],
    ["ineligible", "legal_review", "sirt", false],
    ["legal_review", "accepted", "legal", true],
    ["legal_review", "accepted", "support", false], // only Legal decides exceptions
    ["legal_review", "ineligible", "legal", true],
    ["accepted", "rescope", "sirt", true], // triage: needs re-scope
    ["accepted", "in_progress", "sirt", true],
    ["accepted", "in_progress", "csm", false],
    ["approved", "shared", "csm", true],
    ["approved", "shared", "sirt", false], // SIRT never hands anything to the customer
    ["draft", "closed", "support", false], // drafts are discarded, not closed
    ["in_progress", "closed", "sirt", true], // withdrawn or duplicate (closing-rules.ts)
    ["shared", "closed", "csm", true],
    ["ineligible", "closed", "legal", true], // referral handled
    ["in_progress", "closed", "legal", false],
    ["closed", "shared", "support", true], // reopening returns the case where it was
    ["closed", "ineligible", "csm", true],
    ["closed", "draft", "support", false],
    ["closed", "accepted", "legal", false],
  ])("%s -> %s by %s: %s", (from, to, role, allowed) => {
    expect(canTransition(from, to, role)).toBe(allowed);
    if (!allowed) expect(() => assertTransition(from, to, role)).toThrow(/cannot become/);
  });
});
