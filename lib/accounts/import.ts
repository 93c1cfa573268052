// Bulk import of customer accounts: CSV or JSON text -> rows with per-row errors.
// Pure: no I/O. Which rows create or update is decided by lib/accounts/service.ts.
import { z } from "zod";
import {
  DEPLOYMENTS,
  IMPORT_MAX_ROWS,
  PLANS,
  SUPPORT_PLANS,
  ZAccountFields,
  pathProblem,
  type TAccountFields,
  type TImportFormat,
  type TResourceInput,
  type TResourceKind,
} from "./schemas";

export const IMPORT_COLUMNS = [
  "slug",
  "name",
  "plan",
  "deployment",
  "paying",
  "support_plan",
  "incident_notification",
  "notification_contact",
  "groups",
  "projects",
  "users",
  "csm_emails",
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
const REQUIRED_COLUMNS: ImportColumn[] = ["slug", "name", "plan", "deployment", "paying"];

/** A problem with one row, named by the column it is in ("row" for the row as a whole). */
export interface RowError {
  field: ImportColumn | "row";
  message: string;
}

export interface ImportAccount {
  fields: TAccountFields;
  resources: TResourceInput[];
  /** Lower-cased, without repeats. */
  csmEmails: string[];
}

export interface ImportRow {
  /** "Line 3" for CSV (where the row starts), "Item 2" for JSON. */
  where: string;
  slug: string;
  name: string;
  /** null when the row has errors. */
  account: ImportAccount | null;
  /** The CSM emails that could be read, even on a row with other errors, so every problem shows at once. */
  csmEmails: string[];
  errors: RowError[];
}

export interface ParsedImport {
  format: TImportFormat;
  rows: ImportRow[];
  /** Problems with the file as a whole (unreadable JSON, a missing column...): nothing can be imported. */
  fileErrors: string[];
}

/** JSON when the file name says so or the text starts with "[" or "{"; CSV otherwise. */
export function detectFormat(text: string, filename?: string): TImportFormat {
  if (filename) {
    if (/\.json$/i.test(filename)) return "json";
    if (/\.csv$/i.test(filename)) return "csv";
  }
  return /^\uFEFF?\s*[[{]/.test(text) ? "json" : "csv";
}

export function parseImport(text: string, format: TImportFormat): ParsedImport {
  const parsed = format === "json" ? readJson(text) : readCsv(text);
  if (parsed.fileErrors.length > 0) return { format, rows: [], fileErrors: parsed.fileErrors };
  if (parsed.records.length === 0) return { format, rows: [], fileErrors: ["There are no accounts in the text."] };
  if (parsed.records.length > IMPORT_MAX_ROWS) {
    return { format, rows: [], fileErrors: [`There are ${parsed.records.length} accounts; import at most ${IMPORT_MAX_ROWS} at a time.`] };
  }
  const rows = parsed.records.map((r) => (r.errors.length > 0 ? { where: r.where, slug: text1(r.values.slug).toLowerCase(), name: text1(r.values.name), account: null, csmEmails: [], errors: r.errors } : toRow(r.where, r.values)));
  markDuplicateSlugs(rows);
  return { format, rows, fileErrors: [] };
}

// ------------------------------------------------------------------ CSV

/**
 * RFC 4180 records: fields separated by commas, a field in double quotes may
 * hold commas, newlines and doubled quotes (""). Returns the line each record
 * starts on. Only an unclosed quote is an error: it leaves no way to tell rows apart.
 */
export function parseCsv(text: string): { records: { line: number; fields: string[] }[]; error: string | null } {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = "";
  let inQuotes = false;
  let quoteLine = 0;
  let line = 1;
  let recordLine = 1;
  const endRecord = () => {
    fields.push(field);
    records.push({ line: recordLine, fields });
    fields = [];
    field = "";
  };
  const s = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (inQuotes) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else if (c === "\r" && s[i + 1] === "\n") {
        // A CRLF inside a quoted value is kept as one newline.
      } else {
        if (c === "\n") line++;
        field += c;
      }
    } else if (c === '"' && field.trim() === "") {
      field = "";
      inQuotes = true;
      quoteLine = line;
    } else if (c === ",") {
      fields.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && s[i + 1] === "\n") i++;
      endRecord();
      line++;
      recordLine = line;
    } else field += c;
  }
  if (inQuotes) return { records: [], error: `The quote opened on line ${quoteLine} is never closed: end the value with a " (write "" for a quote inside it).` };
  if (field !== "" || fields.length > 0) endRecord();
  return { records: records.filter((r) => r.fields.some((f) => f.trim() !== "")), error: null };
}

