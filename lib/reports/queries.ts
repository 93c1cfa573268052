import "server-only";
import type { SessionUser } from "@/lib/auth/session";
import { authorize } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { rangeBounds, type ReportRange } from "./range";
import { AppError } from "@/lib/errors";
import { csvFilename, fillWeeks, isReportName, reportTables, tableCsv, type ArtefactCounts, type ReportName, type CaseGroupRow, type DurationRow, type ExceptionCounts, type K2Counts, type ReferralCounts, type ReportData, type WeekCountRow } from "./tables";

/**
 * The Reports page's aggregates, computed in SQL over a date range (issue 13). Every query returns
 * counts and percentiles only: no reference, no customer, no person, so every staff role may read
 * them (report.read). Case figures are over the cases *requested* in the range ("Case"."requestedAt",
 * indexed); event figures over the events in the range (relays by "sentAt", indexed; exceptions and
 * referrals by "createdAt"; artefact decisions by "decidedAt"; releases by "sharedAt").
 *
 * Timestamps are `timestamp(3)` without time zone holding UTC, so bounds are passed as ISO text
 * cast to timestamp (the "Z" is ignored, the wall time is UTC) and weeks are date_trunc('week'):
 * Mondays, UTC.
 */
type Bounds = { from: string; to: string };
const boundsOf = (r: ReportRange): Bounds => {
  const b = rangeBounds(r);
  return { from: b.gte.toISOString(), to: b.lt.toISOString() };
};

/** Cases requested in the range, by outcome, resolution, team and status (one GROUP BY; the page sums it three ways). */
export async function caseGroups(r: ReportRange): Promise<CaseGroupRow[]> {
  const { from, to } = boundsOf(r);
  return db().$queryRaw<CaseGroupRow[]>`
    SELECT outcome::text AS outcome, resolution::text AS resolution, team::text AS team, status::text AS status, count(*)::int AS n
    FROM "Case"
    WHERE "requestedAt" >= ${from}::timestamp AND "requestedAt" < ${to}::timestamp
    GROUP BY 1, 2, 3, 4`;
}

/** Cases requested per week and cases closed per week (closed now, by "closedAt"). */
export async function casesPerWeek(r: ReportRange): Promise<WeekCountRow[]> {
  const { from, to } = boundsOf(r);
  const [requested, closed] = [
    await db().$queryRaw<{ week: string; n: number }[]>`
      SELECT to_char(date_trunc('week', "requestedAt"), 'YYYY-MM-DD') AS week, count(*)::int AS n
      FROM "Case" WHERE "requestedAt" >= ${from}::timestamp AND "requestedAt" < ${to}::timestamp GROUP BY 1`,
    await db().$queryRaw<{ week: string; n: number }[]>`
      SELECT to_char(date_trunc('week', "closedAt"), 'YYYY-MM-DD') AS week, count(*)::int AS n
      FROM "Case" WHERE "closedAt" >= ${from}::timestamp AND "closedAt" < ${to}::timestamp AND status = 'closed' GROUP BY 1`,
  ];
  const rows = new Map<string, WeekCountRow>();
  for (const x of requested) rows.set(x.week, { week: x.week, requested: x.n, closed: 0 });
  for (const x of closed) rows.set(x.week, { week: x.week, requested: Number(rows.get(x.week)?.requested ?? 0), closed: x.n });
  return fillWeeks(r, [...rows.values()], ["requested", "closed"]);
}

/**
 * p50 and p90 (percentile_cont, seconds) over the cases requested in the range: request ->
 * acceptance, acceptance -> first relay, acceptance -> first artefact share. A case that has not
 * reached a step is not counted in it. The first relay and share are found per case through
 * Relay(caseId, sentAt) and Artefact(caseId, ...) / ArtefactShare(artefactId).
 */
export async function durations(r: ReportRange): Promise<DurationRow[]> {
  const { from, to } = boundsOf(r);
  return db().$queryRaw<DurationRow[]>`
    WITH c AS (
      SELECT id, "requestedAt", "acceptedAt" FROM "Case"
      WHERE "requestedAt" >= ${from}::timestamp AND "requestedAt" < ${to}::timestamp AND "acceptedAt" IS NOT NULL
    ),
    s AS (
      SELECT extract(epoch FROM c."acceptedAt" - c."requestedAt")::float8 AS acceptance,
        extract(epoch FROM (SELECT min(rl."sentAt") FROM "Relay" rl WHERE rl."caseId" = c.id) - c."acceptedAt")::float8 AS "firstRelay",
        extract(epoch FROM (SELECT min(sh."sharedAt") FROM "Artefact" a JOIN "ArtefactShare" sh ON sh."artefactId" = a.id WHERE a."caseId" = c.id) - c."acceptedAt")::float8 AS release
      FROM c
    )
    SELECT 'acceptance' AS measure, count(acceptance)::int AS n,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY acceptance) AS p50, percentile_cont(0.9) WITHIN GROUP (ORDER BY acceptance) AS p90 FROM s
    UNION ALL
    SELECT 'firstRelay', count("firstRelay")::int,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY "firstRelay"), percentile_cont(0.9) WITHIN GROUP (ORDER BY "firstRelay") FROM s
    UNION ALL
    SELECT 'release', count(release)::int,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY release), percentile_cont(0.9) WITHIN GROUP (ORDER BY release) FROM s`;
}

