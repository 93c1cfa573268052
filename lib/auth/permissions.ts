/**
 * The one role -> permission table (STYLE 4). Data, not code: every server
 * action, route handler and page asks `can(role, action)` through
 * `authorize()`; tests are generated from this table, so an action without
 * a rule fails them.
 */
export const ROLES = ["support", "csm", "sirt", "legal", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  support: "Support agent",
  csm: "Customer Success Manager",
  sirt: "SIRT (security)",
  legal: "Legal",
  admin: "Admin",
};

export const PERMISSIONS = {
  "case.list": { roles: ["support", "csm", "sirt", "legal"], description: "See the cases list (scoped to the cases the role may see)" },
  "case.listMetadata": { roles: ["admin"], description: "See every case's reference, status, team and dates, without contents" },
  "case.read": { roles: ["support", "csm", "sirt", "legal"], description: "Open a case the role may see" },
  "case.report": { roles: ["support", "csm", "sirt", "legal"], description: "Download the case report (PDF) of a case the role may see, for Legal's file" },
  "case.create": { roles: ["support", "csm"], description: "Open a case from the information_request template" },
  "case.submit": { roles: ["support", "csm"], description: "Submit a drafted case for evaluation" },
  "case.changeScope": { roles: ["support", "csm", "sirt"], description: "Change a submitted case's scope, which re-evaluates it" },
  "case.costNotice": { roles: ["support", "csm"], description: "Record a cost notice and the customer's acceptance of it" },
  "case.incident": { roles: ["support", "csm", "sirt"], description: "Record that an incident affects the customer's resources (K2: notice within 24 hours)" },
  "case.notifyCustomer": { roles: ["support", "csm"], description: "Record the incident notice sent to the customer" },
  "case.verify": { roles: ["support", "csm"], description: "Tick the step-5 verification checklist" },
  "case.overrideChecklist": { roles: ["support", "sirt"], description: "As a team lead (flag set by Admin), let the log-dive start on an incomplete step-5 checklist, with a reason" },
  "case.triage": { roles: ["sirt"], description: "Triage SIRT's queue: priority, assignment, needs re-scope" },
  "case.work": { roles: ["support", "sirt"], description: "Do the log-dive on cases routed to one's team" },
  "case.close": { roles: ["support", "csm", "sirt", "legal"], description: "Close a case with a resolution and a note (which resolution by whom: lib/cases/closing-rules.ts; Legal closes a handled referral)" },
  "case.reopen": { roles: ["support", "csm", "sirt"], description: "Reopen a closed case with a reason (the team it was routed to, or its author or the account's CSM when never routed)" },
  "entry.create": { roles: ["support", "csm", "sirt"], description: "Add findings and status updates to the timeline" },
  "entry.relay": { roles: ["support", "csm"], description: "Relay a relayable update to the customer" },
  "queue.read": { roles: ["support", "sirt", "legal"], description: "See the team's queue" },
  "updates.read": { roles: ["support", "csm"], description: "See the Updates due board" },
  "exception.request": { roles: ["support", "csm"], description: "Ask Legal for a plan exception (step 4)" },
  "exception.decide": { roles: ["legal"], description: "Grant or refuse a plan exception" },
  "referral.handle": { roles: ["legal"], description: "Record what was done about a subpoena referral" },
  "artefact.read": { roles: ["support", "csm", "sirt", "legal"], description: "Review and download the redacted form of an artefact on a case one may see" },
  "artefact.redact": { roles: ["support", "sirt"], description: "Run an artefact's redaction again with other options (voids its approvals)" },
  "artefact.upload": { roles: ["support", "sirt"], description: "Upload a log artefact to a case routed to one's team" },
  "artefact.approveSecurity": { roles: ["sirt"], description: "Give the security approval of an artefact" },
  "artefact.approveLegal": { roles: ["legal"], description: "Give the Legal review of an artefact" },
  "artefact.share": { roles: ["support", "csm"], description: "Share an approved, redacted artefact with the customer" },
  "approvals.read": { roles: ["sirt", "legal"], description: "See artefacts awaiting one's approval" },
  "eventTypes.read": { roles: ["support", "csm", "sirt"], description: "Read the audit event catalogue: the suggestions of the intake's and the gap form's event type fields" },
  "gap.file": { roles: ["support", "sirt"], description: "Record the Audit Events gap of a case routed to one's team (step 10), which files its issue, and retry a stopped filing" },
  "gap.export": { roles: ["support", "sirt", "legal"], description: "Export the gap records (CSV, JSON) of the cases one may see, for filing by hand" },
  "gap.analytics": { roles: ["support", "csm", "sirt", "legal", "admin"], description: "See the gap analytics: missing events counted across cases (aggregates; cases listed only when one may see them)" },
  "report.read": { roles: ["support", "csm", "sirt", "legal", "admin"], description: "See reports and charts" },
  "outbox.read": { roles: ["support", "csm", "sirt", "legal", "admin"], description: "Read notifications kept in the portal" },
  "staff.manage": { roles: ["admin"], description: "Invite staff, set roles, deactivate" },
  "staff.revokeSessions": { roles: ["admin"], description: "End every signed-in session of a staff member (they must sign in again)" },
  "session.signOutEverywhere": { roles: ["support", "csm", "sirt", "legal", "admin"], description: "Sign oneself out of every browser" },
  "staff.setTeamLead": { roles: ["admin"], description: "Make a Support or SIRT member team lead (may override an incomplete checklist), or unset it" },
  "account.manage": { roles: ["admin"], description: "Create and edit customer accounts and what they own" },
  "settings.manage": { roles: ["admin"], description: "Edit calendars and the redaction and policy settings (Admin -> Settings); accept or decline SIRT's host proposals" },
  "settings.proposeHost": { roles: ["sirt"], description: "Propose, from an artefact's residue, that a host be treated as internal (Admin decides)" },
  "apiToken.manage": { roles: ["admin"], description: "Issue and revoke API tokens" },
  "activity.read": { roles: ["admin", "legal"], description: "Search, filter and export (CSV) the activity log, and export its signed checkpoints" },
  "securityEvents.read": { roles: ["admin", "legal"], description: "Search, filter and export (CSV) the security events: failed sign-ins, sign-outs, refusals" },
} as const satisfies Record<string, { roles: readonly Role[]; description: string }>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission].roles as readonly Role[]).includes(role);
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
