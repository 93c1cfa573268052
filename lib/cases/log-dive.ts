import "server-only";
import { actorOf, recordActivity } from "@/lib/audit";
import type { SessionUser } from "@/lib/auth/session";
import type { PrismaClient } from "@/generated/prisma/client";
import type { Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { updateCaseAtVersion } from "./concurrency";
import { assertTransition } from "./lifecycle";
import { mayStartLogDive, type ChecklistState } from "./verification-rules";

// Step 6 starts only after step 5: the gate every start of the log-dive goes through (the routed
// team's first finding, lib/timeline/service.ts; an upload, lib/artefacts/upload-artefact.ts).

/** The case's step-5 checklist: which items are ticked, and whether a team lead overrode it. */
export async function readChecklist(tx: Tx | PrismaClient, caseId: string): Promise<ChecklistState> {
  const [ticks, override] = await Promise.all([
    tx.verificationTick.findMany({ where: { caseId }, select: { item: true } }),
    tx.verificationOverride.findUnique({ where: { caseId }, select: { caseId: true } }),
  ]);
  return { ticked: ticks.map((t) => t.item), overridden: override !== null };
}

/** Refuses (INVALID_STATE, naming the unticked items) unless the checklist is complete or overridden. Call it with the case locked. */
export async function assertLogDiveMayStart(tx: Tx | PrismaClient, caseId: string): Promise<void> {
  const gate = mayStartLogDive(await readChecklist(tx, caseId));
  if (!gate.ok) throw new AppError("INVALID_STATE", gate.message);
}

/**
 * The routed team starts the log-dive: accepted -> in_progress (by the transition table), once the
 * checklist allows it; a case nobody was assigned to is assigned to the person who started it.
 * Runs inside the caller's transaction, with the case locked at `c.version`.
 */
export async function startLogDive(tx: Tx, user: SessionUser, c: { id: string; status: string; version: number }, meta: { entryId: string }): Promise<void> {
  await assertLogDiveMayStart(tx, c.id);
  assertTransition("accepted", "in_progress", user.role);
  const { assigneeId } = await tx.case.findUniqueOrThrow({ where: { id: c.id }, select: { assigneeId: true } });
  const assign = assigneeId === null;
  // logDiveDone: never unset; such a case closes only with its Audit Events gap record (step 10).
  await updateCaseAtVersion(tx, c.id, c.version, { status: "in_progress", logDiveDone: true, ...(assign ? { assigneeId: user.id } : {}) });
  await recordActivity(tx, { actor: actorOf(user), action: "case.startWork", entityType: "Case", entityId: c.id, caseId: c.id, before: { status: c.status }, after: { status: "in_progress" }, meta });
  if (assign) {
    await recordActivity(tx, { actor: actorOf(user), action: "case.assign", entityType: "Case", entityId: c.id, caseId: c.id, before: { assigneeId: null }, after: { assigneeId: user.id }, meta: { why: "started the log-dive" } });
  }
}
