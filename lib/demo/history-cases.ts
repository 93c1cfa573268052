// Data, not logic: the demo history's cases (lib/demo/history.ts runs them through the services).
import type { ResourceRef } from "@/lib/workflow";

/**
 * One act on a case, in the order the path lists them. Each runs as the demo staff member whose
 * role does it in the process, through the service a page would call:
 * - submit: the author submits (the evaluation routes, refuses or asks for a re-scope);
 * - ticks: the author ticks the six step-5 checks;
 * - cost-notice / cost-accepted: the author records the cost of a broad scope, then the customer's yes;
 * - priority / needs-rescope: SIRT's triage;
 * - ask-exception: the author asks Legal for a plan exception; grant / refuse: Legal decides;
 * - referral-handled: Legal records what was done about the subpoena referral;
 * - finding / note: the routed team's internal entries (the first finding starts the log-dive);
 * - update: a relayable status update by the routed team; relay / relay-late: the author passes
 *   it on, within the 12-business-hour clock or after it ran out;
 * - incident / notified: K2 (the incident affects the customer; the notice sent within 24 hours);
 * - upload: the routed team uploads an extract (redacted at once); approve-security / approve-legal /
 *   reject-legal: the reviews; redact-again: the team redacts the artefact again after a rejection;
 *   share: the author releases it with the signed manifest;
 * - wait: nothing happens until a few hours before `now` (the case's latest acts are recent);
 * - close / reopen: see closeAndRecordGaps in history.ts (the gap record, then the close; a reopen).
 */
export type HistoryStep =
  | "submit"
  | "ticks"
  | "cost-notice"
  | "cost-accepted"
  | "priority"
  | "needs-rescope"
  | "ask-exception"
  | "grant"
  | "refuse"
  | "referral-handled"
  | "finding"
  | "note"
  | "update"
  | "relay"
  | "relay-late"
  | "incident"
  | "notified"
  | "upload"
  | "approve-security"
  | "approve-legal"
  | "reject-legal"
  | "redact-again"
  | "share"
  | "wait"
  | "close"
  | "reopen";

/** How a case ends, for closeAndRecordGaps (history.ts): the resolution, its note, and the gap record when a log-dive was done. */
export interface HistoryClose {
  resolution: "done" | "refused" | "referral_handled" | "withdrawn" | "duplicate";
  note: string;
  /** Missing Audit Events types (1-3) for the gap record, or a "no gap" reason; only for cases with a log-dive. */
  gap?: { missing: string[]; neededFor: string } | { noGap: string };
  /** duplicate: the key of the case it duplicates. */
  duplicateOf?: string;
  /** A reopening after the close, with its reason (the case returns to the status it had). */
  reopen?: string;
}

export interface HistoryCase {
  /** Stable name, used in tests and for duplicate links. */
  key: string;
  account: string;
  author: "support" | "csm";
  /** When the author opened the draft, in days before `now` (fractions allowed). */
  startDaysAgo: number;
  requester: { name: string; email: string };
  summary: string;
  resources: ResourceRef[];
  eventTypes: string[];
  logSources?: ("application" | "component" | "access")[];
  /** The log window, in days before the draft: [from, to]. */
  window: [number, number];
  personalData?: boolean;
  path: HistoryStep[];
  /** The status the path leads to (checked by the integration test). */
  expect: string;
  close?: HistoryClose;
}

const p = (path: string): ResourceRef => ({ kind: "project", path });
const g = (path: string): ResourceRef => ({ kind: "group", path });
const u = (path: string): ResourceRef => ({ kind: "user", path });

const ACME = { name: "Dana Whitfield", email: "dana.whitfield@acme.example" };
const ACME2 = { name: "Marcus Lee", email: "marcus.lee@acme.example" };
const GLOBEX = { name: "Hank Scorpio", email: "hank@globex.example" };
const GLOBEX2 = { name: "Mindy Ortiz", email: "mindy@globex.example" };
const ACMEX = { name: "Rob Otto", email: "rob@acme-x.example" };

