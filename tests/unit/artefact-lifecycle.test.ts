// The artefact lifecycle table (lib/artefacts/lifecycle.ts): which status may follow which, and who may cause it.
import { describe, expect, it } from "vitest";
import { ARTEFACT_STATUSES, ARTEFACT_TRANSITIONS, assertArtefactTransition, canArtefactTransition, type ArtefactActor } from "@/lib/artefacts/lifecycle";
import type { ArtefactStatus } from "@/lib/artefacts/rules";

describe("artefact lifecycle", () => {
  it.each<[ArtefactStatus, ArtefactStatus, ArtefactActor, boolean]>([
    // the redaction job
    ["processing", "in_review", "system", true],
    ["processing", "failed", "system", true],
    ["processing", "in_review", "sirt", false], // only the job finishes a redaction
    ["failed", "in_review", "system", false],
    // Security and Legal decide
    ["in_review", "approved", "sirt", true],
    ["in_review", "rejected", "legal", true],
    ["approved", "rejected", "legal", true], // a later rejection replaces an approval
    ["rejected", "approved", "sirt", true],
    ["rejected", "in_review", "legal", true], // the rejection replaced by an approval: waiting for the other
    ["in_review", "approved", "support", false], // Support never approves
    ["in_review", "approved", "csm", false],
    ["processing", "approved", "legal", false], // not ready for review yet
    ["shared", "rejected", "legal", false], // approvals of a released file are final
    ["withdrawn", "approved", "sirt", false],
    // the case's team redacts again
    ["rejected", "processing", "support", true],
    ["approved", "processing", "sirt", true], // new settings: both approvals are voided
    ["failed", "processing", "sirt", true],
    ["processing", "processing", "sirt", true], // a stuck run started again
    ["shared", "processing", "sirt", false],
    ["withdrawn", "processing", "support", false],
    ["rejected", "processing", "legal", false],
    ["rejected", "processing", "csm", false],
    // the team withdraws
    ["rejected", "withdrawn", "sirt", true],
    ["failed", "withdrawn", "support", true],
    ["approved", "withdrawn", "sirt", true],
    ["shared", "withdrawn", "sirt", false], // a released file stays on the record
    ["withdrawn", "withdrawn", "sirt", false],
    ["rejected", "withdrawn", "legal", false],
    // Support or the CSM share
    ["approved", "shared", "csm", true],
    ["approved", "shared", "support", true],
    ["shared", "shared", "csm", true], // shared again, to another recipient
    ["approved", "shared", "sirt", false], // SIRT never hands anything to the customer
    ["in_review", "shared", "support", false],
    ["rejected", "shared", "csm", false],
  ])("%s -> %s by %s: %s", (from, to, by, allowed) => {
    expect(canArtefactTransition(from, to, by)).toBe(allowed);
    if (allowed) expect(() => assertArtefactTransition(from, to, by)).not.toThrow();
    else expect(() => assertArtefactTransition(from, to, by)).toThrow(/cannot become/);
  });

  it("every rule names statuses that exist, and every status is reachable", () => {
    const reached = new Set<ArtefactStatus>(["processing"]); // an upload starts there
    for (const rule of ARTEFACT_TRANSITIONS) {
      for (const s of [...rule.from, ...rule.to]) expect(ARTEFACT_STATUSES).toContain(s);
      rule.to.forEach((s) => reached.add(s));
    }
    expect([...reached].sort()).toEqual([...ARTEFACT_STATUSES].sort());
  });

  it.each<[string | Partial<Record<ArtefactStatus, string>>, string]>([
    [{ shared: "This artefact was already shared; upload a new extract instead." }, "This artefact was already shared; upload a new extract instead."],
    ["Only an artefact approved by both Security and Legal can be shared.", "Only an artefact approved by both Security and Legal can be shared."],
    [{ withdrawn: "not this one" }, "An artefact that is shared cannot become being redacted by a sirt action."],
  ])("a refusal says the operation's own message when it has one (%#)", (refusals, message) => {
    expect(() => assertArtefactTransition("shared", "processing", "sirt", refusals)).toThrow(message);
  });
});
