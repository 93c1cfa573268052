// Bulk import of customer accounts: CSV or JSON text -> rows with per-row errors.
// Pure: no I/O. Which rows create or update is decided by lib/accounts/preview-import.ts.
// The CSV reader is csv.ts, one row's checks import-row.ts.
import { parseCsv } from "./csv";
import { toRow } from "./import-row";
import { IMPORT_MAX_ROWS, type TAccountFields, type TImportFormat, type TResourceInput } from "./schemas";

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

export type RawValues = Partial<Record<ImportColumn, unknown>>;
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
