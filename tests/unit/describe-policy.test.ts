import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, policyVersionOf, resolvePolicy } from "@/lib/workflow";
import { describePolicyVersion } from "@/lib/workflow/describe-policy";

describe("the policy of a decision, in words", () => {
  it.each<[string, string]>([
    [
      "rules-1:window=1mo,standard=7d,resources=20,events=10,support=5,waived=none",
      "Policy version 1: logs up to 1 month back; a window reaching more than 7 days back takes longer and goes to SIRT; at most 20 resources and 10 event types; a request for more than 5 resources goes to SIRT; no check waived.",
    ],
    [
      "rules-1:window=2mo,standard=1d,resources=1,events=1,support=1,waived=plan",
      "Policy version 1: logs up to 2 months back; a window reaching more than 1 day back takes longer and goes to SIRT; at most 1 resource and 1 event type; a request for more than 1 resource goes to SIRT; plan check waived by a Legal exception.",
    ],
    [
      "rules-3:window=1mo,standard=0d,resources=0,events=0,support=0,waived=none",
      "Policy version 3: logs up to 1 month back; a window reaching more than 0 days back takes longer and goes to SIRT; at most 0 resources and 0 event types; a request for more than 0 resources goes to SIRT; no check waived.",
    ],
    // What it cannot read is shown as stored, never dropped.
    ["rules-2:window=1mo", "Policy rules-2:window=1mo"],
    ["rules-1:window=1mo,standard=7d,resources=20,events=10,support=5,waived=window", "Policy rules-1:window=1mo,standard=7d,resources=20,events=10,support=5,waived=window"],
    ["", "Policy "],
  ])("%s", (version, words) => expect(describePolicyVersion(version)).toBe(words));

  it("reads every policy policyVersionOf writes", () => {
    for (const p of [DEFAULT_POLICY, resolvePolicy({ maxWindowMonths: 3, waived: ["plan"] }), resolvePolicy({ maxResources: 100, supportMaxResources: 50 })]) {
      expect(describePolicyVersion(policyVersionOf(p))).toMatch(/^Policy version \d+: logs up to/);
    }
  });
});
