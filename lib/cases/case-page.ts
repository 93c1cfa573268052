import "server-only";
import { artefactsOfCase, type ArtefactView } from "@/lib/artefacts/queries";
import { can } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session";
import { releaseWarningsOfArtefacts } from "@/lib/settings/artefact-settings";
import { timelineOfCase } from "@/lib/timeline/timeline-of-case";
import type { Timeline } from "@/lib/timeline/service";
import type { Decision, ResourceRef } from "@/lib/workflow";
import { gapOfCase } from "@/lib/gaps/queries";
import { caseView } from "./case-view";
import { closingOfCase } from "./closing-view";
import type { CaseStatus } from "./lifecycle";
import { caseDetailParts, findCaseDetail } from "./queries";
import { mayOverrideChecklist, mayStartLogDive } from "./verification-rules";

/**
 * Everything the case page shows: the case, found once through the case guard (NOT_FOUND when the
 * user may not see it), then its parts (names, notifications, timeline, artefacts) in parallel,
 * each read by the id of the case the guard found, and the release warnings from the artefacts
 * read. With the view model of what the user may do on it (case-view.ts).
 */
export async function loadCasePage(user: SessionUser, id: string) {
  const found = await findCaseDetail(user, id);
  const submitted = found.status !== "draft";
  const [parts, timeline, artefacts, closing, gap] = await Promise.all([
    caseDetailParts(found),
    submitted ? timelineOfCase(found, user) : null,
    submitted ? artefactsOfCase(user, found) : ([] as ArtefactView[]),
    // Closing: the close form's choices, or the closed case's resolution and who may reopen it.
    closingOfCase(user, found),
    // Step 10, the Audit Events gap: its own section (lib/gaps, components/gaps).
    gapOfCase(user, found),
  ]);
  // Approved files redacted with host lists a newer settings version changed: said beside the share form.
  const releaseWarnings = can(user.role, "artefact.share") ? await releaseWarningsOfArtefacts(user, artefacts) : {};
  const c = { ...found, ...parts };
  const latest = c.decisions[0];
  const decision = latest ? { outcome: latest.outcome, route: latest.route, extended: latest.extended, checks: latest.checks as Decision["checks"], policyVersion: latest.policyVersion } : null;
  const facts = (latest?.facts as { resources: ResourceRef[]; eventTypes: string[] } | undefined) ?? null;
  const view = caseView({
    user,
    case: {
      status: c.status as CaseStatus,
      team: c.team,
      authorId: c.authorId,
      decision,
      facts,
      hasPendingException: c.exceptions.some((e) => e.status === "requested"),
    },
    artefactCount: artefacts.length,
  });
  // Step 5 gates step 6: who may override an incomplete checklist, and whether it still holds the log-dive up.
  const checklistState = { ticked: c.ticks.map((t) => t.item), overridden: !!c.verificationOverride };
  const checklist = {
    canOverride: can(user.role, "case.overrideChecklist") && mayOverrideChecklist({ ...checklistState, role: user.role, teamLead: !!user.teamLead, caseTeam: c.team, status: c.status as CaseStatus }).ok,
    holdsLogDive: (c.status === "accepted" || c.status === "in_progress") && !mayStartLogDive(checklistState).ok,
  };
  return { c, timeline: timeline as Timeline | null, artefacts, releaseWarnings, closing, gap, latest: latest ? { ...latest, decision: decision!, facts } : null, view, checklist };
}

export type CasePage = Awaited<ReturnType<typeof loadCasePage>>;
