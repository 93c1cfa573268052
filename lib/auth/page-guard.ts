import "server-only";
import { notFound } from "next/navigation";
import { AppError, isAppError } from "@/lib/errors";
import { recordRefusal } from "@/lib/security-events/record-refusal";
import type { SessionUser } from "./session";

/**
 * For pages that load a record through a guard (the case guard, the artefact guard, an account):
 * a NOT_FOUND (it does not exist, or the user may not see it: the same answer on purpose) is
 * recorded as a security event naming the page and the id asked for, then answered with the 404
 * page. The one place a page's guard miss is recorded; actions and route handlers record theirs in
 * lib/action.ts and lib/http/route.ts.
 */
export async function orPageNotFound<T>(load: Promise<T>, user: SessionUser, target: string): Promise<T> {
  try {
    return await load;
  } catch (err) {
    if (isAppError(err) && err.code === "NOT_FOUND") await pageNotFound(user, target);
    throw err;
  }
}

/** Records the miss and answers the 404 page (for a check a page makes itself, e.g. an artefact of another case). */
export async function pageNotFound(user: SessionUser, target: string): Promise<never> {
  await recordRefusal(new AppError("NOT_FOUND", "not found"), `page:${target}`, user, { role: user.role });
  notFound();
}
