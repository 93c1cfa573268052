import "server-only";
import { recordActivity, type Actor } from "@/lib/audit";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";

/** Roles that have team leads: the two teams that do the log-dive. */
export const TEAM_LEAD_ROLES = ["support", "sirt"] as const;

export const isTeamLeadRole = (role: string): boolean => (TEAM_LEAD_ROLES as readonly string[]).includes(role);

/**
 * Admin makes a Support or SIRT member team lead, or unsets it. A team lead may override an
 * incomplete step-5 checklist (lib/cases/override-verification.ts), which reads the flag afresh.
 */
export async function setTeamLead(actor: Actor, userId: string, teamLead: boolean): Promise<void> {
  await db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, role: true, teamLead: true } });
    if (!user) throw notFound("That staff member");
    if (teamLead && !isTeamLeadRole(user.role)) throw new AppError("INVALID_STATE", "Only Support and SIRT members can be team leads.");
    if (user.teamLead === teamLead) return;
    await tx.user.update({ where: { id: userId }, data: { teamLead } });
    await recordActivity(tx, { actor, action: teamLead ? "user.setTeamLead" : "user.unsetTeamLead", entityType: "User", entityId: userId, before: { teamLead: user.teamLead }, after: { teamLead } });
  });
}
