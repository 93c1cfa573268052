import "server-only";
import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { recordActivity, type Actor } from "./index";
import { csvRow, jsonCell } from "@/lib/records/csv";
import { dayRange, PAGE_SIZE, type ActivityFilter } from "@/lib/records/filters";

/**
 * The activity log as Admin and Legal search it (activity.read): filters, keyset pages newest
 * first (by id, which is chain order), and the CSV export with the same filters. The caller has
 * authorized the reader; nothing here is scoped further (the log names cases and people, not
 * case contents beyond what each entry recorded).
 */

const UUID = /^[0-9a-f-]{36}$/i;
const MAX_ACTORS = 500;

/** The `where` for a filter: a case by its reference (IR-2026-0001) or id, an actor by email or name (part of either). */
export async function activityWhere(prisma: PrismaClient, f: ActivityFilter): Promise<Prisma.ActivityLogWhereInput> {
  const and: Prisma.ActivityLogWhereInput[] = [];
  const at = dayRange(f.from, f.to);
  if (at) and.push({ at });
  if (f.action) and.push({ action: { startsWith: f.action } });
  if (f.case) {
    const c = UUID.test(f.case)
      ? { id: f.case }
      : await prisma.case.findUnique({ where: { reference: f.case.toUpperCase() }, select: { id: true } });
    and.push({ caseId: c?.id ?? "-none-" });
  }
  if (f.actor) {
    const q = f.actor.toLowerCase();
    if (q === "system") and.push({ actorId: null });
    else {
      const users = await prisma.user.findMany({
        where: { OR: [{ email: { contains: q, mode: "insensitive" } }, { name: { contains: f.actor, mode: "insensitive" } }] },
        select: { id: true },
        take: MAX_ACTORS,
      });
      const tokens = await prisma.apiToken.findMany({ where: { name: { contains: f.actor, mode: "insensitive" } }, select: { id: true }, take: MAX_ACTORS });
      and.push({ actorId: { in: [...users, ...tokens].map((u) => u.id) } });
    }
  }
  return and.length ? { AND: and } : {};
}

const SELECT = {
  id: true, at: true, actorId: true, actorRole: true, action: true, entityType: true, entityId: true,
  caseId: true, before: true, after: true, meta: true, hash: true,
} as const;

export interface ActivityRow {
  id: bigint;
  at: Date;
  actorId: string | null;
  actorRole: string | null;
  actorName: string | null;
  actorEmail: string | null;
  action: string;
  entityType: string;
  entityId: string;
  caseId: string | null;
  caseReference: string | null;
  before: unknown;
  after: unknown;
  meta: unknown;
  hash: string | null;
}

async function describe(prisma: PrismaClient, rows: Prisma.ActivityLogGetPayload<{ select: typeof SELECT }>[]): Promise<ActivityRow[]> {
  const actorIds = [...new Set(rows.map((r) => r.actorId).filter((x): x is string => !!x))];
  const caseIds = [...new Set(rows.map((r) => r.caseId).filter((x): x is string => !!x))];
  const [users, tokens, cases] = await Promise.all([
    actorIds.length ? prisma.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true, email: true } }) : [],
    actorIds.length ? prisma.apiToken.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } }) : [],
    caseIds.length ? prisma.case.findMany({ where: { id: { in: caseIds } }, select: { id: true, reference: true } }) : [],
  ]);
  const userBy = new Map(users.map((u) => [u.id, u]));
  const tokenBy = new Map(tokens.map((t) => [t.id, t]));
  const caseBy = new Map(cases.map((c) => [c.id, c.reference]));
  return rows.map((r) => {
    const u = r.actorId ? userBy.get(r.actorId) : undefined;
    const t = r.actorId ? tokenBy.get(r.actorId) : undefined;
    return {
      ...r,
      actorName: u?.name ?? (t ? `API token ${t.name}` : r.actorId ? null : "Logdesk (system)"),
      actorEmail: u?.email ?? null,
      caseReference: r.caseId ? (caseBy.get(r.caseId) ?? null) : null,
    };
  });
}

export interface RecordPage<T> {
  rows: T[];
  /** Cursor for the next (older) page, when there is one. */
  olderThan: bigint | null;
  /** Cursor for the previous (newer) page, when there is one. */
  newerThan: bigint | null;
}

