import "server-only";
import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import { recordActivity, SYSTEM } from "@/lib/audit";
import type { Tx } from "@/lib/db";
import { logger } from "@/lib/logger";
import { DEFAULT_POLICY_VALUES, findCurrentSettings, type CurrentSettings } from "./queries";
import { hostProblem, normalizeHost, POLICY_FIELDS, policyProblem, productHostProblem, type PolicyValues } from "./rules";

/** The Setting row that held the Admin's policy override before settings were versioned. */
export const LEGACY_POLICY_SETTING_KEY = "policy";

/** What version 1 is written from: the environment's host lists (lib/env.ts). */
export interface FirstDefaults {
  internalHosts: string[];
  productHosts: string[];
}

const unique = (values: string[]) => [...new Set(values.map(normalizeHost).filter(Boolean))];

/**
 * The legacy `policy` Setting row over the defaults, field by field. A field that is not a valid
 * value (out of range, not a number) is left at its default and named in the result, so a start
 * never fails on it and the log says what was not carried over.
 */
async function legacyPolicy(tx: Tx): Promise<{ policy: PolicyValues; ignored: string[]; found: boolean }> {
  const row = await tx.setting.findUnique({ where: { key: LEGACY_POLICY_SETTING_KEY }, select: { value: true } });
  const policy = { ...DEFAULT_POLICY_VALUES };
  const ignored: string[] = [];
  const value = row?.value;
  if (!value || typeof value !== "object" || Array.isArray(value)) return { policy, ignored, found: !!row };
  const stored = value as Record<string, unknown>;
  for (const f of POLICY_FIELDS) {
    if (stored[f] === undefined) continue;
    if (policyProblem(f, stored[f]) === null) policy[f] = stored[f] as number;
    else ignored.push(f);
  }
  if (policy.supportMaxResources > policy.maxResources) {
    policy.supportMaxResources = Math.min(DEFAULT_POLICY_VALUES.supportMaxResources, policy.maxResources);
    ignored.push("supportMaxResources");
  }
  return { policy, ignored, found: true };
}

/**
 * Writes version 1, by the system, from the environment's host lists and the legacy `policy`
 * setting, with its activity-log entry, inside the caller's transaction. Does nothing when a
 * version exists.
 */
export async function writeFirstVersion(tx: Tx, defaults: FirstDefaults): Promise<void> {
  if (await tx.settingsVersion.findFirst({ select: { version: true } })) return;
  const { policy, ignored, found } = await legacyPolicy(tx);
  const internalHosts = unique(defaults.internalHosts);
  const productHosts = unique(defaults.productHosts);
  // Kept as configured (dropping one would redact less), but said, so an Admin fixes it in Settings.
  const doubtful = [...internalHosts.filter((h) => hostProblem(h, "suffix") ?? productHostProblem(h, productHosts)), ...productHosts.filter((h) => hostProblem(h, "host"))];
  if (doubtful.length) logger.warn("settings: the environment's host lists hold entries Admin -> Settings will ask to correct", { doubtful });
  if (ignored.length) logger.warn("settings: values of the old policy setting were out of range and were not carried over", { ignored });
  const note = `First defaults: host lists from the environment, ${found ? "policy values from the previous policy setting" : "the process document's policy values"}.`;
  await tx.settingsVersion.create({
    data: { version: 1, internalHosts, productHosts, policy: policy as unknown as Prisma.InputJsonValue, createdById: null, note },
    select: { version: true },
  });
  await recordActivity(tx, {
    actor: SYSTEM,
    action: "settings.firstDefaults",
    entityType: "SettingsVersion",
    entityId: "1",
    after: { version: 1, internalHosts, productHosts, policy },
    meta: { from: "environment", legacyPolicy: found, ignored, doubtful },
  });
}

/**
 * Makes sure a settings version is in force (writeFirstVersion when none exists). Idempotent and
 * safe when several instances start at once (the version number is the primary key). Returns the
 * settings in force.
 */
export async function ensureSettings(prisma: PrismaClient, defaults: FirstDefaults): Promise<CurrentSettings> {
  const existing = await findCurrentSettings(prisma);
  if (existing) return existing;
  try {
    await prisma.$transaction((tx) => writeFirstVersion(tx, defaults));
  } catch (err) {
    // Another instance wrote version 1 first.
    if ((err as { code?: string }).code !== "P2002") throw err;
  }
  const settings = await findCurrentSettings(prisma);
  if (!settings) throw new Error("Settings version 1 could not be written.");
  return settings;
}
