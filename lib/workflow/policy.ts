import type { CheckId, Policy } from "./types";

/** Names the rule set implemented in this module; bump it whenever a rule's meaning changes. */
export const RULES_VERSION = "rules-1";

/** The checks in the fixed order in which every Decision lists them. */
export const CHECK_IDS: readonly CheckId[] = Object.freeze([
  "plan",
  "deployment",
  "ownership",
  "window",
  "log-source",
  "resources",
  "event-types",
] as const);

/** Checks that a Legal exception can lift (process step 4). Any other waived id is ignored. */
export const WAIVABLE_CHECKS: readonly CheckId[] = Object.freeze(["plan"] as const);

/** The policy of the process document. Frozen so no caller can change the defaults for everyone. */
export const DEFAULT_POLICY: Policy = Object.freeze({
  maxWindowMonths: 1,
  standardWindowDays: 7,
  maxResources: 20,
  maxEventTypes: 10,
  supportMaxResources: 5,
  waived: Object.freeze([]) as unknown as CheckId[],
});

const NUMERIC_FIELDS = [
  "maxWindowMonths",
  "standardWindowDays",
  "maxResources",
  "maxEventTypes",
  "supportMaxResources",
] as const;

/**
 * Overlays `overrides` on DEFAULT_POLICY field by field (an absent or undefined field keeps
 * the default) and keeps only the waivers that have an effect, sorted and without repeats.
 * A policy that cannot mean anything (a negative or non-finite number, a fractional number of
 * calendar months, a `waived` that is not a list) is a programming error and throws a RangeError;
 * business "no"s never throw.
 */
export function resolvePolicy(overrides: Partial<Policy> = {}): Policy {
  const policy: Policy = { ...DEFAULT_POLICY, waived: [] };
  for (const field of NUMERIC_FIELDS) {
    const value = overrides[field];
    if (value === undefined) continue;
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      throw new RangeError(`Policy ${field} must be a finite number >= 0, got ${String(value)}`);
    }
    policy[field] = value === 0 ? 0 : value; // -0 and 0 are the same policy
  }
  if (!Number.isInteger(policy.maxWindowMonths)) {
    throw new RangeError(
      `Policy maxWindowMonths must be a whole number of calendar months, got ${policy.maxWindowMonths}`,
    );
  }
  const waived = overrides.waived ?? DEFAULT_POLICY.waived;
  if (!Array.isArray(waived)) {
    throw new RangeError("Policy waived must be a list of check ids");
  }
  policy.waived = WAIVABLE_CHECKS.filter((id) => waived.includes(id));
  return policy;
}

/**
 * A deterministic name for the rules and the effective policy values, e.g.
 * `rules-1:window=1mo,standard=7d,resources=20,events=10,support=5,waived=none`.
 * Readable rather than hashed so an audit record shows what was applied; numbers never contain
 * `,` or `=`, so two different policies can never produce the same string.
 */
export function policyVersionOf(policy: Policy): string {
  const waived = WAIVABLE_CHECKS.filter((id) => policy.waived.includes(id));
  return (
    `${RULES_VERSION}:` +
    `window=${String(policy.maxWindowMonths)}mo,` +
    `standard=${String(policy.standardWindowDays)}d,` +
    `resources=${String(policy.maxResources)},` +
    `events=${String(policy.maxEventTypes)},` +
    `support=${String(policy.supportMaxResources)},` +
    `waived=${waived.length > 0 ? waived.join("+") : "none"}`
  );
}
