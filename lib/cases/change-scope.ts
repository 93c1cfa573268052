import "server-only";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError, conflict } from "@/lib/errors";
import { findVisibleCase, lockVisibleCase } from "./access";
import { STALE_CASE, updateCaseAtVersion } from "./concurrency";
import { CASE_FOR_EVALUATION, evaluateAndApply, type EvaluationOutcome } from "./evaluate-case";
import { label, SCOPE_CHANGE_STATUSES } from "./lifecycle";
import { draftData } from "./rules";
import type { TCaseDraftInput } from "./schemas";

/** A change of scope after submission re-evaluates against the same requestedAt. */
export async function changeScope(user: SessionUser, input: { id: string; version: number; draft: TCaseDraftInput }): Promise<EvaluationOutcome> {
  return db().$transaction(async (tx) => {
    const c = await lockVisibleCase(tx, user, input.id, CASE_FOR_EVALUATION);
    if (!SCOPE_CHANGE_STATUSES.includes(c.status)) {
      throw new AppError("INVALID_STATE", `The scope of a case that is ${label(c.status)} cannot be changed.`);
    }
    if (c.version !== input.version) throw conflict(STALE_CASE);
    const { accountId: _ignored, ...scope } = input.draft;
    const version = await updateCaseAtVersion(tx, c.id, input.version, draftData({ ...scope, accountId: c.accountId }));
    const reloaded = await findVisibleCase(tx, user, c.id, CASE_FOR_EVALUATION);
    return evaluateAndApply(tx, user, reloaded, version, c.status === "rescope" ? "resubmit" : "scope-change");
  });
}
