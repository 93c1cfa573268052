import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { recordActivity, type Actor } from "@/lib/audit";
import { db, type Tx } from "@/lib/db";
import { AppError, conflict, notFound } from "@/lib/errors";
import { parseImport, type ImportAccount, type RowError } from "./import";
import type { TAccountFields, TApplyImportInput, TPreviewImportInput, TResourceInput, TResourceKind, TSetManagersInput, TUpdateAccountInput } from "./schemas";

// Customer accounts and what they own. Accounts are never deleted: cases refer to them.

export const ACCOUNTS_PAGE_SIZE = 25;

const FIELD_KEYS = ["name", "slug", "plan", "deployment", "paying", "supportPlan", "incidentNotification", "notificationContact"] as const satisfies readonly (keyof TAccountFields)[];
const FIELDS_SELECT = Object.fromEntries(FIELD_KEYS.map((k) => [k, true])) as Record<(typeof FIELD_KEYS)[number], true>;
const KIND_ORDER: Record<TResourceKind, number> = { group: 0, project: 1, user: 2 };
const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

export type AccountListRow = Awaited<ReturnType<typeof listAccounts>>["rows"][number];
export type AccountDetail = Awaited<ReturnType<typeof getAccount>>;

/** A page of accounts by name, found by name, slug or an owned path. */
export async function listAccounts(opts: { page?: number; pageSize?: number; q?: string } = {}) {
  const pageSize = opts.pageSize ?? ACCOUNTS_PAGE_SIZE;
  const page = Math.min(Math.max(1, Math.trunc(opts.page ?? 1) || 1), 100_000);
  const q = opts.q?.trim();
  const where = q
    ? {
        OR: [
          { name: { contains: q, mode: "insensitive" as const } },
          { slug: { contains: q.toLowerCase() } },
          { resources: { some: { pathLower: { contains: q.toLowerCase() } } } },
        ],
      }
    : {};
  const [rows, total] = await Promise.all([
    db().account.findMany({
      where,
      select: {
        id: true,
        ...FIELDS_SELECT,
        version: true,
        _count: { select: { resources: true } },
        managers: { select: { user: { select: { id: true, name: true } } }, orderBy: { user: { name: "asc" } } },
      },
      orderBy: [{ name: "asc" }, { slug: "asc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
    }),
    db().account.count({ where }),
  ]);
  return {
    rows: rows.map(({ _count, managers, ...a }) => ({ ...a, resourceCount: _count.resources, managers: managers.map((m) => m.user) })),
    total,
    page,
    pageSize,
  };
}

/** One account with what it owns and its CSMs, or NOT_FOUND. */
export async function getAccount(id: string) {
  if (!isUuid(id)) throw notFound("That account");
  const found = await db().account.findUnique({
    where: { id },
    select: {
      id: true,
      ...FIELDS_SELECT,
      version: true,
      createdAt: true,
      updatedAt: true,
      resources: { select: { id: true, kind: true, path: true, email: true, pathLower: true } },
      managers: { select: { user: { select: { id: true, name: true, email: true, role: true, active: true } } } },
    },
  });
  if (!found) throw notFound("That account");
  const resources = found.resources
    .sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.pathLower.localeCompare(b.pathLower))
    .map(({ pathLower: _, ...r }) => r);
  const managers = found.managers.map((m) => ({ ...m.user, isActiveCsm: m.user.active && m.user.role === "csm" })).sort((a, b) => a.name.localeCompare(b.name));
  return { ...found, resources, managers };
}

/** The staff an account may be assigned to: active CSMs. */
export async function listCsmChoices() {
  return db().user.findMany({ where: { role: "csm", active: true }, select: { id: true, name: true, email: true }, orderBy: { name: "asc" } });
}

/** The latest activity-log entries about one account, newest first, with the actor's name. */
export async function listAccountActivity(accountId: string, take = 20) {
  if (!isUuid(accountId)) return [];
  const rows = await db().activityLog.findMany({
    where: { entityType: "Account", entityId: accountId },
    select: { id: true, at: true, action: true, actorId: true, actorRole: true, before: true, after: true, meta: true },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take,
  });
  const ids = [...new Set(rows.map((r) => r.actorId).filter((x): x is string => !!x))];
  const actors = ids.length ? await db().user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }) : [];
  const nameOf = new Map(actors.map((a) => [a.id, a.name]));
  return rows.map((r) => ({
    id: r.id.toString(),
    at: r.at,
    action: r.action,
    actorName: r.actorId ? nameOf.get(r.actorId) ?? r.actorRole ?? "unknown" : "Logdesk",
    before: r.before as Record<string, unknown> | null,
    after: r.after as Record<string, unknown> | null,
    viaImport: !!(r.meta && typeof r.meta === "object" && "importId" in r.meta),
  }));
}

