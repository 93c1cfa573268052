import "server-only";
import { actorOf, recordActivity } from "@/lib/audit";
import type { SessionUser } from "@/lib/auth/session";
import { assertTransition, type CaseStatus } from "@/lib/cases/lifecycle";
import type { Tx } from "@/lib/db";
import type { ArtefactCase } from "./access";
import { caseStatusFor, type ArtefactStatus } from "./rules";

// Steps 8-9: the case follows its artefacts (in review, approved, back to work), by the case's transition table.

/** An upload (or a new redaction) puts the case's artefacts in review, by the transition table. */
export async function moveCaseToReview(tx: Tx, user: SessionUser, c: Pick<ArtefactCase, "id" | "status" | "version">) {
  if (c.status === "artefacts_in_review") return;
  assertTransition(c.status as CaseStatus, "artefacts_in_review", user.role);
  // Conditional on the status read: of two uploads racing, one moves the case and logs it.
  const { count } = await tx.case.updateMany({ where: { id: c.id, status: c.status as CaseStatus }, data: { status: "artefacts_in_review", version: { increment: 1 } } });
  if (!count) return;
  await recordActivity(tx, { actor: actorOf(user), action: "case.artefactsInReview", entityType: "Case", entityId: c.id, caseId: c.id, before: { status: c.status }, after: { status: "artefacts_in_review" } });
}

/** Moves the case with its artefacts (review <-> approved), by the transition table. */
export async function settleCase(tx: Tx, user: SessionUser, c: Pick<ArtefactCase, "id" | "status">) {
  const statuses = (await tx.artefact.findMany({ where: { caseId: c.id }, select: { status: true } })).map((a) => a.status as ArtefactStatus);
  const next = caseStatusFor(c.status, statuses);
  if (!next) return c.status;
  assertTransition(c.status as CaseStatus, next, user.role);
  const { count } = await tx.case.updateMany({ where: { id: c.id, status: c.status as CaseStatus }, data: { status: next, version: { increment: 1 } } });
  if (!count) return c.status;
  await recordActivity(tx, { actor: actorOf(user), action: next === "approved" ? "case.artefactsApproved" : "case.artefactsInReview", entityType: "Case", entityId: c.id, caseId: c.id, before: { status: c.status }, after: { status: next } });
  return next;
}
