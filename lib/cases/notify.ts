import "server-only";
import type { Tx } from "@/lib/db";
import { queueNotification } from "@/lib/outbox";

/** Tells every active member of a role about a case, through the outbox of the caller's transaction. */
export async function notifyRole(tx: Tx, role: "legal" | "sirt", caseId: string, subject: string, body: string) {
  const people = await tx.user.findMany({ where: { role, active: true }, select: { email: true } });
  for (const p of people) await queueNotification(tx, { kind: `${role}.notice`, to: p.email, caseId, subject, body });
}
