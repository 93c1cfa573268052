import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { recordActivity, SYSTEM, type Actor } from "@/lib/audit";
import type { Tx } from "@/lib/db";
import type { CurrentSettings } from "./queries";
import { describeChange, diffSettings, type SettingsValues } from "./rules";

export interface SavedSettings {
  version: number;
  changes: string[];
}

/**
 * Appends the next settings version inside the caller's transaction, with its activity-log entry
 * (before and after, what changed, the note). `by` null: written by the system. The caller has
 * checked that `current` is still in force; should another write take the same number first, the
 * primary key refuses this one (P2002) and the transaction rolls back.
 */
export async function appendSettingsVersion(
  tx: Tx,
  by: { id: string; role: string } | null,
  current: CurrentSettings,
  next: SettingsValues,
  note: string,
  meta: Record<string, unknown> = {},
): Promise<SavedSettings> {
  const version = current.version + 1;
  const changes = describeChange(diffSettings(current, next));
  await tx.settingsVersion.create({
    data: {
      version,
      internalHosts: next.internalHosts,
      productHosts: next.productHosts,
      policy: next.policy as unknown as Prisma.InputJsonValue,
      createdById: by?.id ?? null,
      note,
    },
    select: { version: true },
  });
  const actor: Actor = by ? { kind: "user", id: by.id, role: by.role } : SYSTEM;
  await recordActivity(tx, {
    actor,
    action: "settings.save",
    entityType: "SettingsVersion",
    entityId: String(version),
    before: { version: current.version, internalHosts: current.internalHosts, productHosts: current.productHosts, policy: current.policy },
    after: { version, internalHosts: next.internalHosts, productHosts: next.productHosts, policy: next.policy },
    meta: { note, changes, ...meta },
  });
  return { version, changes };
}