// ------------------------------------------------------------------ changes

const slugTaken = (slug: string) =>
  new AppError("CONFLICT", `Another account already uses the slug “${slug}”.`, { slug: [`“${slug}” is already used by another account.`] });

function isUniqueViolation(err: unknown): boolean {
  return !!err && typeof err === "object" && "code" in err && (err as { code?: unknown }).code === "P2002";
}

const pickFields = (a: TAccountFields): TAccountFields => Object.fromEntries(FIELD_KEYS.map((k) => [k, a[k]])) as TAccountFields;
const resourceData = (r: TResourceInput) => ({ kind: r.kind, path: r.path, pathLower: r.path.toLowerCase(), email: r.kind === "user" ? r.email : null });
const describeResource = (r: { kind: string; path: string; email?: string | null }) => (r.email ? { kind: r.kind, path: r.path, email: r.email } : { kind: r.kind, path: r.path });

/** The fields that differ, as { before, after } holding only those fields. */
function diffFields(current: TAccountFields, next: TAccountFields) {
  const before: Partial<TAccountFields> = {};
  const after: Partial<TAccountFields> = {};
  for (const k of FIELD_KEYS) {
    if (current[k] !== next[k]) {
      (before as Record<string, unknown>)[k] = current[k];
      (after as Record<string, unknown>)[k] = next[k];
    }
  }
  return { before, after, changed: Object.keys(after).length > 0 };
}

/** Creates an account with what it owns and its CSMs (the import gives all three; the form only the fields). */
async function insertAccount(tx: Tx, actor: Actor, input: { fields: TAccountFields; resources?: TResourceInput[]; managerIds?: string[] }, meta?: Record<string, unknown>) {
  const taken = await tx.account.findUnique({ where: { slug: input.fields.slug }, select: { id: true } });
  if (taken) throw slugTaken(input.fields.slug);
  const resources = input.resources ?? [];
  const account = await tx.account.create({
    data: {
      ...pickFields(input.fields),
      resources: { create: resources.map(resourceData) },
      managers: { create: (input.managerIds ?? []).map((userId) => ({ userId })) },
    },
    select: { id: true, version: true },
  });
  await recordActivity(tx, {
    actor,
    action: "account.create",
    entityType: "Account",
    entityId: account.id,
    after: { ...pickFields(input.fields), ...(resources.length ? { resources: resources.map(describeResource) } : {}), ...(input.managerIds?.length ? { managers: await emailsOf(tx, input.managerIds) } : {}) },
    meta,
  });
  return account;
}

export async function createAccount(actor: Actor, input: TAccountFields) {
  try {
    return await db().$transaction((tx) => insertAccount(tx, actor, { fields: input }));
  } catch (err) {
    if (isUniqueViolation(err)) throw slugTaken(input.slug);
    throw err;
  }
}

const STALE =
  "Someone else changed this account after you opened it, so your changes were not saved. They are still in the form: open the account in a new tab to see the other changes, then save again here.";

/**
 * Saves the account's own fields. The edit names the version it loaded; when
 * the account has moved on since, nothing is written and the caller gets a conflict.
 */