/** A relayed status update, on time or late. */
const UR: HistoryStep[] = ["update", "relay"];
const URL: HistoryStep[] = ["update", "relay-late"];
/** Accepted, checked and worked: the log-dive's usual opening. */
const WORK: HistoryStep[] = ["submit", "ticks", "finding", ...UR, "note"];
/** An artefact through both reviews and released. */
const RELEASE: HistoryStep[] = ["upload", ...UR, "approve-security", "approve-legal", "share"];

export const HISTORY_CASES: HistoryCase[] = [
  // ---- released (shared), most of them to be closed as done after their gap record
  {
    key: "acme-token-leak",
    account: "acme",
    author: "csm",
    startDaysAgo: 86,
    requester: ACME,
    summary: "A personal access token of deploy-bot was found in a public gist. The customer needs to know which API calls used it against acme/infra/api before it was revoked.",
    resources: [p("acme/infra/api"), u("deploy-bot")],
    eventTypes: ["personal_access_token_created", "personal_access_token_revoked"],
    window: [6, 0.2],
    path: [...WORK, "incident", "notified", ...URL, ...RELEASE, "close"],
    expect: "closed",
    close: { resolution: "done", note: "Extract released; the customer confirmed the token was only used from their CI runners.", gap: { missing: ["personal_access_token_used"], neededFor: "Which API calls a leaked token made, without a log request." } },
  },
  {
    key: "globex-billing-export",
    account: "globex",
    author: "csm",
    startDaysAgo: 79,
    requester: GLOBEX,
    summary: "Globex saw an unexpected project export of globex/platform/billing. They ask who started the export and from which IP address it was downloaded.",
    resources: [p("globex/platform/billing"), u("frank.w")],
    eventTypes: ["project_export_file_download_started", "repository_download_operation"],
    window: [20, 1],
    personalData: true,
    path: ["submit", "priority", "ticks", "finding", ...UR, ...UR, "incident", "notified", ...RELEASE, "close"],
    expect: "closed",
    close: { resolution: "done", note: "Both downloads were traced to one session; extract released.", gap: { missing: ["project_export_file_downloaded", "ip_address_on_export"], neededFor: "Tracing an export's download to an IP address." } },
  },
  {
    key: "acme-storefront-visibility",
    account: "acme",
    author: "support",
    startDaysAgo: 71,
    requester: ACME2,
    summary: "acme/web/storefront was public for about two hours on Monday. Which unauthenticated requests read the repository in that time?",
    resources: [p("acme/web/storefront")],
    eventTypes: ["project_visibility_level_updated"],
    window: [4, 1],
    path: [...WORK, ...UR, ...RELEASE, "close"],
    expect: "closed",
    close: { resolution: "done", note: "No clone from outside the customer's network in the window; extract released.", gap: { noGap: "The visibility change itself is in Audit Events; the reads are application logs by nature." } },
  },
  {
    key: "globex-warehouse-member",
    account: "globex",
    author: "support",
    startDaysAgo: 63,
    requester: GLOBEX2,
    summary: "An unknown member was added to globex/data/warehouse with Maintainer role and removed a day later. The customer needs the member's actions while they had access.",
    resources: [p("globex/data/warehouse"), u("mindy")],
    eventTypes: ["member_created", "member_destroyed", "member_updated"],
    window: [12, 2],
    personalData: true,
    path: ["submit", "priority", "ticks", "finding", ...URL, "note", ...UR, ...RELEASE, "close", "reopen"],
    expect: "shared",
    close: {
      resolution: "done",
      note: "The member cloned the repository twice; extract released.",
      gap: { missing: ["repository_clone", "member_role_used"], neededFor: "What a member did while they had access." },
      reopen: "The customer found a third clone in their own proxy logs; SIRT looks again.",
    },
  },
  {
    key: "acme-checkout-branch",
    account: "acme",
    author: "csm",
    startDaysAgo: 56,
    requester: ACME,
    summary: "The protected branch of acme/web/checkout was unprotected and force-pushed. Who changed the protection, and which pushes followed?",
    resources: [p("acme/web/checkout"), u("carol-ops")],
    eventTypes: ["protected_branch_removed", "protected_branch_updated"],
    window: [5, 0.5],
    path: [...WORK, ...UR, ...RELEASE, "close"],
    expect: "closed",
    close: { resolution: "done", note: "Force-push came from carol-ops' own key; released.", gap: { missing: ["git_push_force"], neededFor: "Seeing force-pushes next to the protection change." } },
  },
  {
    key: "acmex-robots-runner",
    account: "acme-x",
    author: "support",
    startDaysAgo: 46,
    requester: ACMEX,
    summary: "A CI variable of acme-x/robots was viewed through the API by a token the customer does not recognise. They ask for the API requests made with it.",
    resources: [p("acme-x/robots")],
    eventTypes: ["variable_viewed_api", "ci_variable_created"],
    window: [3, 0.5],
    path: ["submit", "ticks", "finding", ...UR, "upload", "approve-security", "reject-legal", "redact-again", ...UR, "approve-security", "approve-legal", "share", "close"],
    expect: "closed",
    close: { resolution: "done", note: "Second extract (after Legal's rejection) released.", gap: { missing: ["ci_variable_read_by_token", "personal_access_token_used"], neededFor: "Which token read a CI variable, and what else it was used for." } },
  },
  {
    key: "globex-api-impersonation",
    account: "globex",
    author: "csm",
    startDaysAgo: 39,
    requester: GLOBEX,
    summary: "An admin of Globex impersonated hank last week. The customer's security team needs every action taken during the impersonation session.",
    resources: [p("globex/platform/api"), u("hank")],
    eventTypes: ["user_impersonation"],
    window: [9, 1],
    personalData: true,
    path: ["submit", "priority", "ticks", "finding", ...UR, "incident", "notified", ...URL, ...RELEASE],
    expect: "shared",
  },

  // ---- approved, waiting to be released
  {
    key: "acme-k8s-deploy-token",
    account: "acme",
    author: "csm",
    startDaysAgo: 31,
    requester: ACME2,
    summary: "A deploy token of acme/infra/k8s/cluster-config was used from an IP range the customer does not own. Which registry pulls did it make?",
    resources: [p("acme/infra/k8s/cluster-config"), g("acme/infra/k8s")],
    eventTypes: ["deploy_token_created"],
    window: [10, 1],
    path: ["submit", "priority", "ticks", "finding", ...UR, ...UR, "upload", "approve-security", "approve-legal", "wait", ...UR],
    expect: "approved",
  },
  {
    key: "globex-platform-otp",
    account: "globex",
    author: "support",
    startDaysAgo: 24,
    requester: GLOBEX2,
    summary: "Repeated failed two-factor sign-ins on accounts of globex/platform, then a successful one from a new country. The customer asks for the sign-in attempts.",
    resources: [g("globex/platform"), u("frank.w")],
    eventTypes: ["login_failed_with_otp_authentication", "user_email_address_updated"],
    window: [4, 0.5],
    path: [...WORK, ...UR, "upload", "approve-security", "approve-legal", "wait", ...UR],
    expect: "approved",
  },

  // ---- artefacts in review
  {
    key: "acme-api-ssh-key",
    account: "acme",
    author: "support",
    startDaysAgo: 19,
    requester: ACME,
    summary: "An SSH key was added to alice's account and used to push to acme/infra/api the same night. Alice did not add it.",
    resources: [p("acme/infra/api"), u("alice")],
    eventTypes: ["add_ssh_key", "remove_ssh_key"],
    window: [3, 0.3],
    path: [...WORK, ...URL, "upload", "wait", ...UR],
    expect: "artefacts_in_review",
  },
  {
    key: "globex-billing-artifact",
    account: "globex",
    author: "csm",
    startDaysAgo: 14,
    requester: GLOBEX,
    summary: "Job artifacts of globex/platform/billing (containing test invoices) were downloaded by an account outside the billing team.",
    resources: [p("globex/platform/billing")],
    eventTypes: ["job_artifact_downloaded"],
    window: [14, 1],
    path: ["submit", "priority", "ticks", "finding", ...UR, "upload", "approve-security"],
    expect: "artefacts_in_review",
  },
  {
    key: "acme-web-group-token",
    account: "acme",
    author: "csm",
    startDaysAgo: 9,
    requester: ACME2,
    summary: "A group access token on acme was created by a bot user and used to read every project under acme/web.",
    resources: [g("acme"), p("acme/web/storefront"), p("acme/web/checkout")],
    eventTypes: ["group_access_token_created"],
    window: [5, 0.5],
    personalData: true,
    path: ["submit", "ticks", "finding", ...UR, "upload"],
    expect: "artefacts_in_review",
  },

  // ---- in progress, with findings
  {
    key: "globex-cost-accepted",
    account: "globex",
    author: "csm",
    startDaysAgo: 44,
    requester: GLOBEX2,
    summary: "After a contractor's laptop was stolen, Globex wants every event on all its projects for two weeks, across all event types, and accepts the cost of the broad search.",
    resources: [g("globex"), p("globex/platform/api"), p("globex/platform/billing"), p("globex/data/warehouse")],
    eventTypes: ["personal_access_token_created", "personal_access_token_revoked", "member_created", "member_updated", "member_destroyed", "add_ssh_key", "remove_ssh_key", "deploy_token_created", "ci_variable_created", "variable_viewed_api", "job_artifact_downloaded", "repository_download_operation"],
    window: [16, 2],
    path: ["submit", "cost-notice", "cost-accepted", "priority", "ticks", "finding", ...UR, "note", ...URL, ...UR, "wait", ...UR],
    expect: "in_progress",
  },
  {
    key: "acme-infra-ci-variable",
    account: "acme",
    author: "support",
    startDaysAgo: 17,
    requester: ACME,
    summary: "A masked CI variable of acme/infra/api appeared in a job log. Which jobs printed it, and who could read those logs?",
    resources: [p("acme/infra/api")],
    eventTypes: ["ci_variable_created", "variable_viewed_api"],
    window: [5, 1],
    path: [...WORK, ...UR, "note", "wait", ...UR],
    expect: "in_progress",
  },
  {
    key: "globex-api-tokens",
    account: "globex",
    author: "csm",
    startDaysAgo: 11,
    requester: GLOBEX,
    summary: "Three project access tokens on globex/platform/api were created within a minute by a user who says it was not them.",
    resources: [p("globex/platform/api"), u("mindy")],
    eventTypes: ["project_access_token_created"],
    window: [9, 1],
    path: ["submit", "priority", "ticks", "finding", ...URL, "incident", "notified", "finding", "wait", ...UR],
    expect: "in_progress",
  },
  {
    key: "acmex-robots-members",
    account: "acme-x",
    author: "support",
    startDaysAgo: 6,
    requester: ACMEX,
    summary: "Members of acme-x/robots were removed in bulk on Sunday night; the customer needs to know by whom and from where.",
    resources: [p("acme-x/robots")],
    eventTypes: ["member_destroyed"],
    window: [3, 0.5],
    path: [...WORK],
    expect: "in_progress",
  },
  {
    key: "acme-cluster-impersonation",
    account: "acme",
    author: "csm",
    startDaysAgo: 3.5,
    requester: ACME2,
    summary: "An instance admin impersonated carol-ops while acme/infra/k8s/cluster-config was changed. The customer wants the session's requests.",
    resources: [p("acme/infra/k8s/cluster-config"), u("carol-ops")],
    eventTypes: ["user_impersonation"],
    window: [2, 0.2],
    personalData: true,
    path: ["submit", "priority", "ticks", "finding"],
    expect: "in_progress",
  },

  // ---- accepted, not started yet
  {
    key: "globex-warehouse-download",
    account: "globex",
    author: "csm",
    startDaysAgo: 2.2,
    requester: GLOBEX2,
    summary: "A repository archive of globex/data/warehouse was downloaded by a service account that should only run pipelines.",
    resources: [p("globex/data/warehouse")],
    eventTypes: ["repository_download_operation"],
    window: [3, 0.5],
    path: ["submit", "ticks", ...UR],
    expect: "accepted",
  },
  {
    key: "acme-storefront-deploy",
    account: "acme",
    author: "support",
    startDaysAgo: 1.2,
    requester: ACME,
    summary: "A deploy of acme/web/storefront ran from a branch nobody remembers creating. Which user created the branch and triggered the pipeline?",
    resources: [p("acme/web/storefront"), u("bob.smith")],
    eventTypes: ["protected_branch_updated"],
    window: [2, 0.2],
    path: ["submit"],
    expect: "accepted",
  },
  {
    key: "acme-withdrawn",
    account: "acme",
    author: "csm",
    startDaysAgo: 60,
    requester: ACME2,
    summary: "Suspicious sign-ins to bob.smith's account from two countries within an hour. (The customer later found it was their own VPN.)",
    resources: [u("bob.smith"), p("acme/infra/api")],
    eventTypes: ["login_failed_with_otp_authentication"],
    window: [3, 0.5],
    path: ["submit", "ticks", ...UR, "close"],
    expect: "closed",
    close: { resolution: "withdrawn", note: "The customer withdrew the request: the sign-ins came from their own VPN exit nodes." },
  },
  {
    key: "acme-token-leak-again",
    account: "acme",
    // The CSM, who sees every case of the accounts they manage: the first request (also the CSM's)
    // is not routed to Support at every time of day, and Support, its author before, then could not
    // see it as the duplicate's target (a first start at 17:55 UTC failed at this close; at 18:00 it passed).
    author: "csm",
    startDaysAgo: 84,
    requester: ACME,
    summary: "The deploy-bot token leak reported again by a second contact at Acme, through another ticket.",
    resources: [p("acme/infra/api"), u("deploy-bot")],
    eventTypes: ["personal_access_token_revoked"],
    window: [4, 0.2],
    path: ["submit", "close"],
    expect: "closed",
    close: { resolution: "duplicate", note: "Same incident as the first request; handled there.", duplicateOf: "acme-token-leak" },
  },

  // ---- re-scope
  {
    key: "globex-cost-pending",
    account: "globex",
    author: "csm",
    startDaysAgo: 8,
    requester: GLOBEX,
    summary: "Globex asks for every audit-relevant event on all its projects for the last three weeks, after a phishing campaign against its staff.",
    resources: [g("globex"), p("globex/platform/api"), p("globex/platform/billing"), p("globex/data/warehouse")],
    eventTypes: ["personal_access_token_created", "personal_access_token_revoked", "member_created", "member_updated", "member_destroyed", "add_ssh_key", "remove_ssh_key", "deploy_token_created", "ci_variable_created", "variable_viewed_api", "user_impersonation"],
    window: [20, 1],
    path: ["submit", "cost-notice"],
    expect: "rescope",
  },
  {
    key: "acme-access-logs",
    account: "acme",
    author: "support",
    startDaysAgo: 27,
    requester: ACME2,
    summary: "Acme wants the nginx access logs of acme/web/storefront for a week to look for scraping.",
    resources: [p("acme/web/storefront")],
    eventTypes: ["repository_download_operation"],
    logSources: ["access"],
    window: [7, 1],
    path: ["submit"],
    expect: "rescope",
  },
  {
    key: "acme-triage-rescope",
    account: "acme",
    author: "csm",
    startDaysAgo: 12,
    requester: ACME,
    summary: "Acme suspects data exfiltration from acme/infra and asks for everything on the group's projects over ten days.",
    resources: [g("acme/infra"), p("acme/infra/api"), p("acme/infra/k8s/cluster-config")],
    eventTypes: ["repository_download_operation", "project_export_file_download_started"],
    window: [10, 0.5],
    path: ["submit", "priority", "needs-rescope"],
    expect: "rescope",
  },
  {
    key: "globex-cost-old",
    account: "globex",
    author: "support",
    startDaysAgo: 52,
    requester: GLOBEX2,
    summary: "Twenty-five projects' worth of events requested after an audit finding; the customer has not answered the cost estimate.",
    resources: [g("globex"), p("globex/platform/api"), p("globex/platform/billing")],
    eventTypes: ["member_created", "member_updated", "member_destroyed", "add_ssh_key", "remove_ssh_key", "deploy_token_created", "ci_variable_created", "variable_viewed_api", "job_artifact_downloaded", "repository_download_operation", "project_visibility_level_updated"],
    window: [6, 1],
    path: ["submit", "cost-notice", "close"],
    expect: "closed",
    close: { resolution: "withdrawn", note: "No answer to the cost estimate in four weeks; the customer withdrew." },
  },

  // ---- ineligible (plan, deployment, support plan)
  {
    key: "initech-free",
    account: "initech",
    author: "support",
    startDaysAgo: 81,
    requester: { name: "Peter Gibbons", email: "peter@initech.example" },
    summary: "Initech believes someone pushed to initech/tps-reports with a stolen password and asks for the logs.",
    resources: [p("initech/tps-reports")],
    eventTypes: ["user_email_address_updated"],
    window: [3, 0.5],
    path: ["submit", "close"],
    expect: "closed",
    close: { resolution: "refused", note: "Free plan: log requests are served for paying Premium and Ultimate SaaS customers. Audit Events pointed out." },
  },
  {
    key: "stark-self-managed",
    account: "stark",
    author: "support",
    startDaysAgo: 58,
    requester: { name: "Pepper Potts", email: "pepper@stark.example" },
    summary: "Stark's self-managed instance shows unknown admin sign-ins; they ask us for the logs.",
    resources: [p("stark/jarvis")],
    eventTypes: ["user_impersonation"],
    window: [2, 0.2],
    path: ["submit", "close"],
    expect: "closed",
    close: { resolution: "refused", note: "Self-managed: the logs are on the customer's own instance; sent the docs on reading them." },
  },
  {
    key: "soylent-deprecated",
    account: "soylent",
    author: "support",
    startDaysAgo: 33,
    requester: { name: "Robert Thorn", email: "thorn@soylent.example" },
    summary: "Soylent asks who changed the visibility of soylent/green last Friday.",
    resources: [p("soylent/green")],
    eventTypes: ["project_visibility_level_updated"],
    window: [4, 1],
    path: ["submit"],
    expect: "ineligible",
  },
  {
    key: "openmind-sponsored",
    account: "openmind",
    author: "support",
    startDaysAgo: 15,
    requester: { name: "Sam Maintainer", email: "maintainer1@openmind.example" },
    summary: "A maintainer token of openmind/core was leaked in a CI log; the foundation asks where it was used.",
    resources: [p("openmind/core")],
    eventTypes: ["personal_access_token_revoked"],
    window: [5, 0.5],
    path: ["submit"],
    expect: "ineligible",
  },

  // ---- Legal exceptions (step 4)
  {
    key: "umbrella-exception-granted",
    account: "umbrella",
    author: "support",
    startDaysAgo: 50,
    requester: { name: "Albert Wesker", email: "wesker@umbrella.example" },
    summary: "Umbrella (on a trial, signing an Ultimate contract) reports a compromised maintainer account on umbrella/research/t-virus.",
    resources: [p("umbrella/research/t-virus"), u("alice.a")],
    eventTypes: ["personal_access_token_created", "member_updated"],
    window: [4, 0.5],
    path: ["submit", "ask-exception", "grant", "ticks", "finding", ...UR, ...URL, "note", "wait", ...UR],
    expect: "in_progress",
  },
  {
    key: "initech-exception-refused",
    account: "initech",
    author: "support",
    startDaysAgo: 66,
    requester: { name: "Milton Waddams", email: "milton@initech.example" },
    summary: "Initech asks for the logs of a deleted branch of initech/tps-reports; they offer to upgrade if we help.",
    resources: [p("initech/tps-reports"), u("milton")],
    eventTypes: ["protected_branch_removed"],
    window: [3, 0.5],
    path: ["submit", "ask-exception", "refuse", "close"],
    expect: "closed",
    close: { resolution: "refused", note: "Legal refused the exception: no contract in view." },
  },
  {
    key: "openmind-exception-refused",
    account: "openmind",
    author: "support",
    startDaysAgo: 28,
    requester: { name: "Sam Maintainer", email: "maintainer1@openmind.example" },
    summary: "The foundation asks for an exception: a malicious release of openmind/core went out and downstream users are affected.",
    resources: [p("openmind/core")],
    eventTypes: ["protected_branch_updated", "personal_access_token_created"],
    window: [2, 0.3],
    path: ["submit", "ask-exception", "refuse"],
    expect: "closed",
  },
  {
    key: "umbrella-exception-pending",
    account: "umbrella",
    author: "support",
    startDaysAgo: 5,
    requester: { name: "Alice Abernathy", email: "alice.a@umbrella.example" },
    summary: "A research group of Umbrella was made public and a dataset cloned; Umbrella is still on a trial and asks for the logs anyway.",
    resources: [g("umbrella/research")],
    eventTypes: ["project_visibility_level_updated"],
    window: [3, 0.5],
    path: ["submit", "ask-exception"],
    expect: "legal_review",
  },
  {
    key: "initech-exception-pending",
    account: "initech",
    author: "support",
    startDaysAgo: 1.8,
    requester: { name: "Peter Gibbons", email: "peter@initech.example" },
    summary: "Initech's payroll scripts in initech/tps-reports were changed by an account that left the company; their upgrade is in signature.",
    resources: [p("initech/tps-reports"), u("peter")],
    eventTypes: ["member_destroyed"],
    window: [3, 0.2],
    path: ["submit", "ask-exception"],
    expect: "legal_review",
  },

  // ---- subpoena referrals (resources the customer does not own)
  {
    key: "acme-referral-handled",
    account: "acme",
    author: "csm",
    startDaysAgo: 73,
    requester: ACME,
    summary: "Acme believes a Globex employee accessed acme/infra/api and asks for the logs of globex/platform/api too.",
    resources: [p("acme/infra/api"), p("globex/platform/api")],
    eventTypes: ["repository_download_operation"],
    window: [5, 0.5],
    path: ["submit", "referral-handled", "close"],
    expect: "closed",
    close: { resolution: "referral_handled", note: "Legal told Acme's counsel a subpoena is needed for another customer's data." },
  },
  {
    key: "globex-referral-handled",
    account: "globex",
    author: "support",
    startDaysAgo: 35,
    requester: GLOBEX2,
    summary: "Globex wants to know whether acme-x/robots cloned their code; they name the other company's project.",
    resources: [p("globex/platform/api"), p("acme-x/robots")],
    eventTypes: ["repository_download_operation"],
    window: [6, 1],
    path: ["submit", "referral-handled"],
    expect: "ineligible",
  },
  {
    key: "acme-referral-open",
    account: "acme",
    author: "csm",
    startDaysAgo: 4,
    requester: ACME2,
    summary: "Acme asks for the activity of a user on initech/tps-reports who they think copied their deploy scripts.",
    resources: [p("acme/infra/api"), p("initech/tps-reports")],
    eventTypes: ["repository_download_operation"],
    window: [4, 0.5],
    path: ["submit"],
    expect: "ineligible",
  },

  // ---- drafts
  {
    key: "draft-acme",
    account: "acme",
    author: "csm",
    startDaysAgo: 0.9,
    requester: ACME,
    summary: "Customer called about a webhook to an unknown URL on acme/web/checkout; waiting for the exact times.",
    resources: [p("acme/web/checkout")],
    eventTypes: [],
    window: [0, 0],
    path: [],
    expect: "draft",
  },
  {
    key: "draft-globex",
    account: "globex",
    author: "support",
    startDaysAgo: 0.3,
    requester: GLOBEX,
    summary: "Globex security asked by ticket about a new OAuth application on the group.",
    resources: [g("globex")],
    eventTypes: ["oauth_application_created"],
    window: [0, 0],
    path: [],
    expect: "draft",
  },
];
