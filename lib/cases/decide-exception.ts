import "server-only";
import { actorOf, recordActivity } from "@/lib/audit";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { queueNotification } from "@/lib/outbox";
import { lockVisibleCase } from "./access";
import { updateCaseAtVersion } from "./concurrency";
import { CASE_FOR_EVALUATION, evaluateAndApply, type EvaluationOutcome } from "./evaluate-case";
import { closeLockedCase } from "./close-case";
import { assertTransition } from "./lifecycle";
import { formatDate } from "@/lib/format/datetime";
import { now } from "@/lib/clock";

/** Step 4: Legal grants (with a rationale and an expiry) or refuses; a grant re-evaluates with the plan check waived. */
export async function decideException(user: SessionUser, input: { exceptionId: string; grant: boolean; rationale: string; expiresAt: Date | null }) {
  return db().$transaction(async (tx) => {
    const ex = await tx.legalException.findUnique({ where: { id: input.exceptionId }, select: { id: true, caseId: true, status: true, requestedById: true } });
    if (!ex) throw notFound("That exception request");
    const c = await lockVisibleCase(tx, user, ex.caseId, CASE_FOR_EVALUATION);
    if (ex.status !== "requested" || c.status !== "legal_review") throw new AppError("INVALID_STATE", "This exception has already been decided.");
    await tx.legalException.update({
      where: { id: ex.id },
      data: { status: input.grant ? "granted" : "refused", rationale: input.rationale, expiresAt: input.grant ? input.expiresAt : null, decidedById: user.id, decidedAt: now() },
    });
    await recordActivity(tx, { actor: actorOf(user), action: input.grant ? "exception.grant" : "exception.refuse", entityType: "LegalException", entityId: ex.id, caseId: c.id, after: { rationale: input.rationale, expiresAt: input.expiresAt } });
    const requester = await tx.user.findUnique({ where: { id: ex.requestedById }, select: { email: true } });
    let outcome: EvaluationOutcome | null = null;
    let closed = false;
    if (input.grant) {
      outcome = await evaluateAndApply(tx, user, c, c.version, "exception-granted");
    } else {
      // The refusal ends the case (DESIGN "Closing"): closed as refused, through the closing rules,
      // with Legal's rationale as the resolution note; a reopen returns it to ineligible. A case
      // whose log-dive was done but has no gap record yet cannot close: it stays ineligible (open)
      // until the gap is recorded and its team closes it.
      const gap = await tx.case.findUniqueOrThrow({ where: { id: c.id }, select: { logDiveDone: true, gapRecord: { select: { id: true } } } });
      const note = `Legal refused the plan exception: ${input.rationale}`;
      if (gap.logDiveDone && !gap.gapRecord) {
        assertTransition("legal_review", "ineligible", user.role);
        await updateCaseAtVersion(tx, c.id, c.version, { status: "ineligible" });
      } else {
        await closeLockedCase(tx, user, c.id, c.version, { resolution: "refused", note, returnsTo: "ineligible", isRefusingException: true });
        closed = true;
      }
    }
    if (requester) {
      await queueNotification(tx, {
        kind: "exception.decided",
        to: requester.email,
        caseId: c.id,
        subject: `${c.reference}: plan exception ${input.grant ? "granted" : "refused"}`,
        body: input.grant
          ? `Legal granted the exception until ${formatDate(input.expiresAt)}. The case was evaluated again: ${outcome?.status.replace(/_/g, " ")}.\nRationale: ${input.rationale}`
          : `Legal refused the exception; the case is ${closed ? "closed as refused" : "ineligible (it closes once its Audit Events gap is recorded)"}.\nRationale: ${input.rationale}`,
      });
    }
    return { status: outcome?.status ?? (closed ? "closed" : "ineligible") };
  });
}