export async function updateAccount(actor: Actor, input: TUpdateAccountInput) {
  try {
    return await db().$transaction(async (tx) => {
      const current = await tx.account.findUnique({ where: { id: input.id }, select: { ...FIELDS_SELECT, version: true } });
      if (!current) throw notFound("That account");
      if (current.version !== input.version) throw conflict(STALE);
      const next = pickFields(input);
      const { before, after, changed } = diffFields(current, next);
      if (!changed) return { version: current.version, changed: false };
      if (after.slug !== undefined && (await tx.account.findUnique({ where: { slug: after.slug }, select: { id: true } }))) throw slugTaken(after.slug);
      // The version is re-checked by the write itself, so two saves racing past the read cannot both win.
      const { count } = await tx.account.updateMany({ where: { id: input.id, version: input.version }, data: { ...after, version: { increment: 1 } } });
      if (count !== 1) throw conflict(STALE);
      await recordActivity(tx, { actor, action: "account.update", entityType: "Account", entityId: input.id, before, after, meta: { version: input.version + 1 } });
      return { version: input.version + 1, changed: true };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw slugTaken(input.slug);
    throw err;
  }
}

/** Adds one owned resource. The same path twice in one account (as group or project, or as user) is refused. */
export async function addResource(actor: Actor, accountId: string, input: TResourceInput) {
  return db().$transaction(async (tx) => {
    const account = await tx.account.findUnique({ where: { id: accountId }, select: { id: true } });
    if (!account) throw notFound("That account");
    const data = resourceData(input);
    const kinds: TResourceKind[] = input.kind === "user" ? ["user"] : ["group", "project"];
    const same = await tx.ownedResource.findFirst({ where: { accountId, kind: { in: kinds }, pathLower: data.pathLower }, select: { kind: true, path: true } });
    if (same) {
      const message = `“${same.path}” is already listed as ${same.kind === "user" ? "a user" : `a ${same.kind}`} of this account.`;
      throw new AppError("CONFLICT", message, { path: [message] });
    }
    const created = await tx.ownedResource.create({ data: { ...data, accountId }, select: { id: true } });
    await recordActivity(tx, { actor, action: "account.addResource", entityType: "Account", entityId: accountId, after: describeResource(data) });
    return created;
  });
}

export async function removeResource(actor: Actor, accountId: string, resourceId: string) {
  return db().$transaction(async (tx) => {
    const resource = await tx.ownedResource.findFirst({ where: { id: resourceId, accountId }, select: { id: true, kind: true, path: true, email: true } });
    if (!resource) throw notFound("That resource");
    await tx.ownedResource.delete({ where: { id: resource.id } });
    await recordActivity(tx, { actor, action: "account.removeResource", entityType: "Account", entityId: accountId, before: describeResource(resource) });
  });
}

async function emailsOf(tx: Tx, userIds: string[]) {
  if (userIds.length === 0) return [];
  const users = await tx.user.findMany({ where: { id: { in: userIds } }, select: { email: true } });
  return users.map((u) => u.email).sort();
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/**
 * Replaces the CSMs of an account. Only active CSMs can be assigned. With
 * `expectedUserIds` (the CSMs the Admin saw) a change made meanwhile by someone
 * else is a conflict instead of being silently undone.
 */
export async function setManagers(actor: Actor, input: TSetManagersInput) {
  const userIds = [...new Set(input.userIds)];
  return db().$transaction(async (tx) => {
    const account = await tx.account.findUnique({ where: { id: input.accountId }, select: { id: true, managers: { select: { userId: true } } } });
    if (!account) throw notFound("That account");
    const current = account.managers.map((m) => m.userId);
    if (input.expectedUserIds && !sameSet(current, input.expectedUserIds)) {
      throw conflict("Someone else changed the CSMs of this account after you opened it. Reload the page to see them, then choose again.");
    }
    if (sameSet(current, userIds)) return { userIds: current };
    const users = await tx.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, role: true, active: true } });
    const problems = userIds.flatMap((id) => {
      const u = users.find((x) => x.id === id);
      if (!u) return ["One of the chosen people is not a staff member any more."];
      if (u.role !== "csm") return [`${u.name} is not a Customer Success Manager.`];
      if (!u.active) return [`${u.name} is deactivated.`];
      return [];
    });
    if (problems.length > 0) throw new AppError("VALIDATION", `Only active CSMs can manage an account. ${problems.join(" ")}`, { userIds: problems });
    const beforeEmails = await emailsOf(tx, current);
    await tx.accountManager.deleteMany({ where: { accountId: input.accountId, userId: { notIn: userIds } } });
    await tx.accountManager.createMany({ data: userIds.filter((id) => !current.includes(id)).map((userId) => ({ accountId: input.accountId, userId })) });
    await recordActivity(tx, { actor, action: "account.setManagers", entityType: "Account", entityId: input.accountId, before: { managers: beforeEmails }, after: { managers: await emailsOf(tx, userIds) } });
    return { userIds };
  });
}

