// One row of the accounts import: its values checked and turned into an account, or the reasons
// it cannot be. Pure: no I/O.
import { z } from "zod";
import type { ImportColumn, ImportRow, RawValues, RowError } from "./import";
import { DEPLOYMENTS, PLANS, SUPPORT_PLANS, ZAccountFields, pathProblem, type TResourceInput, type TResourceKind } from "./schemas";

const YES = ["true", "yes", "y", "1"];
const NO = ["false", "no", "n", "0"];

/** The values of one row checked and turned into an account, or the reasons it cannot be. */
export function toRow(where: string, v: RawValues): ImportRow {
  const errors: RowError[] = [];
  const err = (field: RowError["field"], message: string) => errors.push({ field, message });

  const str = (field: ImportColumn): string => {
    const value = v[field];
    if (value === undefined || value === null) return "";
    if (typeof value === "string") return value.trim();
    if (typeof value === "number") return String(value);
    err(field, `Write ${field} as text.`);
    return "";
  };
  const bool = (field: ImportColumn, required: boolean): boolean => {
    const value = v[field];
    if (typeof value === "boolean") return value;
    const s = str(field).toLowerCase();
    if (YES.includes(s)) return true;
    if (NO.includes(s)) return false;
    if (s === "" && !required) return false;
    err(field, s === "" ? `Say whether the account is ${field.replace(/_/g, " ")}: yes or no.` : `“${s}” is not yes or no.`);
    return false;
  };
  const choice = <T extends string>(field: ImportColumn, allowed: readonly T[], what: string, fallback?: T): T | undefined => {
    const s = str(field).toLowerCase().replace(/[\s-]+/g, "_");
    if (s === "" && fallback) return fallback;
    if ((allowed as readonly string[]).includes(s)) return s as T;
    err(field, s === "" ? `Give the ${what}: ${allowed.join(", ")}.` : `“${str(field)}” is not a ${what}: use ${allowed.join(", ").replace(/, ([^,]*)$/, " or $1")}.`);
    return undefined;
  };
  const list = (field: ImportColumn): unknown[] => {
    const value = v[field];
    if (value === undefined || value === null) return [];
    if (typeof value === "string") return value.split(";").map((x) => x.trim()).filter(Boolean);
    if (Array.isArray(value)) return value.map((x) => (typeof x === "string" ? x.trim() : x)).filter((x) => x !== "");
    err(field, `Write ${field} as a list: separated by “;” in CSV, an array in JSON.`);
    return [];
  };

  const slug = str("slug");
  const name = str("name");
  const plan = choice("plan", PLANS, "plan");
  const deployment = choice("deployment", DEPLOYMENTS, "deployment");
  const supportPlan = choice("support_plan", SUPPORT_PLANS, "support plan", "current");
  const paying = bool("paying", true);
  const incidentNotification = bool("incident_notification", false);
  const notificationContact = str("notification_contact");

  const fields = ZAccountFields.safeParse({ name, slug, plan: plan ?? "free", deployment: deployment ?? "saas", paying, supportPlan: supportPlan ?? "current", incidentNotification, notificationContact });
  if (!fields.success) {
    for (const issue of fields.error.issues) err(FIELD_COLUMN[String(issue.path[0])] ?? "row", issue.message);
  }

  const resources: TResourceInput[] = [];
  const seen = new Set<string>();
  const addResource = (field: ImportColumn, kind: TResourceKind, path: string, email: string | null) => {
    const problem = pathProblem(kind, path);
    if (problem) return err(field, problem);
    const key = `${kind === "user" ? "user" : "ns"}:${path.toLowerCase()}`;
    if (seen.has(key)) return err(field, `“${path}” is listed twice.`);
    seen.add(key);
    resources.push({ kind, path, email });
  };
  for (const [field, kind] of [["groups", "group"], ["projects", "project"]] as const) {
    for (const item of list(field)) {
      if (typeof item !== "string") err(field, `Write each of the ${field} as a path, like acme/infra.`);
      else addResource(field, kind, item, null);
    }
  }
  for (const item of list("users")) {
    const user = parseUser(item);
    if ("problem" in user) err("users", user.problem);
    else addResource("users", "user", user.name, user.email);
  }

  const csmEmails: string[] = [];
  for (const item of list("csm_emails")) {
    const email = typeof item === "string" ? item.toLowerCase() : "";
    if (!z.email().safeParse(email).success) err("csm_emails", `“${String(item)}” is not an email address.`);
    else if (!csmEmails.includes(email)) csmEmails.push(email);
  }

  return { where, slug: slug.toLowerCase(), name, errors, csmEmails, account: errors.length === 0 && fields.success ? { fields: fields.data, resources, csmEmails } : null };
}

const FIELD_COLUMN: Record<string, ImportColumn> = {
  name: "name",
  slug: "slug",
  plan: "plan",
  deployment: "deployment",
  paying: "paying",
  supportPlan: "support_plan",
  incidentNotification: "incident_notification",
  notificationContact: "notification_contact",
};

/** "jdoe", "jdoe <jdoe@example.com>", or in JSON {"name": "jdoe", "email": "..."}. */
export function parseUser(item: unknown): { name: string; email: string | null } | { problem: string } {
  let name: string;
  let email: string | null = null;
  if (typeof item === "string") {
    const m = /^([^<>]*?)\s*<\s*([^<>]*?)\s*>$/.exec(item);
    if (m) {
      name = m[1]!;
      email = m[2]!.toLowerCase() || null;
    } else if (/[<>]/.test(item)) {
      return { problem: `“${item}”: write a user as name or name <email>, like jdoe <jdoe@example.com>.` };
    } else name = item;
  } else if (item && typeof item === "object" && !Array.isArray(item) && typeof (item as { name?: unknown }).name === "string") {
    const o = item as { name: string; email?: unknown };
    name = o.name.trim();
    if (o.email !== undefined && o.email !== null && typeof o.email !== "string") return { problem: `The email of “${name}” must be text.` };
    email = typeof o.email === "string" && o.email.trim() ? o.email.trim().toLowerCase() : null;
  } else {
    return { problem: `Write each user as "name" or "name <email>".` };
  }
  if (name === "") return { problem: `“${String(item)}” has no user name before the email.` };
  if (email !== null && !z.email().safeParse(email).success) return { problem: `“${email}” (user ${name}) is not an email address.` };
  return { name, email };
}
