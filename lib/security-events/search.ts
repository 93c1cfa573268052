import "server-only";
import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { recordActivity, type Actor } from "@/lib/audit";
import { filtersOf, keysetBatches, keysetPage, type RecordPage } from "@/lib/audit/search";
import { csvRow, jsonCell } from "@/lib/records/csv";
import { dayRange, type SecurityEventFilter } from "@/lib/records/filters";

/**
 * The security events (failed sign-ins, blocked sign-ins, sign-outs, refusals) as Admin and Legal
 * search them (securityEvents.read): filters, keyset pages newest first, and the CSV export with
 * the same filters. The caller has authorized the reader.
 */

const MAX_ACTORS = 500;

export async function securityEventWhere(prisma: PrismaClient, f: SecurityEventFilter): Promise<Prisma.SecurityEventWhereInput> {
  const and: Prisma.SecurityEventWhereInput[] = [];
  const at = dayRange(f.from, f.to);
  if (at) and.push({ at });
  if (f.kind) and.push({ kind: f.kind });
  if (f.outcome) and.push({ outcome: { equals: f.outcome, mode: "insensitive" } });
  if (f.target) and.push({ target: { contains: f.target, mode: "insensitive" } });
  if (f.actor) {
    const users = await prisma.user.findMany({
      where: { OR: [{ email: { contains: f.actor, mode: "insensitive" } }, { name: { contains: f.actor, mode: "insensitive" } }] },
      select: { id: true },
      take: MAX_ACTORS,
    });
    // The email typed at a failed sign-in may name nobody: match it as typed too.
    and.push({ OR: [{ email: { contains: f.actor, mode: "insensitive" } }, { actorId: { in: users.map((u) => u.id) } }] });
  }
  return and.length ? { AND: and } : {};
}

const SELECT = { id: true, at: true, kind: true, actorId: true, email: true, address: true, target: true, outcome: true, detail: true } as const;

export interface SecurityEventRow {
  id: bigint;
  at: Date;
  kind: string;
  actorId: string | null;
  actorName: string | null;
  email: string | null;
  address: string | null;
  target: string;
  outcome: string;
  detail: unknown;
}

async function describe(prisma: PrismaClient, rows: Prisma.SecurityEventGetPayload<{ select: typeof SELECT }>[]): Promise<SecurityEventRow[]> {
  const ids = [...new Set(rows.map((r) => r.actorId).filter((x): x is string => !!x))];
  const users = ids.length ? await prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, email: true } }) : [];
  const by = new Map(users.map((u) => [u.id, u]));
  return rows.map((r) => {
    const u = r.actorId ? by.get(r.actorId) : undefined;
    return { ...r, actorName: u?.name ?? null, email: r.email ?? u?.email ?? null };
  });
}

export async function searchSecurityEvents(f: SecurityEventFilter, prisma: PrismaClient = db()): Promise<RecordPage<SecurityEventRow>> {
  const where = await securityEventWhere(prisma, f);
  const page = await keysetPage((args) => prisma.securityEvent.findMany({ ...args, select: SELECT }), where, f);
  return { ...page, rows: await describe(prisma, page.rows) };
}

export const SECURITY_EVENTS_CSV_HEADER = ["id", "at", "kind", "actor", "email", "address", "target", "outcome", "detail"];

export async function* securityEventsCsv(f: SecurityEventFilter, prisma: PrismaClient = db()): AsyncGenerator<string> {
  yield csvRow(SECURITY_EVENTS_CSV_HEADER);
  for await (const rows of keysetBatches((args) => prisma.securityEvent.findMany({ ...args, select: SELECT }), await securityEventWhere(prisma, f))) {
    for (const r of await describe(prisma, rows)) {
      yield csvRow([r.id, r.at, r.kind, r.actorName ?? r.actorId, r.email, r.address, r.target, r.outcome, jsonCell(r.detail)]);
    }
  }
}

/** The security events' CSV export for a reader (securityEvents.read, checked by the caller), logged in the activity log first. */
export async function exportSecurityEvents(actor: Actor, f: SecurityEventFilter, prisma: PrismaClient = db()): Promise<AsyncGenerator<string>> {
  await recordActivity(prisma, { actor, action: "records.exportSecurityEvents", entityType: "SecurityEvent", entityId: "csv", meta: { filters: filtersOf(f) } });
  return securityEventsCsv(f, prisma);
}
