"use server";

import { failure, type ActionResult } from "@/lib/action";
import { actorOf } from "@/lib/audit";
import { authorize, requireUser } from "@/lib/auth/session";
import { revokeAllSessions } from "@/lib/auth/sessions";

/** "Sign out everywhere": ends every session of the caller on the server (this browser's too); the page then clears its cookie. */
export async function signOutEverywhereAction(): Promise<ActionResult<{ sessionsEnded: number }>> {
  try {
    const user = await requireUser();
    authorize(user, "session.signOutEverywhere");
    return { ok: true, data: { sessionsEnded: await revokeAllSessions(actorOf(user), user.id) } };
  } catch (err) {
    return failure(err, "signOutEverywhere");
  }
}
