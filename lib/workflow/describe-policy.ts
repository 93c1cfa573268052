import { WAIVABLE_CHECKS } from "./policy";
import type { CheckId } from "./types";

const CHECK_WORDS: Record<CheckId, string> = {
  plan: "plan",
  deployment: "deployment",
  ownership: "ownership",
  window: "window",
  "log-source": "log source",
  resources: "resources",
  "event-types": "event types",
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * A stored decision's policy version (policyVersionOf, e.g.
 * `rules-1:window=1mo,standard=7d,resources=20,events=10,support=5,waived=none`) in words for the
 * people working the case: "Policy version 1: logs up to 1 month back; a window reaching more than
 * 7 days back takes longer and goes to SIRT; …". Pure. A string it cannot read is shown as it is, after "Policy".
 */
export function describePolicyVersion(policyVersion: string): string {
  const m = /^rules-(\d+):window=(\d+)mo,standard=(\d+)d,resources=(\d+),events=(\d+),support=(\d+),waived=([a-z+-]+)$/.exec(policyVersion);
  if (!m) return `Policy ${policyVersion}`;
  const [, rules, months, days, resources, events, support, waived] = m as unknown as [string, string, string, string, string, string, string, string];
  const lifted = waived === "none" ? [] : waived.split("+");
  if (lifted.some((id) => !(WAIVABLE_CHECKS as readonly string[]).includes(id))) return `Policy ${policyVersion}`;
  const waivedWords = lifted.length
    ? `${lifted.map((id) => CHECK_WORDS[id as CheckId]).join(" and ")} check waived by a Legal exception`
    : "no check waived";
  return (
    `Policy version ${rules}: ` +
    [
      `logs up to ${plural(Number(months), "month")} back`,
      `a window reaching more than ${plural(Number(days), "day")} back takes longer and goes to SIRT`,
      `at most ${plural(Number(resources), "resource")} and ${plural(Number(events), "event type")}`,
      `a request for more than ${plural(Number(support), "resource")} goes to SIRT`,
      waivedWords,
    ].join("; ") +
    "."
  );
}
