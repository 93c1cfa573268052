// Kept whole (just over 300 lines): the settings' pure rules, imported as one module by the editor
// in the browser and by the services; each part is a few short functions.
// Redaction and policy settings: the pure rules (what a host suffix, a product host and a policy
// value may be, what changed between two versions). No I/O: the editor runs the same checks in
// the browser as the server does on save.

/** The policy values of contracts.md section 1 that Admin sets for everyone (never `waived`). */
export interface PolicyValues {
  maxWindowMonths: number;
  standardWindowDays: number;
  maxResources: number;
  maxEventTypes: number;
  supportMaxResources: number;
  /** Retention (lib/retention): days after a case closes that its raw and superseded redacted files are kept. */
  retentionDays: number;
}

export const POLICY_FIELDS = ["maxWindowMonths", "standardWindowDays", "maxResources", "maxEventTypes", "supportMaxResources", "retentionDays"] as const;
export type PolicyField = (typeof POLICY_FIELDS)[number];

/** Each value's allowed range (whole numbers) and what it means, for the editor and the messages. */
export const POLICY_LIMITS: Record<PolicyField, { min: number; max: number; label: string; unit: string; help: string }> = {
  maxWindowMonths: {
    min: 1,
    max: 12,
    label: "Longest window",
    unit: "calendar months",
    help: "No log-dive reaches further back than this many calendar months before the request; an older start makes the request ineligible.",
  },
  standardWindowDays: {
    min: 1,
    max: 31,
    label: "Standard window",
    unit: "days",
    help: "A window that starts further back than this is extended: it takes longer and goes to SIRT.",
  },
  maxResources: {
    min: 1,
    max: 100,
    label: "Most resources",
    unit: "resources",
    help: "More groups, projects or users than this is excessive: the request goes back for re-scoping.",
  },
  maxEventTypes: {
    min: 1,
    max: 100,
    label: "Most event types",
    unit: "event types",
    help: "More event types than this is excessive: the request goes back for re-scoping.",
  },
  supportMaxResources: {
    min: 1,
    max: 100,
    label: "Most resources for Support",
    unit: "resources",
    help: "More resources than this makes a request complex: it goes to SIRT. At most the number of resources allowed at all.",
  },
  retentionDays: {
    min: 1,
    max: 3650,
    label: "Keep raw files after closing",
    unit: "days",
    help: "Days after a case closes that its raw and superseded redacted files are kept.",
  },
};

/** Longest host name (RFC 1035) and label. */
const MAX_HOST = 253;
const MAX_LABEL = 63;
/** Enough for any company's systems; keeps the redactor's suffix list short. */
export const MAX_HOSTS = 200;

const LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/** How a host or suffix is compared and stored: trimmed, lower case. */
export function normalizeHost(value: string): string {
  return value.trim().toLowerCase();
}

/**
 * Why `value` is not a host name (or, with `suffix`, a host-name suffix), in words for the Admin,
 * or null when it is one. A suffix may start with one `.`: ".corp.example" matches the hosts under
 * corp.example; "corp.example" matches corp.example itself and the hosts under it (the redaction's
 * rule, lib/redaction). The value is judged as normalizeHost leaves it.
 */
