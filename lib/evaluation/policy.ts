import "server-only";
import type { Tx } from "@/lib/db";
import { db } from "@/lib/db";
import { getCurrentSettings } from "@/lib/settings/current-settings";
import { LEGACY_POLICY_SETTING_KEY } from "@/lib/settings/ensure-settings";
import type { PolicyValues } from "@/lib/settings/rules";
import { resolvePolicy, type Policy } from "@/lib/workflow";

/**
 * The Setting row that held the Admin's policy override before settings were versioned. Read once
 * more, into settings version 1 (lib/settings/ensure-settings.ts); evaluations no longer read it.
 */
export const POLICY_SETTING_KEY = LEGACY_POLICY_SETTING_KEY;

/** The policy values an Admin sets for everyone (Admin -> Settings). Never `waived`: that is a Legal exception for one case. */
export type TPolicyOverride = Partial<PolicyValues>;

/**
 * The policy values of the settings version in force (Admin -> Settings), as an override of
 * DEFAULT_POLICY for lib/workflow: intake, submit, re-evaluation on a scope change and the
 * helpdesk API all read it here. A stored version that is not a valid policy is a misconfiguration
 * and throws: evaluating with other values than the Admin set would be worse.
 */
export async function loadPolicyOverride(client: Tx = db()): Promise<Partial<Policy>> {
  // Retention is not an eligibility value: it stays out of the evaluation and its stored policy.
  const { retentionDays: _retention, ...policy } = (await getCurrentSettings(client)).policy;
  const override: Partial<Policy> = { ...policy };
  resolvePolicy(override); // throws now, naming the field, rather than on the first request
  return override;
}
