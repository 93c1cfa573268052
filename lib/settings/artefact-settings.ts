import "server-only";
import { loadArtefact } from "@/lib/artefacts/access";
import { canUpload, type Team } from "@/lib/artefacts/rules";
import { authorize, type SessionUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import type { Prisma } from "@/generated/prisma/client";
import { visibleCasesWhere } from "@/lib/cases/visibility";
import { db } from "@/lib/db";
import { getCurrentSettings } from "./current-settings";
import { findSettingsVersion, type CurrentSettings } from "./queries";
import { describeChange, diffSettings, REDACT_WITH_NEW_SETTINGS_STATUSES, releaseSettingsWarning } from "./rules";

export { REDACT_WITH_NEW_SETTINGS_STATUSES };

export interface ArtefactSettingsState {
  artefactId: string;
  /** The artefact's version, for the optimistic check of "redact again". */
  version: number;
  status: string;
  /** The settings version its current redaction ran with (null: before settings were versioned, or still running). */
  usedVersion: number | null;
  currentVersion: number;
  /** A newer version changed the host lists the redaction uses. */
  hostsChanged: boolean;
  /** What changed in the host lists since the version it used, in plain words. */
  changes: string[];
  /** Whether this user may run "Redact again with the new settings" now. */
  canRedactAgain: boolean;
  /** It is approved (not yet shared): redacting again voids both approvals. */
  voidsApprovals: boolean;
}

/**
 * Which settings version an artefact's redaction used and whether a newer one changes what the
 * redaction does (the host lists; policy values do not redact). Scoped like the artefact: a case
 * the user may not see is not found.
 */
export async function artefactSettingsState(user: SessionUser, artefactId: string): Promise<ArtefactSettingsState> {
  authorize(user, "artefact.read");
  const { artefact: a, kase } = await loadArtefact(db(), user, artefactId);
  const row = await db().artefact.findUniqueOrThrow({ where: { id: a.id }, select: { settingsVersion: true } });
  const current = await getCurrentSettings();
  const used = row.settingsVersion;
  let changes: string[] = [];
  if (used !== null && used < current.version) {
    const before = await findSettingsVersion(db(), used);
    const d = diffSettings(before, current);
    changes = describeChange({ ...d, policy: [] });
  } else if (used === null && ["in_review", "rejected", "approved", "shared"].includes(a.status)) {
    changes = ["This redaction ran before its settings version was recorded."];
  }
  const hostsChanged = changes.length > 0;
  const canRedactAgain =
    hostsChanged &&
    can(user.role, "artefact.redact") &&
    canUpload(user.role, kase.team as Team | null) &&
    kase.status !== "closed" &&
    (REDACT_WITH_NEW_SETTINGS_STATUSES as readonly string[]).includes(a.status);
  return { artefactId: a.id, version: a.version, status: a.status, usedVersion: used, currentVersion: current.version, hostsChanged, changes, canRedactAgain, voidsApprovals: a.status === "approved" };
}

/**
 * For the case page's share forms: each approved artefact of the case whose redaction ran with host
 * lists that a newer settings version changed, with the warning to show ("Redacted with settings
 * v3; v5 (in force) added .x: consider redacting again before release."). Scoped like the case: a
 * case the user may not see has none.
 */
export async function releaseSettingsWarnings(user: SessionUser, caseId: string): Promise<Record<string, string>> {
  return warningsOf(user, { caseId, case: visibleCasesWhere(user) });
}

/**
 * releaseSettingsWarnings for the artefacts the case page already read (artefactsOfCase, scoped by
 * the case guard): no second read of them, and no read at all when none is approved (issue 15).
 */
export async function releaseWarningsOfArtefacts(user: SessionUser, artefacts: readonly { id: string; status: string; settingsVersion: number | null }[]): Promise<Record<string, string>> {
  if (user.role === "admin") return {};
  authorize(user, "artefact.read");
  const approved = artefacts.filter((a) => a.status === "approved" && a.settingsVersion !== null);
  if (approved.length === 0) return {};
  const current = await getCurrentSettings();
  return warningsFor(
    approved.filter((a) => a.settingsVersion! < current.version),
    current,
  );
}

async function warningsOf(user: SessionUser, where: Prisma.ArtefactWhereInput): Promise<Record<string, string>> {
  if (user.role === "admin") return {};
  authorize(user, "artefact.read");
  const current = await getCurrentSettings();
  const rows = await db().artefact.findMany({
    where: { ...where, status: "approved", settingsVersion: { lt: current.version } },
    select: { id: true, settingsVersion: true },
  });
  return warningsFor(rows, current);
}

/** The warning for each approved artefact redacted with an older settings version whose host lists changed since. */
async function warningsFor(rows: readonly { id: string; settingsVersion: number | null }[], current: CurrentSettings): Promise<Record<string, string>> {
  const versions = new Map<number, CurrentSettings | null>();
  const out: Record<string, string> = {};
  for (const r of rows) {
    const v = r.settingsVersion!;
    if (!versions.has(v)) versions.set(v, await findSettingsVersion(db(), v));
    const used = versions.get(v);
    const warning = used ? releaseSettingsWarning(used, current) : null;
    if (warning) out[r.id] = warning;
  }
  return out;
}