/** One page of entries, newest first, before (older than) or after (newer than) a cursor. */
export async function searchActivity(f: ActivityFilter, prisma: PrismaClient = db()): Promise<RecordPage<ActivityRow>> {
  const where = await activityWhere(prisma, f);
  const page = await keysetPage((args) => prisma.activityLog.findMany({ ...args, select: SELECT }), where, f);
  return { ...page, rows: await describe(prisma, page.rows) };
}

type FindArgs<W> = { where: W; orderBy: { id: "asc" | "desc" }; take: number };

/** Keyset paging by id, newest first: PAGE_SIZE + 1 rows tell whether there is more beyond. */
export async function keysetPage<W extends object, R extends { id: bigint }>(
  find: (args: FindArgs<W>) => Promise<R[]>,
  where: W,
  f: { before?: bigint; after?: bigint },
): Promise<{ rows: R[]; olderThan: bigint | null; newerThan: bigint | null }> {
  if (f.after !== undefined && f.before === undefined) {
    const rows = await find({ where: { AND: [where, { id: { gt: f.after } }] } as W, orderBy: { id: "asc" }, take: PAGE_SIZE + 1 });
    const more = rows.length > PAGE_SIZE;
    const page = rows.slice(0, PAGE_SIZE).reverse();
    return { rows: page, newerThan: more && page.length ? page[0]!.id : null, olderThan: page.length ? page[page.length - 1]!.id : null };
  }
  const rows = await find({
    where: (f.before === undefined ? where : { AND: [where, { id: { lt: f.before } }] }) as W,
    orderBy: { id: "desc" },
    take: PAGE_SIZE + 1,
  });
  const more = rows.length > PAGE_SIZE;
  const page = rows.slice(0, PAGE_SIZE);
  return { rows: page, olderThan: more ? page[page.length - 1]!.id : null, newerThan: f.before !== undefined && page.length ? page[0]!.id : null };
}

const EXPORT_BATCH = 1000;

/** Every row `where` matches, newest first, read by id in batches of EXPORT_BATCH (for the streamed CSV exports). */
export async function* keysetBatches<W extends object, R extends { id: bigint }>(find: (args: FindArgs<W>) => Promise<R[]>, where: W): AsyncGenerator<R[]> {
  let before: bigint | undefined;
  for (;;) {
    const rows = await find({ where: (before === undefined ? where : { AND: [where, { id: { lt: before } }] }) as W, orderBy: { id: "desc" }, take: EXPORT_BATCH });
    if (rows.length) yield rows;
    if (rows.length < EXPORT_BATCH) return;
    before = rows[rows.length - 1]!.id;
  }
}

export const ACTIVITY_CSV_HEADER = ["id", "at", "actor", "actor_email", "actor_role", "action", "entity_type", "entity_id", "case", "before", "after", "meta", "hash"];

/** The CSV of every entry the filter matches, newest first, in batches (the response streams it). */
export async function* activityCsv(f: ActivityFilter, prisma: PrismaClient = db()): AsyncGenerator<string> {
  yield csvRow(ACTIVITY_CSV_HEADER);
  for await (const rows of keysetBatches((args) => prisma.activityLog.findMany({ ...args, select: SELECT }), await activityWhere(prisma, f))) {
    for (const r of await describe(prisma, rows)) {
      yield csvRow([r.id, r.at, r.actorName ?? r.actorId, r.actorEmail, r.actorRole, r.action, r.entityType, r.entityId, r.caseReference ?? r.caseId, jsonCell(r.before), jsonCell(r.after), jsonCell(r.meta), r.hash]);
    }
  }
}

/** The filters as given (not the page cursors), for the log entry of an export. */
export function filtersOf(f: object): Record<string, string> {
  return Object.fromEntries(Object.entries(f).filter(([k, v]) => k !== "before" && k !== "after" && typeof v === "string")) as Record<string, string>;
}

/**
 * The activity log's CSV export for a reader (activity.read, checked by the caller): the export
 * itself is an entry in the log (who took a copy of it, with which filters), written before the
 * first row, then the rows stream.
 */
export async function exportActivity(actor: Actor, f: ActivityFilter, prisma: PrismaClient = db()): Promise<AsyncGenerator<string>> {
  await recordActivity(prisma, { actor, action: "records.exportActivity", entityType: "ActivityLog", entityId: "csv", meta: { filters: filtersOf(f) } });
  return activityCsv(f, prisma);
}
