import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";
import { actorOf, recordActivity } from "@/lib/audit";
import { can } from "@/lib/auth/permissions";
import { authorize, type SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { filtersOf } from "@/lib/audit/search";
import { csvRow } from "@/lib/records/csv";
import { cursorBatches } from "@/lib/records/cursor-batches";
import { updateDueOf } from "@/lib/updates/due";
import type { TCaseListQuery } from "./list-filters";
import { toSearchParams } from "./list-filters";
import { caseListWhere, caseListOrder } from "./queries";
import { CASE_METADATA_SELECT } from "./visibility";

/** The columns of the case list's CSV (what the list shows, unabridged). Admin gets metadata only. */
export const CASE_CSV_HEADER = [
  "reference",
  "status",
  "resolution",
  "team",
  "account",
  "summary",
  "priority",
  "assignee",
  "author",
  "requested_at",
  "accepted_at",
  "next_update_due",
  "update_overdue",
  "closed_at",
  "created_at",
] as const;
export const CASE_METADATA_CSV_HEADER = ["reference", "status", "team", "requested_at", "accepted_at", "closed_at", "created_at", "updated_at"] as const;

const EXPORT_SELECT = {
  id: true,
  reference: true,
  status: true,
  resolution: true,
  team: true,
  summary: true,
  priority: true,
  requestedAt: true,
  acceptedAt: true,
  nextUpdateDue: true,
  closedAt: true,
  createdAt: true,
  account: { select: { name: true } },
  assignee: { select: { name: true } },
  author: { select: { name: true } },
} as const;

async function* caseCsv(user: SessionUser, q: Partial<TCaseListQuery>, now: Date, prisma: PrismaClient): AsyncGenerator<string> {
  const where = caseListWhere(user, q, now);
  const orderBy = caseListOrder(q.sort);
  if (user.role === "admin") {
    yield csvRow(CASE_METADATA_CSV_HEADER);
    for await (const rows of cursorBatches((args) => prisma.case.findMany({ ...args, select: CASE_METADATA_SELECT }), where, orderBy)) {
      for (const c of rows) yield csvRow([c.reference ?? "(draft)", c.status, c.team, c.requestedAt, c.acceptedAt, c.closedAt, c.createdAt, c.updatedAt]);
    }
    return;
  }
  yield csvRow(CASE_CSV_HEADER);
  for await (const rows of cursorBatches((args) => prisma.case.findMany({ ...args, select: EXPORT_SELECT }), where, orderBy)) {
    for (const c of rows) {
      const due = updateDueOf(c, now);
      yield csvRow([
        c.reference ?? "(draft)",
        c.status,
        c.resolution,
        c.team,
        c.account.name,
        c.summary,
        c.priority,
        c.assignee?.name,
        c.author.name,
        c.requestedAt,
        c.acceptedAt,
        due?.due,
        due ? (due.isOverdue ? "yes" : "no") : "",
        c.closedAt,
        c.createdAt,
      ]);
    }
  }
}

/**
 * The case list as CSV with the list's filters and sort (every page, not only the one shown),
 * inside what the user may see. The export is an entry of the activity log (who took a copy, with
 * which filters), written before the first row; then the rows stream.
 */
export async function exportCaseList(user: SessionUser, q: Partial<TCaseListQuery>, opts: { now?: Date; prisma?: PrismaClient } = {}): Promise<AsyncGenerator<string>> {
  if (!can(user.role, "case.list")) authorize(user, "case.listMetadata");
  const prisma = opts.prisma ?? db();
  await recordActivity(prisma, { actor: actorOf(user), action: "records.exportCases", entityType: "Case", entityId: "csv", meta: { filters: filtersOf(toSearchParams({ ...q, page: 1 })) } });
  return caseCsv(user, q, opts.now ?? new Date(), prisma);
}
