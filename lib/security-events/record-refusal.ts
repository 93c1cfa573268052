import "server-only";
import { isAppError } from "@/lib/errors";
import { recordSecurityEvent } from "./record-security-event";

/**
 * Records a refusal (FORBIDDEN from the permission table, NOT_FOUND from a
 * guard that scopes reads) as a security event: who, from where, what they
 * tried. Other errors are not refusals and are ignored. The caller is looked
 * up again only here, on the refusal path.
 */
export async function recordRefusal(err: unknown, target: string, actor?: { id: string; email?: string | null } | null, detail?: Record<string, unknown>): Promise<void> {
  if (!isAppError(err) || (err.code !== "FORBIDDEN" && err.code !== "NOT_FOUND")) return;
  let who = actor ?? null;
  if (!who && !detail?.token) {
    try {
      const { currentUser } = await import("@/lib/auth/session");
      who = await currentUser();
    } catch {
      who = null;
    }
  }
  await recordSecurityEvent({ kind: "refused", actorId: who?.id ?? null, email: who?.email ?? null, target, outcome: err.code, detail });
}