/** Relays sent in the range per week: on time (sentAt <= dueAt), late, and not measured (no dueAt). */
export async function updatesPerWeek(r: ReportRange): Promise<WeekCountRow[]> {
  const { from, to } = boundsOf(r);
  const rows = await db().$queryRaw<WeekCountRow[]>`
    SELECT to_char(date_trunc('week', "sentAt"), 'YYYY-MM-DD') AS week,
      count(*) FILTER (WHERE "sentAt" <= "dueAt")::int AS "onTime",
      count(*) FILTER (WHERE "sentAt" > "dueAt")::int AS late,
      count(*) FILTER (WHERE "dueAt" IS NULL)::int AS unmeasured
    FROM "Relay" WHERE "sentAt" >= ${from}::timestamp AND "sentAt" < ${to}::timestamp
    GROUP BY 1`;
  return fillWeeks(r, rows, ["onTime", "late", "unmeasured"]);
}

/** K2 notices of the cases requested in the range that owe one: sent by the deadline, late, or unsent (overdue or not yet due at `now`). */
export async function k2Notices(r: ReportRange, now: Date): Promise<K2Counts> {
  const { from, to } = boundsOf(r);
  const [row] = await db().$queryRaw<K2Counts[]>`
    SELECT count(*) FILTER (WHERE "notifiedAt" <= "notifyDeadline")::int AS "onTime",
      count(*) FILTER (WHERE "notifiedAt" > "notifyDeadline")::int AS late,
      count(*) FILTER (WHERE "notifiedAt" IS NULL AND "notifyDeadline" < ${now.toISOString()}::timestamp)::int AS "overdueUnsent",
      count(*) FILTER (WHERE "notifiedAt" IS NULL AND "notifyDeadline" >= ${now.toISOString()}::timestamp)::int AS "pendingUnsent"
    FROM "Case"
    WHERE "requestedAt" >= ${from}::timestamp AND "requestedAt" < ${to}::timestamp AND "notifyDeadline" IS NOT NULL`;
  return row ?? { onTime: 0, late: 0, overdueUnsent: 0, pendingUnsent: 0 };
}

/** Legal exceptions asked in the range, by their status now. */
export async function exceptionCounts(r: ReportRange): Promise<ExceptionCounts> {
  const b = rangeBounds(r);
  const groups = await db().legalException.groupBy({ by: ["status"], where: { createdAt: b }, _count: { _all: true } });
  const n = (s: string) => groups.find((g) => g.status === s)?._count._all ?? 0;
  return { requested: n("requested"), granted: n("granted"), refused: n("refused"), expired: n("expired") };
}

/** Subpoena referrals made in the range, open or handled. */
export async function referralCounts(r: ReportRange): Promise<ReferralCounts> {
  const b = rangeBounds(r);
  const groups = await db().subpoenaReferral.groupBy({ by: ["status"], where: { createdAt: b }, _count: { _all: true } });
  const n = (s: string) => groups.find((g) => g.status === s)?._count._all ?? 0;
  return { open: n("open"), handled: n("closed") };
}

/** Distinct artefacts approved / rejected by each reviewer in the range, and released (shared) in the range. */
export async function artefactCounts(r: ReportRange): Promise<ArtefactCounts> {
  const { from, to } = boundsOf(r);
  const [decided] = await db().$queryRaw<(Omit<ArtefactCounts, "released" | "shares"> | undefined)[]>`
    SELECT count(DISTINCT "artefactId") FILTER (WHERE kind = 'security' AND decision = 'approved')::int AS "securityApproved",
      count(DISTINCT "artefactId") FILTER (WHERE kind = 'legal' AND decision = 'approved')::int AS "legalApproved",
      count(DISTINCT "artefactId") FILTER (WHERE kind = 'security' AND decision = 'rejected')::int AS "securityRejected",
      count(DISTINCT "artefactId") FILTER (WHERE kind = 'legal' AND decision = 'rejected')::int AS "legalRejected"
    FROM "ArtefactApproval" WHERE "decidedAt" >= ${from}::timestamp AND "decidedAt" < ${to}::timestamp`;
  const [shared] = await db().$queryRaw<{ released: number; shares: number }[]>`
    SELECT count(DISTINCT "artefactId")::int AS released, count(*)::int AS shares
    FROM "ArtefactShare" WHERE "sharedAt" >= ${from}::timestamp AND "sharedAt" < ${to}::timestamp`;
  return { securityApproved: decided?.securityApproved ?? 0, legalApproved: decided?.legalApproved ?? 0, securityRejected: decided?.securityRejected ?? 0, legalRejected: decided?.legalRejected ?? 0, released: shared?.released ?? 0, shares: shared?.shares ?? 0 };
}

