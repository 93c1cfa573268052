import type { SessionUser } from "@/lib/auth/session";
import { VERIFICATION_ITEMS, ZCaseDraftInput, type TCaseDraftInput } from "@/lib/cases/schemas";
import { saveDraft } from "@/lib/cases/save-draft";
import { setVerification } from "@/lib/cases/set-verification";
import { submitCase } from "@/lib/cases/submit-case";

const DAY = 86_400_000;

/** A complete information_request for `accountId`: one owned project, the last `days` days (default 3). */
export function intakeDraft(accountId: string, over: Partial<TCaseDraftInput> & { days?: number; project?: string } = {}): TCaseDraftInput {
  const { days = 3, project = "acme/infra/api", ...rest } = over;
  const now = Date.now();
  return ZCaseDraftInput.parse({
    accountId,
    requesterName: "Dana Customer",
    requesterEmail: "dana@customer.example",
    summary: "A personal access token was used from an unknown location.",
    resources: [{ kind: "project", path: project }],
    eventTypes: ["personal_access_token_created"],
    logSources: ["application"],
    windowFrom: new Date(now - days * DAY),
    windowTo: new Date(now - 60_000),
    personalData: false,
    ...rest,
  });
}

/** Saves the draft and submits it, as the intake form does. */
export async function saveAndSubmit(user: SessionUser, draft: TCaseDraftInput) {
  const saved = await saveDraft(user, { draft });
  return { id: saved.id, ...(await submitCase(user, { id: saved.id, version: saved.version })) };
}

/** Ticks every item of the step-5 checklist as `user` (Support or the CSM), as the checklist card does: the log-dive may start. */
export async function tickChecklist(user: SessionUser, caseId: string) {
  for (const item of VERIFICATION_ITEMS) await setVerification(user, { id: caseId, item: item.id, checked: true });
}
