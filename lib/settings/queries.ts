import "server-only";
// Reads of the settings versions. No session or Next imports: the redaction worker, which starts
// before Next, reads the current settings through here.
import { z } from "zod";
import type { PrismaClient } from "@/generated/prisma/client";
import type { Tx } from "@/lib/db";
import { DEFAULT_POLICY } from "@/lib/workflow";
import { DEFAULT_RETENTION_DAYS } from "@/lib/retention/rules";
import { diffSettings, POLICY_FIELDS, type PolicyField, type PolicyValues, type SettingsChange, type SettingsValues } from "./rules";

type Client = Tx | PrismaClient;

/** The settings in force: the highest version. */
export interface CurrentSettings extends SettingsValues {
  version: number;
  createdAt: Date;
  createdById: string | null;
  note: string;
}

export const DEFAULT_POLICY_VALUES: PolicyValues = Object.freeze({
  ...(Object.fromEntries(POLICY_FIELDS.filter((f) => f !== "retentionDays").map((f) => [f, DEFAULT_POLICY[f as Exclude<PolicyField, "retentionDays">]])) as Omit<PolicyValues, "retentionDays">),
  retentionDays: DEFAULT_RETENTION_DAYS,
});

const ZStoredHosts = z.array(z.string());
const ZStoredPolicy = z.object(Object.fromEntries(POLICY_FIELDS.map((f) => [f, z.number().finite().min(0).optional()])) as Record<(typeof POLICY_FIELDS)[number], z.ZodOptional<z.ZodNumber>>);

const SELECT = { version: true, internalHosts: true, productHosts: true, policy: true, createdAt: true, createdById: true, note: true } as const;
type Row = { version: number; internalHosts: unknown; productHosts: unknown; policy: unknown; createdAt: Date; createdById: string | null; note: string };

/**
 * A stored version as values. A row that does not hold host lists and policy numbers was written
 * behind the portal's back: that is a misconfiguration and throws, naming the version, rather than
 * redact or evaluate with values nobody set.
 */
export function settingsOf(row: Row): CurrentSettings {
  const internal = ZStoredHosts.safeParse(row.internalHosts);
  const product = ZStoredHosts.safeParse(row.productHosts);
  const policy = ZStoredPolicy.safeParse(row.policy ?? {});
  if (!internal.success || !product.success || !policy.success) {
    throw new Error(`Settings version ${row.version} is not valid: it must hold two lists of host names and the policy values.`);
  }
  const values = { ...DEFAULT_POLICY_VALUES };
  for (const f of POLICY_FIELDS) if (policy.data[f] !== undefined) values[f] = policy.data[f]!;
  if (!Number.isInteger(values.maxWindowMonths)) throw new Error(`Settings version ${row.version} is not valid: maxWindowMonths must be a whole number.`);
  return {
    version: row.version,
    internalHosts: internal.data,
    productHosts: product.data,
    policy: values,
    createdAt: row.createdAt,
    createdById: row.createdById,
    note: row.note,
  };
}

/** The settings in force, or null when no version has been written yet (ensureSettings writes version 1). */
export async function findCurrentSettings(client: Client): Promise<CurrentSettings | null> {
  const row = await client.settingsVersion.findFirst({ orderBy: { version: "desc" }, select: SELECT });
  return row ? settingsOf(row) : null;
}

export async function findSettingsVersion(client: Client, version: number): Promise<CurrentSettings | null> {
  const row = await client.settingsVersion.findUnique({ where: { version }, select: SELECT });
  return row ? settingsOf(row) : null;
}

/** The highest version number, or 0 (cheap: the primary key). */
export async function currentSettingsVersion(client: Client): Promise<number> {
  const row = await client.settingsVersion.findFirst({ orderBy: { version: "desc" }, select: { version: true } });
  return row?.version ?? 0;
}

export interface SettingsHistoryEntry {
  version: number;
  createdAt: Date;
  /** The Admin's name; null when the system wrote it (first defaults, demo defaults). */
  by: string | null;
  note: string;
  change: SettingsChange;
  /** Version 1 has nothing before it. */
  isFirst: boolean;
  values: SettingsValues;
}

export const HISTORY_PAGE_SIZE = 10;

/** Versions newest first, a page at a time, each with what it changed from the one before. */
export async function settingsHistory(client: Client, page = 1): Promise<{ rows: SettingsHistoryEntry[]; total: number; page: number; pageSize: number }> {
  const total = await client.settingsVersion.count();
  const pages = Math.max(1, Math.ceil(total / HISTORY_PAGE_SIZE));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  // One more than the page: the version before the page's last row, to diff against.
  const rows = (await client.settingsVersion.findMany({ orderBy: { version: "desc" }, skip: (current - 1) * HISTORY_PAGE_SIZE, take: HISTORY_PAGE_SIZE + 1, select: SELECT })).map(settingsOf);
  const ids = [...new Set(rows.map((r) => r.createdById).filter((id): id is string => !!id))];
  const names = new Map((ids.length ? await client.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }) : []).map((u) => [u.id, u.name]));
  const entries = rows.slice(0, HISTORY_PAGE_SIZE).map((r, i) => {
    const before = rows[i + 1] ?? null;
    return {
      version: r.version,
      createdAt: r.createdAt,
      by: r.createdById ? (names.get(r.createdById) ?? "a former staff member") : null,
      note: r.note,
      change: diffSettings(before, r),
      isFirst: r.version === 1 || !before,
      values: { internalHosts: r.internalHosts, productHosts: r.productHosts, policy: r.policy },
    };
  });
  return { rows: entries, total, page: current, pageSize: HISTORY_PAGE_SIZE };
}
