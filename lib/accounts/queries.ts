import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";
import { db, offsetRead, type Tx } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { FIELDS_SELECT, isUuid, KIND_ORDER } from "./rules";

// The accounts' shared reads: the Admin list and page, the CSM choices, an account's activity,
// the staff emails the log names, and the namespaces the scope check knows.

/**
 * The namespaces Logdesk knows: the root segment (lower case) of every group and project path in
 * the account registry, every customer's. The scope check counts a prose namespace path only
 * under one of them (lib/artefacts/scope-check.ts). One query, distinct roots only: loaded once
 * per upload and per redaction job, never per line.
 */
export async function loadKnownRoots(prisma: PrismaClient | Tx): Promise<ReadonlySet<string>> {
  const rows = await prisma.$queryRaw<{ root: string }[]>`
    SELECT DISTINCT split_part(ltrim("pathLower", '/'), '/', 1) AS root
    FROM "OwnedResource"
    WHERE "kind" IN ('group', 'project')`;
  const roots = new Set<string>();
  for (const r of rows) if (r.root) roots.add(r.root);
  return roots;
}

export const ACCOUNTS_PAGE_SIZE = 25;

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
      ...offsetRead((page - 1) * pageSize),
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

export async function emailsOf(tx: Tx, userIds: string[]) {
  if (userIds.length === 0) return [];
  const users = await tx.user.findMany({ where: { id: { in: userIds } }, select: { email: true } });
  return users.map((u) => u.email).sort();
}

/** The accounts a CSM manages (a few dozen at most): the case list's and the Updates board's `accountId IN (...)`. */
export async function managedAccountIds(userId: string, tx: Tx = db()): Promise<string[]> {
  return (await tx.accountManager.findMany({ where: { userId }, select: { accountId: true } })).map((m) => m.accountId);
}
