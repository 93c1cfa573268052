import "server-only";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError, conflict } from "@/lib/errors";
import { assertAccountUsable, lockVisibleCase } from "./access";
import { STALE_CASE } from "./concurrency";
import { CASE_FOR_EVALUATION, evaluateAndApply, type EvaluationOutcome } from "./evaluate-case";

/** Steps 2-3 and 5: submits a draft (or resubmits a case sent back for re-scope): evaluate, store the decision, route. */
export async function submitCase(user: SessionUser, input: { id: string; version: number }): Promise<EvaluationOutcome> {
  return db().$transaction(async (tx) => {
    const c = await lockVisibleCase(tx, user, input.id, CASE_FOR_EVALUATION);
    if (c.version !== input.version) throw conflict(c.status === "draft" ? STALE_CASE : "This case has already been submitted. Reload to see its decision.");
    if (c.status !== "draft" && c.status !== "rescope") throw new AppError("INVALID_STATE", "This case has already been submitted.");
    await assertAccountUsable(tx, user, c.accountId);
    return evaluateAndApply(tx, user, c, input.version, c.status === "draft" ? "submit" : "resubmit");
  });
}
