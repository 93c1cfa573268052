import "server-only";
import { z } from "zod";
import type { Tx } from "@/lib/db";
import { db } from "@/lib/db";
import { resolvePolicy, type Policy } from "@/lib/workflow";

/** The Setting row that holds the Admin's policy override (a Partial<Policy>). */
export const POLICY_SETTING_KEY = "policy";

const count = z.number().finite().min(0);
/**
 * The fields an Admin may change for everyone. `waived` is deliberately not one of them: a
 * waiver is a Legal exception granted for one case (process step 4), never a global setting,
 * so a stored `waived` is ignored here.
 */
const ZPolicyOverride = z.object({
  maxWindowMonths: count.int().optional(),
  standardWindowDays: count.optional(),
  maxResources: count.optional(),
  maxEventTypes: count.optional(),
  supportMaxResources: count.optional(),
});
export type TPolicyOverride = z.infer<typeof ZPolicyOverride>;

/**
 * The stored override, or {} when there is none. A stored value that is not a valid policy is a
 * misconfiguration and throws: evaluating with other values than the Admin set would be worse.
 */
export async function loadPolicyOverride(client: Tx = db()): Promise<Partial<Policy>> {
  const row = await client.setting.findUnique({ where: { key: POLICY_SETTING_KEY }, select: { value: true } });
  if (!row || row.value === null) return {};
  const parsed = ZPolicyOverride.safeParse(row.value);
  if (!parsed.success) {
    throw new Error(`The stored "${POLICY_SETTING_KEY}" setting is not a valid policy: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  const override: Partial<Policy> = {};
  for (const [k, v] of Object.entries(parsed.data)) if (v !== undefined) (override as Record<string, number>)[k] = v;
  resolvePolicy(override); // throws now, naming the field, rather than on the first request
  return override;
}
