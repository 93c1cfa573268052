/**
 * One valid input per zod schema exported by the schemas modules of lib (schemas.ts, triage-schemas.ts), by export name: the fuzzers
 * (tests/unit/schemas-fuzz.test.ts, tests/e2e/fuzz-actions-and-routes.spec.ts) mutate them field
 * by field. The unit fuzz fails when an exported schema has no sample here, or refuses its sample.
 */
const ID = "00000000-0000-4000-8000-000000000001";
const HASH = "a".repeat(64);
const NOW = new Date(Date.now() - 3_600_000);
const draft = {
  accountId: ID,
  requesterName: "Dana Customer",
  requesterEmail: "dana@customer.example",
  summary: "A token was used from an unknown location.",
  resources: [{ kind: "project", path: "acme/infra/api" }],
  eventTypes: ["user_login"],
  logSources: ["application"],
  windowFrom: new Date("2026-03-01T00:00:00Z"),
  windowTo: new Date("2026-03-03T00:00:00Z"),
  personalData: false,
};
const account = { name: "Acme Corporation", slug: "acme", plan: "premium", deployment: "saas", paying: true, supportPlan: "current", incidentNotification: true, notificationContact: "security@acme.example" };
const policy = { maxWindowMonths: 1, standardWindowDays: 7, maxResources: 20, maxEventTypes: 10, supportMaxResources: 5 };
const calendar = { timeZone: "Europe/Amsterdam", workdays: [1, 2, 3, 4, 5], holidays: ["2026-12-25"], workingHours: { start: "09:00", end: "17:00" } };

/** One valid input per exported schema, by export name. */
export const SAMPLES: Record<string, unknown> = {
  ZPlan: "premium",
  ZDeployment: "saas",
  ZSupportPlan: "current",
  ZResourceKind: "project",
  ZSlug: "acme-corp",
  ZAccountFields: account,
  ZCreateAccountInput: account,
  ZUpdateAccountInput: { ...account, id: ID, version: 1 },
  ZResourceInput: { kind: "user", path: "jdoe", email: "jdoe@acme.example" },
  ZAddResourceInput: { accountId: ID, kind: "project", path: "acme/infra/api" },
  ZRemoveResourceInput: { accountId: ID, resourceId: ID },
  ZSetManagersInput: { accountId: ID, userIds: [ID], expectedUserIds: [] },
  ZPreviewImportInput: { format: "csv", text: "slug,name\nacme,Acme Corporation\n" },
  ZApplyImportInput: { format: "csv", text: "slug,name\nacme,Acme Corporation\n", token: HASH },
  ZIssueApiTokenInput: { name: "Helpdesk integration" },
  ZRevokeApiTokenInput: { tokenId: ID },
  ZRedactionOptions: { dropOutsideWindow: true, dropOutsideScope: "on", disclosePersonalData: false },
  ZUploadArtefact: { caseId: ID, filename: "extract.ndjson" },
  ZDecideArtefact: { artefactId: ID, version: 1, decision: "rejected", comment: "Two internal hosts are left in line 40." },
  ZRedactAgain: { artefactId: ID, version: 1, dropOutsideWindow: true },
  ZWithdrawArtefact: { artefactId: ID, version: 1, reason: "Wrong file uploaded." },
  ZShareArtefact: { artefactId: ID, version: 1, recipient: "dana@customer.example", channel: "email" },
  ZReviewQuery: { page: "2", q: "token", raw: "1" },
  ZTeam: "sirt",
  ZCalendarInput: calendar,
  ZUpdateCalendarInput: { ...calendar, team: "support" },
  ZCaseDraftInput: draft,
  ZCaseComplete: draft,
  ZVersion: 3,
  ZSaveDraft: { id: ID, draft },
  ZSubmitCase: { id: ID, version: 1 },
  ZChangeScope: { id: ID, version: 1, draft },
  ZRequestException: { id: ID, version: 1, reason: "The customer is moving to Premium next week." },
  ZDecideException: { exceptionId: ID, grant: false, rationale: "Not warranted for a trial.", expiresAt: "" },
  ZRecordCostNotice: { id: ID, version: 1, estimate: "USD 4,000, about 5 working days" },
  ZAcceptCostNotice: { id: ID, version: 1, noticeId: ID, acceptedAt: NOW, note: "Accepted by phone." },
  ZReferralOutcome: { referralId: ID, outcomeNote: "Referred to outside counsel." },
  ZToggleVerification: { id: ID, item: "identity", checked: true },
  ZOverrideVerification: { id: ID, reason: "The customer's admin confirmed by phone." },
  ZAssignCase: { id: ID, version: 1, assigneeId: ID },
  ZSetPriority: { id: ID, version: 1, priority: 2 },
  ZNeedsRescope: { id: ID, version: 1, reason: "Narrow the window to the incident's day." },
  ZQueueQuery: { assignee: "me", priority: "1", extended: "1", sort: "due", page: "2" },
  ZResourceRef: { kind: "group", path: "acme" },
  ZEvaluateRequestInput: { account: "acme", resources: [{ kind: "project", path: "acme/infra/api" }], eventTypes: ["user_login"], logSources: ["application"], window: { from: "2026-03-01T00:00:00Z", to: "2026-03-03T00:00:00Z" }, personalData: false },
  ZPolicyValues: policy,
  ZInternalHosts: [".internal", ".corp.example"],
  ZProductHosts: ["gitlab.example.com"],
  ZSaveSettingsInput: { baseVersion: 1, internalHosts: [".internal"], productHosts: ["gitlab.example.com"], policy, note: "Add the new VPN suffix." },
  ZPreviewPolicyInput: { policy, page: 1 },
  ZProposedHost: ".vpn.internal",
  ZProposeHostInput: { artefactId: ID, host: ".vpn.internal", reason: "Seen in the residue." },
  ZAcceptHostProposalInput: { proposalId: ID, note: "It is our VPN." },
  ZDeclineHostProposalInput: { proposalId: ID, reason: "A customer's host." },
  ZRedactWithNewSettingsInput: { artefactId: ID, version: 1 },
  ZRole: "legal",
  ZInviteStaffInput: { email: "new@logdesk.test", name: "New Person", role: "support" },
  ZChangeRoleInput: { userId: ID, role: "csm" },
  ZRevokeSessionsInput: { userId: ID },
  ZSetActiveInput: { userId: ID, active: "false" },
  ZSetTeamLeadInput: { userId: ID, teamLead: true },
  ZPassword: "a long enough password",
  ZAcceptInviteInput: { token: "t".repeat(43), password: "a long enough password", confirm: "a long enough password" },
  ZAddEntry: { caseId: ID, kind: "finding", visibility: "relayable", body: "Found it:\n\n| a\t| b |" },
  ZRelayEntry: { caseId: ID, entryId: ID, channel: "email", recipient: "dana@customer.example", text: "An update." },
  ZUpdatesQuery: { scope: "team", page: "2" },
};

