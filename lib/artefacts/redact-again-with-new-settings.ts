import "server-only";
import { authorize, type SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getCurrentSettings } from "@/lib/settings/current-settings";
import { findSettingsVersion } from "@/lib/settings/queries";
import { REDACT_WITH_NEW_SETTINGS_STATUSES, sameHostLists } from "@/lib/settings/rules";
import { loadArtefact } from "./access";
import type { StoredRedactionOptions } from "./job";
import { redactAgain } from "./redact-again";
import { canUpload, type Team } from "./rules";

/**
 * "Redact again with the new settings": the case's team re-runs an artefact in review, rejected, or
 * approved and not yet shared, with the options it has and the settings in force now, once a newer
 * settings version changed the host lists (a policy-only change redacts nothing differently, so it
 * is refused rather than void approvals for nothing). Goes through redactAgain, so earlier decisions
 * (both approvals of an approved artefact) are voided the same way and a redaction already running
 * refuses it.
 */
export async function redactAgainWithNewSettings(user: SessionUser, input: { artefactId: string; version: number }): Promise<{ revision: number; settingsVersion: number }> {
  authorize(user, "artefact.redact");
  const { artefact: a, kase } = await loadArtefact(db(), user, input.artefactId);
  // A reviewer who only reads the case (SIRT on Support's, issue 12 finding 3) learns nothing of its state here either.
  if (!canUpload(user.role, kase.team as Team | null)) throw new AppError("FORBIDDEN", "Only the team the case is routed to redacts its artefacts.");
  if (a.status === "processing") throw new AppError("INVALID_STATE", "Its redaction is still running; it uses the settings in force when it started. Wait for it to finish.");
  if (a.status === "shared") throw new AppError("INVALID_STATE", "This artefact was already shared; its released file stays as it was. Upload a new extract instead.");
  if (!(REDACT_WITH_NEW_SETTINGS_STATUSES as readonly string[]).includes(a.status)) {
    throw new AppError("INVALID_STATE", "Only an artefact in review, rejected, or approved and not yet shared is redacted again with new settings; upload a new extract instead.");
  }
  const used = a.settingsVersion;
  const current = await getCurrentSettings();
  if (used !== null && used >= current.version) throw new AppError("INVALID_STATE", `This artefact was already redacted with the settings in force (version ${current.version}).`);
  const before = used === null ? null : await findSettingsVersion(db(), used);
  if (before && sameHostLists(before, current)) {
    throw new AppError(
      "INVALID_STATE",
      `The settings in force (version ${current.version}) have the same internal host suffixes and product hosts as version ${used}, which this artefact was redacted with: the newer versions changed only policy values. A new redaction would give the same file and void its decisions for nothing; nothing was changed.`,
    );
  }
  const options = (a.redactionOptions ?? {}) as unknown as StoredRedactionOptions;
  const r = await redactAgain(
    user,
    { artefactId: a.id, version: input.version, dropOutsideWindow: options.dropOutsideWindow ?? true, dropOutsideScope: options.dropOutsideScope ?? true, disclosePersonalData: options.disclosePersonalData ?? false },
    { settingsVersion: current.version, why: "new settings" },
  );
  return { revision: r.revision, settingsVersion: current.version };
}
