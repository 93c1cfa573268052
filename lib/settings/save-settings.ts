import "server-only";
import { fieldErrorsOf } from "@/lib/action-errors";
import { authorize, type SessionUser } from "@/lib/auth/session";
import { db, type Tx } from "@/lib/db";
import { AppError, conflict } from "@/lib/errors";
import { getCurrentSettings } from "./current-settings";
import type { CurrentSettings } from "./queries";
import { appendSettingsVersion, type SavedSettings } from "./append-version";
import { diffSettings, isEmptyChange } from "./rules";
import { ZSaveSettingsInput } from "./schemas";
import { formatDateTime } from "@/lib/format/datetime";

export type { SavedSettings };


/** "Version 5 was saved by Ada at ... while you edited version 4": what a stale form is told. */
async function staleMessage(tx: Tx, current: CurrentSettings, base: number): Promise<string> {
  const by = current.createdById ? ((await tx.user.findUnique({ where: { id: current.createdById }, select: { name: true } }))?.name ?? "another Admin") : "the system";
  return `The settings changed while you edited them: version ${current.version} was saved by ${by} at ${formatDateTime(current.createdAt)}, after the version ${base} you loaded. Reload the page to see it and make your change again; nothing was saved.`;
}

/**
 * Admin -> Settings, Save: a new version of the internal host suffixes, product hosts and policy
 * values, on top of the version the Admin edited (`baseVersion`); a stale form is a CONFLICT and
 * nothing is written. Invalid input is a VALIDATION error with a message per field; so is a save
 * that changes nothing. Only Admin (settings.manage). Policy changes apply to evaluations from now
 * on; open cases are not re-evaluated by this.
 */
export async function saveSettings(user: SessionUser, input: unknown): Promise<SavedSettings> {
  authorize(user, "settings.manage");
  const parsed = ZSaveSettingsInput.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "Please correct the highlighted fields; nothing was saved.", fieldErrorsOf(parsed.error));
  const { baseVersion, note, ...next } = parsed.data;
  try {
    return await db().$transaction(async (tx) => {
      const current = await getCurrentSettings(tx);
      if (current.version !== baseVersion) throw conflict(await staleMessage(tx, current, baseVersion));
      if (isEmptyChange(diffSettings(current, next))) {
        throw new AppError("VALIDATION", "Nothing changed: these are the settings in force. Change a host or a value first.", { _form: ["Nothing changed: these are the settings in force."] });
      }
      return appendSettingsVersion(tx, user, current, next, note);
    });
  } catch (err) {
    // Another Admin's save took the same version number first.
    if ((err as { code?: string }).code === "P2002") {
      const current = await getCurrentSettings();
      throw conflict(await staleMessage(db() as unknown as Tx, current, baseVersion));
    }
    throw err;
  }
}