export function hostProblem(raw: string, kind: "suffix" | "host"): string | null {
  const value = normalizeHost(raw);
  const what = kind === "suffix" ? "suffix" : "host name";
  if (value.length === 0) return `An empty ${what} is not allowed: remove the empty line.`;
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(value) || value.includes("://")) {
    return `Write the ${what} without a scheme: “${value.replace(/^[a-z][a-z0-9+.-]*:\/\//, "").split(/[/:]/)[0]}”, not “${value}”.`;
  }
  if (/\s/.test(value)) return `“${value}” has a space in it; a ${what} has none. Put each on its own line.`;
  if (value.includes("@")) return `“${value}” is not a ${what}: leave out the user name and the @.`;
  if (/:\d*$/.test(value) || /:\d+[/?#]?/.test(value)) return `Leave out the port: “${value.split(":")[0]}”, not “${value}”.`;
  if (/[/?#]/.test(value)) return `Leave out the path: “${value.split(/[/?#]/)[0]}”, not “${value}”.`;
  if (value.startsWith("*.")) {
    return kind === "suffix"
      ? `Write “${value.slice(1)}” instead of “${value}”: a suffix that starts with a dot already matches every host under it.`
      : `“${value}” is a pattern; a product host is one host name, e.g. gitlab.example.com.`;
  }
  const body = kind === "suffix" && value.startsWith(".") ? value.slice(1) : value;
  if (kind === "host" && value.startsWith(".")) return `“${value}” starts with a dot; a product host is one host name, e.g. gitlab.example.com.`;
  const bad = [...new Set(body.replace(/[a-z0-9.-]/g, ""))];
  if (bad.length > 0) return `“${value}” has characters a host name cannot hold (${bad.map((c) => `“${c}”`).join(" ")}): only letters, digits, “-” and “.”.`;
  if (body.length === 0) return `“${value}” would match every host; name a domain, e.g. .internal.`;
  if (value.length > MAX_HOST) return `“${value.slice(0, 40)}…” is longer than a host name can be (${MAX_HOST} characters).`;
  const labels = body.split(".");
  if (labels.some((l) => l.length === 0)) return `“${value}” has an empty part between dots (“..” or a dot at the end).`;
  if (labels.some((l) => l.length > MAX_LABEL)) return `“${value}” has a part longer than ${MAX_LABEL} characters between dots.`;
  if (labels.some((l) => !LABEL.test(l))) return `“${value}” has a part that starts or ends with “-”.`;
  // "internal" would also match the word itself, wherever it stands ("Internal Server Error").
  if (kind === "suffix" && labels.length === 1 && !value.startsWith(".")) {
    return `“${value}” is a single word: as a suffix it would also redact that word in ordinary text (with “internal”, “Internal Server Error” becomes “[REDACTED:system] Server Error”). Write “.${value}” to cover the hosts under it.`;
  }
  return null;
}

/** The product hosts that `suffix` covers: their URLs would be redacted as the company's own systems. */
export function coveredProductHosts(suffix: string, productHosts: readonly string[]): string[] {
  return productHosts.filter((h) => hostMatchesSuffix(h, suffix));
}

/**
 * Why `suffix` may not be an internal host suffix next to these product hosts, or null: a suffix
 * that covers a product host ("example.com" over gitlab.example.com) would redact the product's
 * own URLs as [REDACTED:system] instead of judging their paths. The message names the product host.
 */
export function productHostProblem(suffix: string, productHosts: readonly string[]): string | null {
  const covered = coveredProductHosts(suffix, productHosts);
  if (covered.length === 0) return null;
  const what = covered.length === 1 ? `the product host ${covered[0]}` : `the product hosts ${covered.join(", ")}`;
  return `“${normalizeHost(suffix)}” covers ${what}: its URLs would be redacted as [REDACTED:system] instead of read as the product's. Name a suffix that ${covered.length === 1 ? "the product host is" : "no product host is"} not under.`;
}

/**
 * The internal host suffixes that cover a product host, each with the 0-based index of its line
 * (entries that are not host names are left to hostListProblems).
 */
export function productHostConflicts(internalHosts: readonly string[], productHosts: readonly string[]): { index: number; message: string }[] {
  const products = productHosts.filter((h) => hostProblem(h, "host") === null).map(normalizeHost);
  const out: { index: number; message: string }[] = [];
  internalHosts.forEach((raw, index) => {
    if (hostProblem(raw, "suffix") !== null) return;
    const problem = productHostProblem(raw, products);
    if (problem) out.push({ index, message: `Line ${index + 1}: ${problem}` });
  });
  return out;
}

/** Problems of a whole list, each with the 0-based index of the entry it is about. */
export function hostListProblems(values: readonly string[], kind: "suffix" | "host"): { index: number; message: string }[] {
  const out: { index: number; message: string }[] = [];
  const seen = new Map<string, number>();
  values.forEach((raw, index) => {
    const problem = hostProblem(raw, kind);
    if (problem) {
      out.push({ index, message: `Line ${index + 1}: ${problem}` });
      return;
    }
    const value = normalizeHost(raw);
    const first = seen.get(value);
    if (first !== undefined) out.push({ index, message: `Line ${index + 1}: “${value}” is already on line ${first + 1}; list it once.` });
    else seen.set(value, index);
  });
  if (values.length > MAX_HOSTS) out.push({ index: MAX_HOSTS, message: `List at most ${MAX_HOSTS}; this list has ${values.length}.` });
  return out;
}

/** Why a policy value is refused, or null. Whole numbers within POLICY_LIMITS; Support's maximum at most the maximum. */
export function policyProblem(field: PolicyField, value: unknown, all?: Partial<Record<PolicyField, unknown>>): string | null {
  const { min, max, unit } = POLICY_LIMITS[field];
  if (typeof value !== "number" || !Number.isFinite(value)) return `Enter a whole number from ${min} to ${max}.`;
  if (!Number.isInteger(value)) return `Enter a whole number of ${unit} from ${min} to ${max}.`;
  if (value < min || value > max) return `Enter ${min} to ${max} ${unit}; ${value} is out of range.`;
  if (field === "supportMaxResources" && typeof all?.maxResources === "number" && Number.isInteger(all.maxResources) && value > all.maxResources) {
    return `Support's maximum (${value}) cannot be more than the most resources allowed at all (${all.maxResources}).`;
  }
  return null;
}

/**
 * Whether `host` is one of the company's own systems under `suffix`, as lib/redaction decides it:
 * ".corp.example" matches db1.corp.example but not corp.example itself; "corp.example" matches
 * corp.example and db1.corp.example; neither matches notcorp.example.
 */
export function hostMatchesSuffix(host: string, suffix: string): boolean {
  const h = normalizeHost(host);
  const s = normalizeHost(suffix);
  if (s.length === 0 || s === ".") return false;
  if (s.startsWith(".")) return h.length > s.length && h.endsWith(s);
  return h === s || (h.length > s.length && h.endsWith(s) && h[h.length - s.length - 1] === ".");
}

/** The first suffix of `suffixes` that already covers `host`, or null. */
export function coveringSuffix(host: string, suffixes: readonly string[]): string | null {
  return suffixes.find((s) => hostMatchesSuffix(host, s) || normalizeHost(s) === normalizeHost(host)) ?? null;
}

export interface SettingsValues {
  internalHosts: string[];
  productHosts: string[];
  policy: PolicyValues;
}

export interface SettingsChange {
  internalHosts: { added: string[]; removed: string[] };
  productHosts: { added: string[]; removed: string[] };
  policy: { field: PolicyField; from: number; to: number }[];
}

const listDiff = (before: readonly string[], after: readonly string[]) => ({
  added: after.filter((h) => !before.includes(h)),
  removed: before.filter((h) => !after.includes(h)),
});

/** What changed from `before` to `after` (order of the lists does not count). */
export function diffSettings(before: SettingsValues | null, after: SettingsValues): SettingsChange {
  return {
    internalHosts: listDiff(before?.internalHosts ?? [], after.internalHosts),
    productHosts: listDiff(before?.productHosts ?? [], after.productHosts),
    policy: before
      ? POLICY_FIELDS.filter((f) => before.policy[f] !== after.policy[f]).map((field) => ({ field, from: before.policy[field], to: after.policy[field] }))
      : [],
  };
}

export function isEmptyChange(c: SettingsChange): boolean {
  return (
    c.internalHosts.added.length + c.internalHosts.removed.length + c.productHosts.added.length + c.productHosts.removed.length + c.policy.length === 0
  );
}

/** One line per kind of change, in plain words, for the history and the activity log. */
export function describeChange(c: SettingsChange): string[] {
  const lines: string[] = [];
  const list = (what: string, d: { added: string[]; removed: string[] }) => {
    if (d.added.length) lines.push(`${what}: added ${d.added.join(", ")}`);
    if (d.removed.length) lines.push(`${what}: removed ${d.removed.join(", ")}`);
  };
  list("Internal host suffixes", c.internalHosts);
  list("Product hosts", c.productHosts);
  for (const p of c.policy) lines.push(`${POLICY_LIMITS[p.field].label}: ${p.from} → ${p.to} ${POLICY_LIMITS[p.field].unit}`);
  return lines;
}

export const samePolicy = (a: PolicyValues, b: PolicyValues) => POLICY_FIELDS.every((f) => a[f] === b[f]);

/** The policy values the eligibility rules read (all but retention): the ones whose change the preview shows. */
export const ELIGIBILITY_FIELDS = POLICY_FIELDS.filter((f) => f !== "retentionDays");
export const sameEligibility = (a: PolicyValues, b: PolicyValues) => ELIGIBILITY_FIELDS.every((f) => a[f] === b[f]);

type HostLists = Pick<SettingsValues, "internalHosts" | "productHosts">;

/** Whether two versions redact alike: the same internal host suffixes and product hosts (order aside). Policy values do not redact. */
export function sameHostLists(a: HostLists, b: HostLists): boolean {
  const d = diffSettings({ ...a, policy: {} as PolicyValues }, { ...b, policy: {} as PolicyValues });
  return d.internalHosts.added.length + d.internalHosts.removed.length + d.productHosts.added.length + d.productHosts.removed.length === 0;
}

/** "added .ops.example, removed .corp and added the product host gitlab.example.com": what the host lists gained and lost. */
export function hostListsChangeText(before: HostLists, after: HostLists): string {
  const d = diffSettings({ ...before, policy: {} as PolicyValues }, { ...after, policy: {} as PolicyValues });
  const product = (hosts: string[]) => `the product ${hosts.length === 1 ? "host" : "hosts"} ${hosts.join(", ")}`;
  const parts = [
    d.internalHosts.added.length ? `added ${d.internalHosts.added.join(", ")}` : "",
    d.internalHosts.removed.length ? `removed ${d.internalHosts.removed.join(", ")}` : "",
    d.productHosts.added.length ? `added ${product(d.productHosts.added)}` : "",
    d.productHosts.removed.length ? `removed ${product(d.productHosts.removed)}` : "",
  ].filter(Boolean);
  return parts.length <= 1 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}

/**
 * The warning beside an approved artefact's share form when a newer settings version changed the
 * host lists it was redacted with, or null: "Redacted with settings v3; v5 (in force) added
 * .ops.example: consider redacting again before release."
 */
export function releaseSettingsWarning(used: HostLists & { version: number }, current: HostLists & { version: number }): string | null {
  if (used.version >= current.version || sameHostLists(used, current)) return null;
  return `Redacted with settings v${used.version}; v${current.version} (in force) ${hostListsChangeText(used, current)}: consider redacting again before release.`;
}

/**
 * Artefact statuses in which the case's team may redact again with newer settings: in review,
 * rejected, and approved but not yet shared (that voids both approvals). A shared file is final.
 */
export const REDACT_WITH_NEW_SETTINGS_STATUSES = ["in_review", "rejected", "approved"] as const;

// ---------------------------------------------------------------------------------------------
// SIRT's "Treat as internal" on the residue (components/artefacts/treat-as-internal.tsx)

export type HostProposalStatus = "open" | "accepted" | "declined";

/** Second-level labels under which a country's registry sells names (example.co.uk, example.com.au). */
const REGISTRY_SECOND_LEVEL = new Set(["co", "com", "net", "org", "gov", "edu", "ac", "or", "ne", "go"]);

/**
 * The suffix that covers a host and its siblings, offered in one click: `db-7.corp.example` ->
 * `.corp.example`. None when it would be too broad: fewer than two labels, a registry's own
 * suffix (`.co.uk`, `.com.au`), or one that covers a product host (`.example.com` over
 * gitlab.example.com).
 */
export function siblingSuffix(host: string, productHosts: readonly string[] = []): string | null {
  const labels = normalizeHost(host).split(".");
  if (labels.length < 3) return null;
  const rest = labels.slice(1);
  if (rest.length === 2 && REGISTRY_SECOND_LEVEL.has(rest[0]!) && /^[a-z]{2}$/.test(rest[1]!)) return null;
  const suffix = `.${rest.join(".")}`;
  if (hostProblem(suffix, "suffix") !== null || coveredProductHosts(suffix, productHosts).length > 0) return null;
  return suffix;
}

/**
 * The state of the proposal that covers `host` (proposed as itself, or as a suffix above it), if
 * any: an open or accepted one before a declined one.
 */
export function proposalStatusFor(host: string, statuses: Record<string, HostProposalStatus>): HostProposalStatus | undefined {
  let found: HostProposalStatus | undefined;
  for (const [proposed, status] of Object.entries(statuses)) {
    if (!hostMatchesSuffix(host, proposed)) continue;
    if (status !== "declined") return status;
    found = status;
  }
  return found;
}

/**
 * The proposal that covers `host` (proposed as itself, or as a suffix above it), from a list newest
 * first: the newest open or accepted one, else the newest declined one (which may be proposed again).
 */
export function proposalCovering<T extends { host: string; status: HostProposalStatus }>(host: string, proposals: readonly T[]): T | undefined {
  let declined: T | undefined;
  for (const p of proposals) {
    if (!hostMatchesSuffix(host, p.host)) continue;
    if (p.status !== "declined") return p;
    declined ??= p;
  }
  return declined;
}
