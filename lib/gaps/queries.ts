import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { can, type Role } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session";
import type { VisibleCase } from "@/lib/cases/access";
import { visibleCasesWhere } from "@/lib/cases/visibility";
import { db, type Tx } from "@/lib/db";
import { env } from "@/lib/env";
import type { CaseReportData } from "@/lib/reports/case-report-view";
import { GAP_RECORD_SELECT } from "./record-select";
import { filingStateInWords, LOG_DIVE_STATUSES, mayRecordGap, mayRetryFiling, type GapFilingStateName } from "./rules";
import type { TGapRange } from "./schemas";

/** The gap record as the case page shows it. */
export interface GapRecordView {
  noGap: boolean;
  noGapReason: string | null;
  neededFor: string;
  events: { name: string; catalogued: boolean }[];
  filingState: GapFilingStateName;
  stateInWords: string;
  issueIid: number | null;
  issueUrl: string | null;
  recordedAt: Date;
  recordedBy: string;
  updatedAt: Date;
}

export interface CaseGapView {
  caseId: string;
  record: GapRecordView | null;
  /** Whether this user may record or amend it now, and if not, why (shown beside the record). */
  mayRecord: boolean;
  whyNot: string | null;
  mayRetry: boolean;
  trackerConfigured: boolean;
}

/**
 * The audit event catalogue, by name, for the event type fields of the intake and the gap form, which
 * load it when the field is first focused (GET /api/event-types; components/event-types): sent with
 * every case page, its ~400 entries were 55 KB of the page's data and as much again of its HTML, for
 * a form most views never open; with every intake form, 71 KB of HTML and as much data (issue 15).
 */
export async function auditEventCatalogue(): Promise<{ name: string; category: string; description: string }[]> {
  return db().auditEventType.findMany({ select: { name: true, category: true, description: true }, orderBy: { name: "asc" } });
}

/** Which of these names the catalogue holds (a gap record's events; a form's names before its suggestions load). */
export async function cataloguedEventTypes(names: readonly string[], tx: Tx = db()): Promise<string[]> {
  if (!names.length) return [];
  const found = await tx.auditEventType.findMany({ where: { name: { in: [...names] } }, select: { name: true } });
  return found.map((f) => f.name);
}

/**
 * The case page's "Audit Events gap" section, for a case the case guard already found for this user
 * (the case page reads it with the case, lib/cases/case-page.ts): null when it has nothing to show
 * (the log-dive has not started and nothing is recorded, or the user is Admin, who sees no case
 * contents).
 */
export async function gapOfCase(
  user: SessionUser,
  c: VisibleCase<{ id: string; status: string; team: string | null; logDiveDone: boolean; gapRecord: Prisma.GapRecordGetPayload<{ select: typeof GAP_RECORD_SELECT }> | null }>,
): Promise<CaseGapView | null> {
  if (!can(user.role, "case.read")) return null;
  const r = c.gapRecord;
  const started = c.logDiveDone || (LOG_DIVE_STATUSES as readonly string[]).includes(c.status);
  if (!r && !started) return null;
  const trackerConfigured = env().gapTracker !== null;
  const rule = can(user.role, "gap.file") ? mayRecordGap(c, user.role, r) : { ok: false as const, message: "Only the team that did the log-dive records the gap." };
  const recordedBy = r ? ((await db().user.findUnique({ where: { id: r.recordedById }, select: { name: true } }))?.name ?? "a former member of staff") : "";
  return {
    caseId: c.id,
    record: r
      ? {
          noGap: r.noGap,
          noGapReason: r.noGapReason,
          neededFor: r.neededFor,
          events: r.events.map((e) => ({ name: e.eventType, catalogued: e.catalogued })),
          filingState: r.filingState,
          stateInWords: filingStateInWords(r),
          issueIid: r.issueIid,
          issueUrl: r.issueUrl,
          recordedAt: r.recordedAt,
          recordedBy,
          updatedAt: r.updatedAt,
        }
      : null,
    mayRecord: rule.ok,
    whyNot: rule.ok ? null : rule.message,
    mayRetry: can(user.role, "gap.file") && mayRecordGap(c, user.role, r, { isFilingOnly: true }).ok && r?.filingState === "stopped" && mayRetryFiling(r, trackerConfigured).ok,
    trackerConfigured,
  };
}

/** The gap record as the case report (PDF) prints it; the free text only with the internal entries. */
export async function gapForCaseReport(caseId: string, includeInternal: boolean): Promise<CaseReportData["gap"]> {
  const r = await db().gapRecord.findUnique({ where: { caseId }, select: GAP_RECORD_SELECT });
  if (!r) return null;
  return {
    missingEvents: r.events.map((e) => e.eventType),
    neededFor: includeInternal && r.neededFor ? r.neededFor : null,
    noGapReason: r.noGap ? r.noGapReason : null,
    issue: r.noGap ? null : { state: filingStateInWords(r), url: r.issueUrl },
  };
}

// ------------------------------------------------------------------------------------ exports

export interface GapExportRow {
  reference: string;
  recordedAt: Date;
  plan: string;
  team: string | null;
  noGap: boolean;
  missingEvents: string[];
  neededFor: string;
  noGapReason: string | null;
  filingState: GapFilingStateName;
  issueIid: number | null;
  issueUrl: string | null;
}

const BATCH = 500;

