import "server-only";
import { actorOf, recordActivity } from "@/lib/audit";
import { authorize, type SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { lockVisibleCase } from "./access";
import type { CaseStatus } from "./lifecycle";
import { readChecklist } from "./log-dive";
import type { TOverrideVerification } from "./schemas";
import { mayOverrideChecklist, missingVerificationItems } from "./verification-rules";

/**
 * Step 5, overridden: a team lead of the routed team lets the log-dive start on an incomplete
 * checklist, with a reason. The override (who, when, why) is kept on the case and logged with
 * the items that were not ticked.
 */
export async function overrideVerification(user: SessionUser, input: TOverrideVerification): Promise<void> {
  authorize(user, "case.overrideChecklist");
  await db().$transaction(async (tx) => {
    const c = await lockVisibleCase(tx, user, input.id, { select: { id: true, status: true, team: true } });
    // The flag is read here, not from the session: an Admin's unset takes effect at once.
    const me = await tx.user.findUniqueOrThrow({ where: { id: user.id }, select: { teamLead: true } });
    const checklist = await readChecklist(tx, c.id);
    const check = mayOverrideChecklist({ ...checklist, role: user.role, teamLead: me.teamLead, caseTeam: c.team, status: c.status as CaseStatus });
    if (!check.ok) throw new AppError(check.code, check.message);
    const override = await tx.verificationOverride.create({ data: { caseId: c.id, reason: input.reason, overriddenById: user.id }, select: { overriddenAt: true } });
    await recordActivity(tx, {
      actor: actorOf(user),
      action: "verification.override",
      entityType: "Case",
      entityId: c.id,
      caseId: c.id,
      after: { reason: input.reason, overriddenAt: override.overriddenAt, missing: missingVerificationItems(checklist.ticked).map((i) => i.id) },
    });
  });
}