// ------------------------------------------------------------------ import

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

type PlannedRow = ImportPreviewRow & {
  account: ImportAccount | null;
  existing: { id: string; version: number; fields: TAccountFields; resources: { id: string; kind: TResourceKind; path: string; pathLower: string; email: string | null }[]; managerIds: string[] } | null;
  managerIds: string[];
};

/** A user whose email changes counts as removed and added again, so the preview shows it. */
const resourceKey = (r: { kind: string; path: string; email?: string | null }) => `${r.kind}:${r.path.toLowerCase()}${r.kind === "user" ? `:${r.email ?? ""}` : ""}`;

/** What an import would do to the accounts as they are in `tx` now. */
async function planImport(tx: Tx, input: TPreviewImportInput): Promise<{ preview: ImportPreview; planned: PlannedRow[] }> {
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

/**
 * Applies a previewed import in one transaction: every account or none. The
 * plan is made again inside the transaction and must match the preview's token
 * (same text, same accounts as then) and have no errors.
 */
export async function applyImport(actor: Actor, input: TApplyImportInput) {
  try {
    return await db().$transaction(
      async (tx) => {
        const { preview, planned } = await planImport(tx, input);
        if (preview.fileErrors.length > 0 || preview.counts.error > 0) {
          throw new AppError("VALIDATION", "Some rows have errors: fix them and preview again. Nothing was imported.");
        }
        if (preview.token !== input.token) {
          throw conflict("The accounts changed since your preview (or the text did). Preview again to see what the import will do now. Nothing was imported.");
        }
        const importId = randomUUID();
        const meta = { importId, format: input.format };
        for (const row of planned) {
          if (!row.account || row.action === "unchanged") continue;
          if (row.action === "create") {
            await insertAccount(tx, actor, { fields: row.account.fields, resources: row.account.resources, managerIds: row.managerIds }, meta);
            continue;
          }
          const existing = row.existing!;
          const { before, after } = diffFields(existing.fields, row.account.fields);
          const { count } = await tx.account.updateMany({ where: { id: existing.id, version: existing.version }, data: { ...after, version: { increment: 1 } } });
          if (count !== 1) throw conflict(`${row.slug} was changed meanwhile. Preview again. Nothing was imported.`);
          const removeKeys = new Set(row.removeResources.map(resourceKey));
          const removeIds = existing.resources.filter((r) => removeKeys.has(resourceKey(r))).map((r) => r.id);
          if (removeIds.length) await tx.ownedResource.deleteMany({ where: { id: { in: removeIds } } });
          if (row.addResources.length) await tx.ownedResource.createMany({ data: row.addResources.map((r) => ({ ...resourceData(r), accountId: existing.id })) });
          await tx.accountManager.deleteMany({ where: { accountId: existing.id, userId: { notIn: row.managerIds } } });
          const newManagers = row.managerIds.filter((id) => !existing.managerIds.includes(id));
          if (newManagers.length) await tx.accountManager.createMany({ data: newManagers.map((userId) => ({ accountId: existing.id, userId })) });
          await recordActivity(tx, {
            actor,
            action: "account.update",
            entityType: "Account",
            entityId: existing.id,
            before: { ...before, ...(row.removeResources.length ? { resourcesRemoved: row.removeResources.map(describeResource) } : {}), ...(row.removeManagers.length ? { managersRemoved: row.removeManagers } : {}) },
            after: { ...after, ...(row.addResources.length ? { resourcesAdded: row.addResources.map(describeResource) } : {}), ...(row.addManagers.length ? { managersAdded: row.addManagers } : {}) },
            meta: { ...meta, version: existing.version + 1 },
          });
        }
        await recordActivity(tx, { actor, action: "account.import", entityType: "AccountImport", entityId: importId, meta: { format: input.format, created: preview.counts.create, updated: preview.counts.update, unchanged: preview.counts.unchanged, slugs: planned.filter((p) => p.action === "create" || p.action === "update").map((p) => p.slug) } });
        return { importId, created: preview.counts.create, updated: preview.counts.update, unchanged: preview.counts.unchanged };
      },
      { timeout: 60_000, maxWait: 10_000 },
    );
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict("Another import or edit created one of these accounts meanwhile. Preview again. Nothing was imported.");
    throw err;
  }
}
