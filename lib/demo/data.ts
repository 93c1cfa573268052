import type { Role } from "@/lib/auth/permissions";

/** Demo staff: one per role, with known passwords printed at start. Embedded default only. */
export const DEMO_STAFF: { email: string; name: string; role: Role; password: string }[] = [
  { email: "support@logdesk.test", name: "Sam Support", role: "support", password: "support-demo-pass" },
  { email: "csm@logdesk.test", name: "Casey CSM", role: "csm", password: "csm-demo-pass" },
  { email: "sirt@logdesk.test", name: "Riley SIRT", role: "sirt", password: "sirt-demo-pass" },
  { email: "legal@logdesk.test", name: "Lee Legal", role: "legal", password: "legal-demo-pass" },
  { email: "admin@logdesk.test", name: "Alex Admin", role: "admin", password: "admin-demo-pass" },
];

type Res = { kind: "group" | "project" | "user"; path: string; email?: string };

export interface DemoAccount {
  slug: string;
  name: string;
  plan: "free" | "trial" | "premium" | "ultimate";
  deployment: "saas" | "self_managed";
  paying: boolean;
  supportPlan: "current" | "deprecated";
  incidentNotification: boolean;
  notificationContact?: string;
  managedBy?: string[]; // CSM emails
  resources: Res[];
  /** Why the account is in the demo: the rule it exercises. */
  exercises: string;
}

const users = (domain: string, names: string[]): Res[] =>
  names.map((n) => ({ kind: "user", path: n, email: `${n.replace(/[^a-z0-9.]/gi, ".")}@${domain}` }));

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    slug: "acme",
    name: "Acme Corporation",
    plan: "premium",
    deployment: "saas",
    paying: true,
    supportPlan: "current",
    incidentNotification: true,
    notificationContact: "security@acme.example",
    managedBy: ["csm@logdesk.test"],
    exercises: "premium SaaS, eligible; nested subgroups",
    resources: [
      { kind: "group", path: "acme" },
      { kind: "group", path: "acme/infra" },
      { kind: "group", path: "acme/infra/k8s" },
      { kind: "project", path: "acme/infra/api" },
      { kind: "project", path: "acme/infra/k8s/cluster-config" },
      { kind: "project", path: "acme/web/storefront" },
      { kind: "project", path: "acme/web/checkout" },
      ...users("acme.example", ["alice", "bob.smith", "carol-ops", "deploy-bot"]),
    ],
  },
  {
    slug: "globex",
    name: "Globex Corporation",
    plan: "ultimate",
    deployment: "saas",
    paying: true,
    supportPlan: "current",
    incidentNotification: false,
    managedBy: ["csm@logdesk.test"],
    exercises: "ultimate SaaS, eligible",
    resources: [
      { kind: "group", path: "globex" },
      { kind: "group", path: "globex/platform" },
      { kind: "project", path: "globex/platform/api" },
      { kind: "project", path: "globex/platform/billing" },
      { kind: "project", path: "globex/data/warehouse" },
      ...users("globex.example", ["hank", "frank.w", "mindy"]),
    ],
  },
  {
    slug: "acme-x",
    name: "Acme-X Robotics (unrelated to Acme)",
    plan: "premium",
    deployment: "saas",
    paying: true,
    supportPlan: "current",
    incidentNotification: false,
    exercises: "look-alike prefix: acme-x is not under acme",
    resources: [{ kind: "group", path: "acme-x" }, { kind: "project", path: "acme-x/robots" }, ...users("acme-x.example", ["rob"])],
  },
  {
    slug: "initech",
    name: "Initech",
    plan: "free",
    deployment: "saas",
    paying: false,
    supportPlan: "current",
    incidentNotification: false,
    exercises: "free plan: ineligible",
    resources: [{ kind: "group", path: "initech" }, { kind: "project", path: "initech/tps-reports" }, ...users("initech.example", ["peter", "milton"])],
  },
  {
    slug: "umbrella",
    name: "Umbrella Labs",
    plan: "trial",
    deployment: "saas",
    paying: false,
    supportPlan: "current",
    incidentNotification: false,
    exercises: "trial: plan check fails, a Legal exception may be asked",
    resources: [{ kind: "group", path: "umbrella" }, { kind: "group", path: "umbrella/research" }, { kind: "project", path: "umbrella/research/t-virus" }, ...users("umbrella.example", ["wesker", "alice.a"])],
  },
  {
    slug: "openmind",
    name: "OpenMind Foundation (sponsored OSS)",
    plan: "ultimate",
    deployment: "saas",
    paying: false,
    supportPlan: "current",
    incidentNotification: false,
    exercises: "sponsored ultimate, not paying: ineligible",
    resources: [{ kind: "group", path: "openmind" }, { kind: "project", path: "openmind/core" }, ...users("openmind.example", ["maintainer1"])],
  },
  {
    slug: "soylent",
    name: "Soylent Foods",
    plan: "premium",
    deployment: "saas",
    paying: true,
    supportPlan: "deprecated",
    incidentNotification: false,
    exercises: "deprecated support plan: ineligible",
    resources: [{ kind: "group", path: "soylent" }, { kind: "project", path: "soylent/green" }, ...users("soylent.example", ["thorn"])],
  },
  {
    slug: "stark",
    name: "Stark Industries (self-managed)",
    plan: "ultimate",
    deployment: "self_managed",
    paying: true,
    supportPlan: "current",
    incidentNotification: false,
    exercises: "self-managed: not served",
    resources: [{ kind: "group", path: "stark" }, { kind: "project", path: "stark/jarvis" }, ...users("stark.example", ["tony", "pepper"])],
  },
];

/**
 * The redaction settings the demo data and `npm run sample-extract` are written for: the demo
 * seed saves them as a settings version (Admin -> Settings), and the log generator writes its
 * internal hosts under these suffixes and its product URLs on these hosts.
 */
export const DEMO_REDACTION_SETTINGS: { internalHosts: string[]; productHosts: string[] } = {
  internalHosts: [".internal", ".corp", ".local", ".corp.example"],
  productHosts: ["gitlab.example.com"],
};
