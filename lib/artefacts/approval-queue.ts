import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { authorize, type SessionUser } from "@/lib/auth/session";
import { visibleCasesSql, visibleCasesWhere } from "@/lib/cases/visibility";
import { db, offsetRead } from "@/lib/db";
import { approvalKindOf, type ArtefactStatus } from "./rules";
import { COUNT_CAP, cappedTotal } from "@/lib/format/count";
import { cappedCounts } from "@/lib/format/count-cache";

// Approvals: the artefacts waiting for (or given) the user's team's decision, as a paged list.

export interface ApprovalQueueItem {
  id: string;
  caseId: string;
  reference: string | null;
  account: string;
  filename: string;
  status: ArtefactStatus;
  redactedLines: number | null;
  redactions: number;
  waitingSince: Date;
  security: "approved" | "rejected" | null;
  legal: "approved" | "rejected" | null;
}

/** An approval list's row as Prisma reads it (the decided lists) and waitingApprovalRows returns it. */
export const APPROVAL_ROW_SELECT = {
  id: true,
  caseId: true,
  filename: true,
  status: true,
  redactedLines: true,
  redactionSummary: true,
  updatedAt: true,
  revision: true,
  case: { select: { reference: true, account: { select: { name: true } } } },
  approvals: { where: { voidedAt: null }, select: { kind: true, decision: true, revision: true } },
} as const satisfies Prisma.ArtefactSelect;

type ApprovalRow = Prisma.ArtefactGetPayload<{ select: typeof APPROVAL_ROW_SELECT }>;

/**
 * A page of the artefacts waiting for the user's kind of decision (one row more, for Next), in one
 * raw query with its LIMIT in the text: Prisma built each row's case and approvals as JSON and sent
 * the LIMIT as a parameter, so PostgreSQL planned the query again on every request (issue 15: the
 * most expensive read of Legal's queue page after its exception requests). Each row's live
 * approvals come as one JSON array. approval-queue.test.ts holds it equal to Prisma's page.
 */
export async function waitingApprovalRows(user: SessionUser, kind: "security" | "legal", page: number, perPage: number, newestFirst: boolean): Promise<ApprovalRow[]> {
  if (user.role !== "sirt" && user.role !== "legal") return [];
  const limit = Prisma.raw(String(Math.floor(perPage) + 1));
  const rows = await db().$queryRaw<(Omit<ApprovalRow, "case" | "status"> & { status: string; reference: string | null; accountName: string })[]>`
    SELECT t."id", t."caseId", t."filename", t."status"::text AS "status", t."redactedLines", t."redactionSummary", t."updatedAt", t."revision",
           c."reference", a."name" AS "accountName",
           COALESCE((SELECT jsonb_agg(jsonb_build_object('kind', p."kind", 'decision', p."decision", 'revision', p."revision"))
                     FROM "ArtefactApproval" p WHERE p."artefactId" = t."id" AND p."voidedAt" IS NULL), '[]'::jsonb) AS "approvals"
    FROM "Artefact" t JOIN "Case" c ON c."id" = t."caseId" JOIN "Account" a ON a."id" = c."accountId"
    WHERE t."status" = ${"in_review"}::"ArtefactStatus" AND ${visibleCasesSql(user)}
      AND NOT EXISTS (SELECT 1 FROM "ArtefactApproval" n WHERE n."artefactId" = t."id" AND n."kind" = ${kind}::"ApprovalKind" AND n."voidedAt" IS NULL)
    ORDER BY t."updatedAt" ${newestFirst ? Prisma.raw("DESC") : Prisma.raw("ASC")}, t."id" ASC
    LIMIT ${limit}${page > 1 ? Prisma.sql` OFFSET ${(page - 1) * perPage}` : Prisma.empty}`;
  return rows.map(({ reference, accountName, status, ...r }) => ({ ...r, status: status as ApprovalRow["status"], case: { reference, account: { name: accountName } } }));
}

/**
 * Artefacts waiting for the user's kind of decision (SIRT: security, Legal: legal), oldest first,
 * paginated; `decided` lists the ones the user's kind already decided instead.
 */
export async function approvalQueue(user: SessionUser, opts: { page: number; perPage?: number; decided?: boolean; newestFirst?: boolean }): Promise<{ items: ApprovalQueueItem[]; total: number; capped: boolean; hasNext: boolean; page: number; pages: number }> {
  authorize(user, "approvals.read");
  const kind = approvalKindOf(user.role);
  if (!kind) return { items: [], total: 0, capped: false, hasNext: false, page: 1, pages: 1 };
  const perPage = opts.perPage ?? 25;
  const liveOfKind: Prisma.ArtefactApprovalListRelationFilter = { some: { kind, voidedAt: null } };
  const where: Prisma.ArtefactWhereInput = {
    case: visibleCasesWhere(user),
    ...(opts.decided
      ? { status: { in: ["in_review", "approved", "rejected", "shared"] }, approvals: liveOfKind }
      : { status: "in_review", NOT: { approvals: liveOfKind } }),
  };
  // Counted up to COUNT_CAP (lib/format/count.ts): past it the page is not clamped to a last page.
  const orderBy: Prisma.ArtefactOrderByWithRelationInput[] = [{ updatedAt: opts.decided || opts.newestFirst ? "desc" : "asc" }, { id: "asc" }];
  const { total, capped } = cappedTotal(await cappedCounts.count(`approvals:${user.id}:${opts.decided ? "decided" : "waiting"}`, () => db().artefact.count({ where, orderBy, take: COUNT_CAP + 1 })));
  const pages = Math.max(1, Math.ceil(total / perPage));
  const page = capped ? Math.max(1, opts.page) : Math.min(Math.max(1, opts.page), pages);
  const rows = opts.decided
    ? await db().artefact.findMany({ ...offsetRead((page - 1) * perPage), where, orderBy, take: perPage + 1, select: APPROVAL_ROW_SELECT })
    : await waitingApprovalRows(user, kind, page, perPage, !!opts.newestFirst);
  return {
    total,
    capped,
    hasNext: rows.length > perPage,
    page,
    pages,
    items: rows.slice(0, perPage).map((r) => {
      const live = (k: "security" | "legal") => r.approvals.find((a) => a.kind === k && a.revision === r.revision)?.decision ?? null;
      const redactions = Object.values((r.redactionSummary as { redactions?: Record<string, number> } | null)?.redactions ?? {}).reduce((s, n) => s + n, 0);
      return {
        id: r.id,
        caseId: r.caseId,
        reference: r.case.reference,
        account: r.case.account.name,
        filename: r.filename,
        status: r.status as ArtefactStatus,
        redactedLines: r.redactedLines,
        redactions,
        waitingSince: r.updatedAt,
        security: live("security"),
        legal: live("legal"),
      };
    }),
  };
}
