import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { Tx } from "@/lib/db";

/** Who did something: a staff member, an API token, or the system itself. */
export type Actor =
  | { kind: "user"; id: string; role: string }
  | { kind: "token"; id: string }
  | { kind: "system" };

export interface ActivityInput {
  actor: Actor;
  action: string; // "case.submit", "user.deactivate", ...
  entityType: string;
  entityId: string;
  caseId?: string | null;
  before?: unknown;
  after?: unknown;
  meta?: unknown;
}

const json = (v: unknown) => (v === undefined ? undefined : (JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue));

/**
 * Writes one activity-log entry. Takes the transaction of the change it
 * describes, so the entry and the change commit or roll back together.
 */
export async function recordActivity(tx: Tx, input: ActivityInput): Promise<void> {
  await tx.activityLog.create({
    data: {
      actorId: input.actor.kind === "system" ? null : input.actor.id,
      actorRole: input.actor.kind === "user" ? input.actor.role : input.actor.kind,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId,
      caseId: input.caseId ?? null,
      before: json(input.before),
      after: json(input.after),
      meta: json(input.meta),
    },
  });
}

export const SYSTEM: Actor = { kind: "system" };

/** The actor of a signed-in staff member's session (or any user row with its role). */
export function actorOf(user: { id: string; role: string }): Actor {
  return { kind: "user", id: user.id, role: user.role };
}
