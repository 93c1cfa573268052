import "server-only";
import { createHash } from "node:crypto";
import { db, type Tx } from "@/lib/db";
import { parseImport, type ImportAccount, type RowError } from "./import";
import { diffFields, FIELDS_SELECT, pickFields, resourceData, resourceKey } from "./rules";
import type { TAccountFields, TPreviewImportInput, TResourceKind } from "./schemas";

// Bulk import of customer accounts, first step: what the text would do to the accounts as they are now.

export type ImportAction = "create" | "update" | "unchanged" | "error";

export interface ImportPreviewRow {
  where: string;
  slug: string;
  name: string;
  action: ImportAction;
  errors: RowError[];
  /** For updates: the fields that change. */
  fieldChanges: { field: string; from: unknown; to: unknown }[];
  addResources: { kind: TResourceKind; path: string; email: string | null }[];
  removeResources: { kind: TResourceKind; path: string; email: string | null }[];
  addManagers: string[];
  removeManagers: string[];
}

export interface ImportPreview {
  format: "csv" | "json";
  fileErrors: string[];
  rows: ImportPreviewRow[];
  counts: Record<ImportAction, number>;
  /** Names exactly this plan against the accounts as they are now; applying needs it unchanged. */
  token: string;
}

export type PlannedRow = ImportPreviewRow & {
  account: ImportAccount | null;
  existing: { id: string; version: number; fields: TAccountFields; resources: { id: string; kind: TResourceKind; path: string; pathLower: string; email: string | null }[]; managerIds: string[] } | null;
  managerIds: string[];
};

/** What an import would do to the accounts as they are in `tx` now. */
export async function planImport(tx: Tx, input: TPreviewImportInput): Promise<{ preview: ImportPreview; planned: PlannedRow[] }> {
  const parsed = parseImport(input.text, input.format);
  const slugs = parsed.rows.map((r) => r.slug).filter(Boolean);
  const emails = [...new Set(parsed.rows.flatMap((r) => r.csmEmails))];
  const [existing, staff] = await Promise.all([
    slugs.length
      ? tx.account.findMany({
          where: { slug: { in: slugs } },
          select: { id: true, ...FIELDS_SELECT, version: true, resources: { select: { id: true, kind: true, path: true, pathLower: true, email: true } }, managers: { select: { user: { select: { id: true, email: true } } } } },
        })
      : [],
    emails.length ? tx.user.findMany({ where: { email: { in: emails } }, select: { id: true, email: true, name: true, role: true, active: true } }) : [],
  ]);
  const bySlug = new Map(existing.map((a) => [a.slug, a]));
  const byEmail = new Map(staff.map((u) => [u.email, u]));

  const planned = parsed.rows.map((row): PlannedRow => {
    const errors = [...row.errors];
    const managerIds: string[] = [];
    for (const email of row.csmEmails) {
      const u = byEmail.get(email);
      if (!u) errors.push({ field: "csm_emails", message: `No staff member has the email “${email}”.` });
      else if (u.role !== "csm") errors.push({ field: "csm_emails", message: `${u.name} (${email}) is not a Customer Success Manager.` });
      else if (!u.active) errors.push({ field: "csm_emails", message: `${u.name} (${email}) is deactivated.` });
      else managerIds.push(u.id);
    }
    const found = bySlug.get(row.slug);
    const current = found
      ? {
          id: found.id,
          version: found.version,
          fields: pickFields(found),
          resources: found.resources,
          managerIds: found.managers.map((m) => m.user.id),
        }
      : null;
    const base = { where: row.where, slug: row.slug, name: row.name, errors, account: row.account, existing: current, managerIds, fieldChanges: [], addResources: [], removeResources: [], addManagers: [], removeManagers: [] };
    if (errors.length > 0 || !row.account) return { ...base, action: "error", account: null };
    const account = row.account;
    if (!found || !current) {
      return { ...base, action: "create", addResources: account.resources.map(resourceData).map(({ pathLower: _, ...r }) => r), addManagers: account.csmEmails };
    }
    const { before, after } = diffFields(current.fields, account.fields);
    const fieldChanges = Object.keys(after).map((k) => ({ field: k, from: (before as Record<string, unknown>)[k], to: (after as Record<string, unknown>)[k] }));
    const wanted = new Map(account.resources.map((r) => [resourceKey(r), r]));
    const have = new Map(current.resources.map((r) => [resourceKey(r), r]));
    const addResources = account.resources.filter((r) => !have.has(resourceKey(r))).map((r) => ({ kind: r.kind, path: r.path, email: r.kind === "user" ? r.email : null }));
    const removeResources = current.resources.filter((r) => !wanted.has(resourceKey(r))).map((r) => ({ kind: r.kind, path: r.path, email: r.email }));
    const currentEmails = found.managers.map((m) => m.user.email);
    const addManagers = account.csmEmails.filter((e) => !currentEmails.includes(e));
    const removeManagers = currentEmails.filter((e) => !account.csmEmails.includes(e));
    const changed = fieldChanges.length + addResources.length + removeResources.length + addManagers.length + removeManagers.length > 0;
    return { ...base, action: changed ? "update" : "unchanged", fieldChanges, addResources, removeResources, addManagers, removeManagers };
  });

  const counts: Record<ImportAction, number> = { create: 0, update: 0, unchanged: 0, error: 0 };
  for (const p of planned) counts[p.action]++;
  const token = createHash("sha256")
    .update(JSON.stringify([parsed.fileErrors, planned.map((p) => [p.slug, p.action, p.existing?.id ?? null, p.existing?.version ?? null, p.account, p.managerIds, p.removeResources, p.removeManagers])]))
    .digest("hex");
  const rows = planned.map(({ account: _a, existing: _e, managerIds: _m, ...r }) => r);
  return { preview: { format: input.format, fileErrors: parsed.fileErrors, rows, counts, token }, planned };
}

/** Reads the text and says, row by row, what importing it would create, update, or why it cannot. Writes nothing. */
export async function previewImport(input: TPreviewImportInput): Promise<ImportPreview> {
  return (await planImport(db(), input)).preview;
}