/** Every gap record of the cases the user may see, newest first, in batches (keyset on recordedAt, id). */
export async function* gapExportBatches(user: Pick<SessionUser, "id" | "role">, range?: TGapRange): AsyncGenerator<GapExportRow[]> {
  let after: { recordedAt: Date; id: string } | null = null;
  for (;;) {
    const where: Prisma.GapRecordWhereInput = {
      AND: [
        { case: visibleCasesWhere(user) },
        range ? { recordedAt: { gte: range.from, lt: range.toExclusive } } : {},
        after ? { OR: [{ recordedAt: { lt: after.recordedAt } }, { recordedAt: after.recordedAt, id: { gt: after.id } }] } : {},
      ],
    };
    const rows = await db().gapRecord.findMany({
      where,
      orderBy: [{ recordedAt: "desc" }, { id: "asc" }],
      take: BATCH,
      select: { id: true, ...GAP_RECORD_SELECT, plan: true, team: true, case: { select: { reference: true } } },
    });
    if (rows.length === 0) return;
    yield rows.map((r) => ({
      reference: r.case.reference ?? "",
      recordedAt: r.recordedAt,
      plan: r.plan,
      team: r.team,
      noGap: r.noGap,
      missingEvents: r.events.map((e) => e.eventType),
      neededFor: r.neededFor,
      noGapReason: r.noGapReason,
      filingState: r.filingState,
      issueIid: r.issueIid,
      issueUrl: r.issueUrl,
    }));
    if (rows.length < BATCH) return;
    const last = rows[rows.length - 1]!;
    after = { recordedAt: last.recordedAt, id: last.id };
  }
}

// ------------------------------------------------------------------------------------ analytics

export interface GapAnalytics {
  totalRecords: number;
  totalMissing: number;
  byEventType: { eventType: string; cases: number; catalogued: boolean }[];
  byMonth: { month: string; events: number; cases: number }[];
  byPlan: { plan: string; events: number }[];
  byRoute: { route: string; events: number }[];
  /** For each of the top event types: the cases (those the user may see) and their issues. */
  casesByEventType: Record<string, { caseId: string; reference: string; issueIid: number | null; issueUrl: string | null; filingState: GapFilingStateName }[]>;
}

export const TOP_EVENT_TYPES = 20;

/**
 * Which missing events are asked for most, over a range: SQL aggregates on GapMissingEvent (its
 * (eventType, recordedAt) and (recordedAt) indexes). Counts are aggregates over every case (open
 * to every staff role, like the reports); the cases listed under an event type are only those the
 * user may see.
 */
export async function gapAnalytics(user: Pick<SessionUser, "id" | "role">, range: TGapRange): Promise<GapAnalytics> {
  const inRange = { recordedAt: { gte: range.from, lt: range.toExclusive } };
  const [totalRecords, totalMissing, types, months, plans, routes] = await Promise.all([
    db().gapRecord.count({ where: { ...inRange, noGap: false } }),
    db().gapMissingEvent.count({ where: inRange }),
    db().$queryRaw<{ eventType: string; cases: bigint; catalogued: boolean }[]>(Prisma.sql`
      SELECT "eventType", count(*) AS "cases", bool_or("catalogued") AS "catalogued"
      FROM "GapMissingEvent" WHERE "recordedAt" >= ${range.from} AND "recordedAt" < ${range.toExclusive}
      GROUP BY "eventType" ORDER BY 2 DESC, 1 ASC LIMIT ${TOP_EVENT_TYPES}`),
    db().$queryRaw<{ month: string; events: bigint; cases: bigint }[]>(Prisma.sql`
      SELECT to_char(date_trunc('month', "recordedAt"), 'YYYY-MM') AS "month", count(*) AS "events", count(DISTINCT "caseId") AS "cases"
      FROM "GapMissingEvent" WHERE "recordedAt" >= ${range.from} AND "recordedAt" < ${range.toExclusive}
      GROUP BY 1 ORDER BY 1`),
    db().gapMissingEvent.groupBy({ by: ["plan"], where: inRange, _count: { _all: true }, orderBy: { plan: "asc" } }),
    db().gapMissingEvent.groupBy({ by: ["team"], where: inRange, _count: { _all: true }, orderBy: { team: "asc" } }),
  ]);
  const top = types.map((t) => t.eventType);
  // Which case lacked which events is case content: Admin (no case.read) gets the aggregates only.
  const rows = top.length && can(user.role as Role, "case.read")
    ? await db().gapMissingEvent.findMany({
        where: { ...inRange, eventType: { in: top }, gapRecord: { case: visibleCasesWhere(user) } },
        orderBy: [{ recordedAt: "desc" }],
        take: 2000,
        select: { eventType: true, gapRecord: { select: { issueIid: true, issueUrl: true, filingState: true, case: { select: { id: true, reference: true } } } } },
      })
    : [];
  const casesByEventType: GapAnalytics["casesByEventType"] = Object.fromEntries(top.map((t) => [t, []]));
  for (const r of rows) casesByEventType[r.eventType]!.push({ caseId: r.gapRecord.case.id, reference: r.gapRecord.case.reference ?? "", issueIid: r.gapRecord.issueIid, issueUrl: r.gapRecord.issueUrl, filingState: r.gapRecord.filingState });
  return {
    totalRecords,
    totalMissing,
    byEventType: types.map((t) => ({ eventType: t.eventType, cases: Number(t.cases), catalogued: t.catalogued })),
    byMonth: months.map((m) => ({ month: m.month, events: Number(m.events), cases: Number(m.cases) })),
    byPlan: plans.map((p) => ({ plan: p.plan, events: p._count._all })),
    byRoute: routes.map((r) => ({ route: r.team === "sirt" ? "SIRT" : r.team === "support" ? "Support" : "Not routed", events: r._count._all })),
    casesByEventType,
  };
}
