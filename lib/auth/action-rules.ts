import type { Permission } from "@/lib/auth/permissions";

/** The rule of an action that needs no session (its input carries its own authorization). */
export const PUBLIC = "public" as const;

/** One permission, or several of which any one will do (the service then decides which applies). */
export type ActionRule = Permission | readonly Permission[] | typeof PUBLIC;

/**
 * Every server action the portal exports, by its exported name, and the permission it needs
 * (issue 12). `defineAction` takes its permission from here, so an action cannot be written
 * without a row; the access-matrix test reads the build's list of server actions and fails on any
 * action missing from this table, then calls each one over HTTP as every role.
 */
export const ACTION_RULES = {
  // app/(portal)/admin/actions.ts
  inviteStaffAction: "staff.manage",
  changeRoleAction: "staff.manage",
  setActiveAction: "staff.manage",
  setTeamLeadAction: "staff.setTeamLead",
  revokeSessionsAction: "staff.revokeSessions",
  // app/(portal)/admin/tokens/actions.ts
  issueApiTokenAction: "apiToken.manage",
  revokeApiTokenAction: "apiToken.manage",
  // app/(portal)/admin/accounts/actions.ts
  createAccountAction: "account.manage",
  updateAccountAction: "account.manage",
  addResourceAction: "account.manage",
  removeResourceAction: "account.manage",
  setManagersAction: "account.manage",
  previewImportAction: "account.manage",
  applyImportAction: "account.manage",
  // app/(portal)/admin/calendars/actions.ts
  updateCalendarAction: "settings.manage",
  // app/(portal)/cases/gap-actions.ts
  recordGapAction: "gap.file",
  retryGapFilingAction: "gap.file",
  // app/(portal)/cases/artefact-actions.ts
  decideArtefactAction: ["artefact.approveSecurity", "artefact.approveLegal"],
  redactAgainAction: "artefact.redact",
  shareArtefactAction: "artefact.share",
  withdrawArtefactAction: "artefact.redact",
  // app/(portal)/cases/redact-with-settings-actions.ts (authorizes itself, before parsing; found by the access matrix)
  redactAgainWithNewSettingsAction: "artefact.redact",
  // app/(portal)/cases/host-proposal-actions.ts (authorizes itself, before parsing; found by the access matrix)
  proposeInternalHostAction: "settings.proposeHost",
  // app/(portal)/cases/actions.ts
  loadIntakeAccountAction: "case.create",
  saveDraftAction: "case.create",
  discardDraftAction: "case.create",
  submitCaseAction: "case.submit",
  changeScopeAction: "case.changeScope",
  requestExceptionAction: "exception.request",
  decideExceptionAction: "exception.decide",
  recordCostNoticeAction: "case.costNotice",
  acceptCostNoticeAction: "case.costNotice",
  recordReferralOutcomeAction: "referral.handle",
  setVerificationAction: "case.verify",
  overrideVerificationAction: "case.overrideChecklist",
  addEntryAction: "entry.create",
  relayEntryAction: "entry.relay",
  recordIncidentImpactAction: "case.incident",
  recordCustomerNotifiedAction: "case.notifyCustomer",
  // app/(portal)/cases/close-actions.ts
  closeCaseAction: "case.close",
  reopenCaseAction: "case.reopen",
  // app/(portal)/queue/actions.ts
  assignCaseAction: "case.work",
  setPriorityAction: "case.triage",
  markNeedsRescopeAction: "case.triage",
  // app/(portal)/admin/settings/actions.ts
  saveSettingsAction: "settings.manage",
  previewPolicyAction: "settings.manage",
  previewRetentionAction: "settings.manage",
  acceptHostProposalAction: "settings.manage",
  declineHostProposalAction: "settings.manage",
  // app/(portal)/session-actions.ts
  signOutEverywhereAction: "session.signOutEverywhere",
  // app/invite/[token]/actions.ts: no session; the one-time invitation token is the authorization.
  acceptInviteAction: PUBLIC,
} as const satisfies Record<string, ActionRule>;

export type ActionName = keyof typeof ACTION_RULES;

export function permissionsOf(rule: ActionRule): readonly Permission[] {
  if (rule === PUBLIC) return [];
  return typeof rule === "string" ? [rule] : rule;
}