type RawValues = Partial<Record<ImportColumn, unknown>>;
type RawRecord = { where: string; values: RawValues; errors: RowError[] };

const columnOf = (header: string) => header.trim().toLowerCase().replace(/[\s-]+/g, "_") as ImportColumn;

function readCsv(text: string): { records: RawRecord[]; fileErrors: string[] } {
  const { records, error } = parseCsv(text);
  if (error) return { records: [], fileErrors: [error] };
  const [header, ...body] = records;
  if (!header) return { records: [], fileErrors: [] };
  const columns = header.fields.map(columnOf);
  const fileErrors: string[] = [];
  const unknown = columns.filter((c) => !(IMPORT_COLUMNS as readonly string[]).includes(c));
  if (unknown.length > 0) {
    fileErrors.push(`The first line is the header; ${unknown.map((c) => `“${c}”`).join(", ")} ${unknown.length === 1 ? "is not a column" : "are not columns"}. The columns are: ${IMPORT_COLUMNS.join(",")}.`);
  }
  const repeated = columns.filter((c, i) => columns.indexOf(c) !== i);
  if (repeated.length > 0) fileErrors.push(`The header names ${[...new Set(repeated)].map((c) => `“${c}”`).join(", ")} more than once.`);
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length > 0 && unknown.length === 0) fileErrors.push(`The header needs the column${missing.length === 1 ? "" : "s"} ${missing.join(", ")}. The columns are: ${IMPORT_COLUMNS.join(",")}.`);
  if (fileErrors.length > 0) return { records: [], fileErrors };
  return {
    fileErrors: [],
    records: body.map((r) => {
      const values: RawValues = {};
      columns.forEach((c, i) => (values[c] = r.fields[i] ?? ""));
      const errors: RowError[] =
        r.fields.length === columns.length
          ? []
          : [{ field: "row", message: `This row has ${r.fields.length} values but the header has ${columns.length}. Put a value that contains a comma in double quotes.` }];
      return { where: `Line ${r.line}`, values, errors };
    }),
  };
}

// ------------------------------------------------------------------ JSON

const CAMEL: Record<string, ImportColumn> = {
  supportPlan: "support_plan",
  incidentNotification: "incident_notification",
  notificationContact: "notification_contact",
  csmEmails: "csm_emails",
};

function readJson(text: string): { records: RawRecord[]; fileErrors: string[] } {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (err) {
    return { records: [], fileErrors: [`The JSON could not be read (${(err as Error).message}).`] };
  }
  if (!Array.isArray(data)) {
    return { records: [], fileErrors: [`The JSON must be a list of accounts: [{"slug": "acme", "name": "Acme", ...}, ...].`] };
  }
  return {
    fileErrors: [],
    records: data.map((item, i) => {
      const where = `Item ${i + 1}`;
      if (item === null || typeof item !== "object" || Array.isArray(item)) {
        return { where, values: {}, errors: [{ field: "row", message: `Item ${i + 1} is not an account: write it as {"slug": ..., "name": ..., ...}.` }] };
      }
      const values: RawValues = {};
      const errors: RowError[] = [];
      for (const [key, value] of Object.entries(item as Record<string, unknown>)) {
        const column = CAMEL[key] ?? (key as ImportColumn);
        if (!(IMPORT_COLUMNS as readonly string[]).includes(column)) {
          errors.push({ field: "row", message: `“${key}” is not a field. The fields are: ${IMPORT_COLUMNS.join(", ")}.` });
        } else values[column] = value;
      }
      return { where, values, errors };
    }),
  };
}

// ------------------------------------------------------------------ one row

const text1 = (v: unknown) => (typeof v === "string" ? v.trim() : typeof v === "number" ? String(v) : "");

const YES = ["true", "yes", "y", "1"];
const NO = ["false", "no", "n", "0"];

/** The values of one row checked and turned into an account, or the reasons it cannot be. */
function toRow(where: string, v: RawValues): ImportRow {
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

function markDuplicateSlugs(rows: ImportRow[]) {
  const first = new Map<string, string>();
  for (const row of rows) {
    if (!row.slug) continue;
    const earlier = first.get(row.slug);
    if (earlier) {
      row.errors.push({ field: "slug", message: `“${row.slug}” is also on ${earlier.toLowerCase()}: list each account once per import.` });
      row.account = null;
    } else first.set(row.slug, row.where);
  }
}
