import "server-only";
import { can } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { visibleCaseWhere, type VisibleCase } from "./access";
import { mayWriteSeenCase } from "./visibility";
import { closableResolutions, closingFactsOf, mayReopen, RESOLUTION_HINTS, RESOLUTION_LABELS, type Resolution } from "./closing-rules";
import type { CaseStatus } from "./lifecycle";

/** What the case page shows about closing: the close form's choices, or the closed case's resolution and the reopen form. */
export interface ClosingView {
  /** The case is closed: how, by whom, when; the duplicate link when the user may open it. */
  closed: {
    resolution: Resolution | null;
    label: string;
    note: string | null;
    at: Date | null;
    by: string | null;
    duplicateOf: { id: string; reference: string | null } | "hidden" | null;
    canReopen: boolean;
  } | null;
  /** The case is open and the user may close it: the resolutions allowed now, or that the gap record comes first. */
  close: { resolutions: { value: Resolution; label: string; hint: string }[]; isGapMissing: boolean; heldByLegal?: string } | null;
}

/**
 * The closing part of the case page, for a case the case guard found (read by its id): the same
 * rules the services enforce (closing-rules.ts), so the page offers only what would succeed.
 */
export async function closingOfCase(
  user: SessionUser,
  c: VisibleCase<{
    id: string;
    status: string;
    team: "support" | "sirt" | null;
    authorId: string;
    resolution: Resolution | null;
    closeReason: string | null;
    closedAt: Date | null;
    closedById: string | null;
    duplicateOfId: string | null;
    logDiveDone: boolean;
    gapRecord: object | null;
    exceptions: { status: string }[];
    referrals: { status: string }[];
    account: { id: string };
  }>,
): Promise<ClosingView> {
  const status = c.status as CaseStatus;
  if (status === "draft") return { closed: null, close: null };
  // Only the cases the user may change are closed or reopened by them (SIRT reviewing a Support case's artefact reads it only).
  const isWritable = mayWriteSeenCase(user, c);

  if (status === "closed") {
    const [closer, duplicate, managesAccount] = await Promise.all([
      c.closedById ? db().user.findUnique({ where: { id: c.closedById }, select: { name: true } }) : null,
      c.duplicateOfId ? db().case.findFirst({ where: visibleCaseWhere(user, c.duplicateOfId), select: { id: true, reference: true } }) : null,
      user.role === "csm" ? db().accountManager.count({ where: { accountId: c.account.id, userId: user.id } }) : 0,
    ]);
    const canReopen =
      isWritable && can(user.role, "case.reopen") && mayReopen({ role: user.role, userId: user.id, status, team: c.team, authorId: c.authorId, isAccountCsm: managesAccount > 0 }).ok;
    return {
      closed: {
        resolution: c.resolution,
        label: c.resolution ? RESOLUTION_LABELS[c.resolution] : "Closed",
        note: c.closeReason,
        at: c.closedAt,
        by: closer?.name ?? null,
        duplicateOf: c.duplicateOfId ? (duplicate ?? "hidden") : null,
        canReopen,
      },
      close: null,
    };
  }

  if (!isWritable || !can(user.role, "case.close")) return { closed: null, close: null };
  const facts = closingFactsOf(c, user.role);
  const resolutions = closableResolutions(facts).map((value) => ({ value, label: RESOLUTION_LABELS[value], hint: RESOLUTION_HINTS[value] }));
  if (resolutions.length === 0) {
    // Legal holds an item of the case: say so, instead of a card that vanished without a reason.
    const heldByLegal = facts.hasPendingException
      ? "A plan exception is waiting for Legal's decision: the case closes once Legal has decided (a refusal closes it as refused)."
      : facts.hasOpenReferral && user.role !== "legal"
        ? "A subpoena referral is open with Legal: Legal records what was done and closes the case (referral handled)."
        : null;
    return { closed: null, close: heldByLegal ? { resolutions: [], isGapMissing: false, heldByLegal } : null };
  }
  return { closed: null, close: { resolutions, isGapMissing: facts.logDiveDone && !facts.hasGapRecord } };
}