/** Every figure of the Reports page for `range` (report.read; aggregates only). One query at a time: the embedded database has one connection. */
export async function buildReport(user: SessionUser, range: ReportRange, now = new Date()): Promise<ReportData> {
  authorize(user, "report.read");
  return loadReport(range, now, () => true);
}

/** How old the Reports page's figures may be (issue 15: "reports may read rollups at most 5 minutes old"). */
export const REPORT_MAX_AGE_MS = 5 * 60_000;
const pageReports = new Map<string, { at: number; value: Promise<ReportData & { asOf: Date }> }>();

/**
 * The Reports page's figures for `range`, computed at most once per REPORT_MAX_AGE_MS per range in
 * this process: they are aggregates over every case (the same for every reader), and eight
 * aggregate queries on each view cost the other users' pages their share of the database. `asOf`
 * says when they were computed; the CSV downloads (reportCsv) stay current.
 */
export async function reportForPage(user: SessionUser, range: ReportRange, now = new Date()): Promise<ReportData & { asOf: Date }> {
  authorize(user, "report.read");
  const key = `${range.from}|${range.to}`;
  const hit = pageReports.get(key);
  if (hit && now.getTime() - hit.at < REPORT_MAX_AGE_MS && now.getTime() >= hit.at) return hit.value;
  for (const [k, v] of pageReports) if (now.getTime() - v.at >= REPORT_MAX_AGE_MS || pageReports.size > 100) pageReports.delete(k);
  const value = loadReport(range, now, () => true).then((data) => ({ ...data, asOf: now }));
  pageReports.set(key, { at: now.getTime(), value });
  value.catch(() => pageReports.delete(key));
  return value;
}

/** Which part of ReportData each table is drawn from, so a CSV runs only its own query. */
const SOURCE: Record<ReportName, keyof Omit<ReportData, "range">> = {
  "cases-per-week": "casesPerWeek",
  outcomes: "cases",
  routes: "cases",
  statuses: "cases",
  durations: "durations",
  updates: "updatesPerWeek",
  "k2-notices": "k2",
  exceptions: "exceptions",
  referrals: "referrals",
  artefacts: "artefacts",
};

async function loadReport(range: ReportRange, now: Date, wanted: (part: keyof Omit<ReportData, "range">) => boolean): Promise<ReportData> {
  return {
    range,
    cases: wanted("cases") ? await caseGroups(range) : [],
    casesPerWeek: wanted("casesPerWeek") ? await casesPerWeek(range) : [],
    durations: wanted("durations") ? await durations(range) : [],
    updatesPerWeek: wanted("updatesPerWeek") ? await updatesPerWeek(range) : [],
    k2: wanted("k2") ? await k2Notices(range, now) : { onTime: 0, late: 0, overdueUnsent: 0, pendingUnsent: 0 },
    exceptions: wanted("exceptions") ? await exceptionCounts(range) : { requested: 0, granted: 0, refused: 0, expired: 0 },
    referrals: wanted("referrals") ? await referralCounts(range) : { open: 0, handled: 0 },
    artefacts: wanted("artefacts") ? await artefactCounts(range) : { securityApproved: 0, legalApproved: 0, securityRejected: 0, legalRejected: 0, released: 0, shares: 0 },
  };
}

/** One report table as CSV (the same figures as its chart, from its own query only): report.read; an unknown name is not found. */
export async function reportCsv(user: SessionUser, name: string, range: ReportRange, now = new Date()): Promise<{ filename: string; csv: string }> {
  authorize(user, "report.read");
  if (!isReportName(name)) throw new AppError("NOT_FOUND", "There is no such report.");
  const data = await loadReport(range, now, (part) => part === SOURCE[name]);
  const table = reportTables(data).find((t) => t.name === name)!;
  return { filename: csvFilename(name, range), csv: tableCsv(table) };
}
