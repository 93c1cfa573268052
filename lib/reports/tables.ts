import { csvRow } from "@/lib/records/csv";
import type { ReportRange } from "./range";

/**
 * The Reports page's figures as tables: each chart, its screen-reader table and its CSV download
 * come from one `ReportTable`, so they cannot disagree. Pure: the numbers come from
 * lib/reports/queries.ts (aggregates only: no reference, no customer, no name).
 */

export type Cell = string | number | null;

export interface ReportTable {
  /** The CSV's name: /api/reports/<name>.csv */
  name: ReportName;
  title: string;
  /** What the figures count, in a sentence shown under the chart. */
  note: string;
  /** Said instead of the chart when the range has nothing for it. */
  empty: string;
  chart: "bar" | "stacked" | "line";
  /** The first column labels the rows (the x axis); `series` name the columns drawn. */
  columns: string[];
  series: string[];
  rows: Cell[][];
}

export const REPORT_NAMES = ["cases-per-week", "outcomes", "routes", "statuses", "durations", "updates", "k2-notices", "exceptions", "referrals", "artefacts"] as const;
export type ReportName = (typeof REPORT_NAMES)[number];
export const isReportName = (s: string): s is ReportName => (REPORT_NAMES as readonly string[]).includes(s);

// ---- What the queries return ----------------------------------------------------------------

export interface CaseGroupRow {
  outcome: string | null;
  resolution: string | null;
  team: string | null;
  status: string;
  n: number;
}
export interface DurationRow {
  measure: "acceptance" | "firstRelay" | "release";
  n: number;
  /** Seconds, null when no case was measured. */
  p50: number | null;
  p90: number | null;
}
export interface WeekCountRow {
  /** The Monday (UTC) of the week, YYYY-MM-DD. */
  week: string;
  [k: string]: string | number;
}
export interface K2Counts {
  onTime: number;
  late: number;
  overdueUnsent: number;
  pendingUnsent: number;
}
export interface ExceptionCounts {
  requested: number;
  granted: number;
  refused: number;
  expired: number;
}
export interface ReferralCounts {
  open: number;
  handled: number;
}
export interface ArtefactCounts {
  securityApproved: number;
  legalApproved: number;
  securityRejected: number;
  legalRejected: number;
  released: number;
  shares: number;
}

export interface ReportData {
  range: ReportRange;
  cases: CaseGroupRow[];
  casesPerWeek: WeekCountRow[]; // requested, closed
  durations: DurationRow[];
  updatesPerWeek: WeekCountRow[]; // onTime, late, unmeasured
  k2: K2Counts;
  exceptions: ExceptionCounts;
  referrals: ReferralCounts;
  artefacts: ArtefactCounts;
}

// ---- Pure helpers ---------------------------------------------------------------------------

const DAY_MS = 86_400_000;

/** The Monday (UTC) of the week holding `day` (YYYY-MM-DD), as YYYY-MM-DD. */
export function weekOf(day: string): string {
  const d = new Date(`${day}T00:00:00.000Z`);
  const back = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - back * DAY_MS).toISOString().slice(0, 10);
}

/** Every week (its Monday) that overlaps the range, in order. */
export function weeksOf(range: ReportRange): string[] {
  const out: string[] = [];
  const end = new Date(`${range.to}T00:00:00.000Z`).getTime();
  for (let t = new Date(`${weekOf(range.from)}T00:00:00.000Z`).getTime(); t <= end; t += 7 * DAY_MS) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** Per-week rows with every week of the range present (zeros where the query found nothing). */
export function fillWeeks(range: ReportRange, rows: WeekCountRow[], keys: string[]): WeekCountRow[] {
  const byWeek = new Map(rows.map((r) => [r.week, r]));
  return weeksOf(range).map((week) => {
    const r = byWeek.get(week);
    const out: WeekCountRow = { week };
    for (const k of keys) out[k] = Number(r?.[k] ?? 0);
    return out;
  });
}

/** Seconds as hours for a table cell: one decimal, null (no data) stays null. */
export function hours(seconds: number | null): number | null {
  return seconds === null || !Number.isFinite(seconds) ? null : Math.round((seconds / 3600) * 10) / 10;
}

/** Hours in words for a tile: "—" without data, "45 min" under an hour, "3.5 h", "52 h (2.2 days)". */
export function formatHours(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return "—";
  if (seconds < 3600) return `${Math.max(0, Math.round(seconds / 60))} min`;
  const h = seconds / 3600;
  const text = h < 10 ? `${h.toFixed(1)} h` : `${Math.round(h)} h`;
  return h >= 48 ? `${text} (${(h / 24).toFixed(1)} days)` : text;
}

/** A share as a whole percentage, or "—" when there is nothing to divide. */
export function percent(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((part / whole) * 100)}%` : "—";
}

const LABELS: Record<string, string> = {
  eligible: "Eligible",
  rescope: "Re-scope",
  ineligible: "Ineligible",
  support: "Support",
  sirt: "SIRT",
  submitted: "Submitted",
  legal_review: "Legal review",
  accepted: "Accepted",
  in_progress: "In progress",
  artefacts_in_review: "Artefacts in review",
  approved: "Approved",
  shared: "Shared",
  closed: "Closed",
  draft: "Draft",
};
const label = (v: string | null, none: string) => (v === null ? none : (LABELS[v] ?? v.replace(/_/g, " ")));

export const RESOLUTIONS = [
  ["done", "Shared and done"],
  ["refused", "Refused"],
  ["referral_handled", "Referral handled"],
  ["withdrawn", "Withdrawn"],
  ["duplicate", "Duplicate"],
] as const;
const STATUS_ORDER = ["submitted", "rescope", "ineligible", "legal_review", "accepted", "in_progress", "artefacts_in_review", "approved", "shared", "closed"];

function sumBy(rows: CaseGroupRow[], key: (r: CaseGroupRow) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + r.n);
  return m;
}

export const totalCases = (rows: CaseGroupRow[]) => rows.reduce((s, r) => s + r.n, 0);
export const closedCases = (rows: CaseGroupRow[]) => rows.filter((r) => r.status === "closed").reduce((s, r) => s + r.n, 0);

/** The tables of a report, in page order. Rows with nothing in them are left out only where the page says so. */
export function reportTables(d: ReportData): ReportTable[] {
  const cases = d.cases;
  const outcomes = ["eligible", "rescope", "ineligible", null] as const;
  const byOutcomeResolution = sumBy(cases, (r) => `${r.outcome}|${r.status === "closed" ? (r.resolution ?? "unrecorded") : "open"}`);
  const resolutionCols = [["open", "Open"], ...RESOLUTIONS, ["unrecorded", "Closed, no resolution recorded"]] as const;
  const outcomeRows = outcomes
    .map((o) => [label(o, "Not decided"), ...resolutionCols.map(([k]) => byOutcomeResolution.get(`${o}|${k}`) ?? 0)])
    .filter((row, i) => i < 3 || row.slice(1).some((n) => n !== 0));
  const usedResolution = resolutionCols.filter(([k], i) => k === "open" || outcomeRows.some((row) => row[i + 1] !== 0));

  const byRoute = sumBy(cases, (r) => `${r.team}|${r.status === "closed" ? "closed" : "open"}`);
  const byStatus = sumBy(cases, (r) => r.status);
  const dur = (m: DurationRow["measure"]) => d.durations.find((x) => x.measure === m) ?? { measure: m, n: 0, p50: null, p90: null };

  return [
    {
      name: "cases-per-week",
      empty: "No case was requested or closed in this range.",
      title: "Cases requested and closed per week",
      note: "Cases by the week (Monday, UTC) their request was filed, and by the week they closed.",
      chart: "line",
      columns: ["Week (Monday)", "Requested", "Closed"],
      series: ["Requested", "Closed"],
      rows: d.casesPerWeek.map((w) => [w.week, Number(w.requested ?? 0), Number(w.closed ?? 0)]),
    },
    {
      name: "outcomes",
      empty: "No case was requested in this range.",
      title: "Cases by outcome and resolution",
      note: "Cases requested in the range, by the eligibility decision, split by how the closed ones ended.",
      chart: "stacked",
      columns: ["Outcome", ...usedResolution.map(([, l]) => l)],
      series: usedResolution.map(([, l]) => l),
      rows: outcomeRows.map((row) => [row[0]!, ...usedResolution.map(([k]) => row[1 + resolutionCols.findIndex(([c]) => c === k)]!)]),
    },
    {
      name: "routes",
      empty: "No case was requested in this range.",
      title: "Cases by route",
      note: "Cases requested in the range, by the team they were routed to.",
      chart: "stacked",
      columns: ["Route", "Open", "Closed"],
      series: ["Open", "Closed"],
      rows: (["support", "sirt", null] as const).map((t) => [label(t, "Not routed"), byRoute.get(`${t}|open`) ?? 0, byRoute.get(`${t}|closed`) ?? 0]),
    },
    {
      name: "statuses",
      empty: "No case was requested in this range.",
      title: "Cases by status now",
      note: "Cases requested in the range, by the status they have today.",
      chart: "bar",
      columns: ["Status", "Cases"],
      series: ["Cases"],
      rows: STATUS_ORDER.filter((s) => byStatus.has(s)).map((s) => [label(s, s), byStatus.get(s)!]),
    },
    {
      name: "durations",
      empty: "No case requested in this range has been accepted yet, so there is no time to measure.",
      title: "Time to acceptance, first relay and release (hours)",
      note: "Real hours, median (p50) and 90th percentile (p90), over the cases requested in the range that reached each step. Acceptance: request to acceptance; first relay: acceptance to the first update relayed; release: acceptance to the first artefact shared.",
      chart: "bar",
      columns: ["Measure", "Cases measured", "p50 hours", "p90 hours"],
      series: ["p50 hours", "p90 hours"],
      rows: [
        ["To acceptance", dur("acceptance").n, hours(dur("acceptance").p50), hours(dur("acceptance").p90)],
        ["To first relay", dur("firstRelay").n, hours(dur("firstRelay").p50), hours(dur("firstRelay").p90)],
        ["To release", dur("release").n, hours(dur("release").p50), hours(dur("release").p90)],
      ],
    },
    {
      name: "updates",
      empty: "No update was relayed to a customer in this range.",
      title: "Customer updates on time and late, per week",
      note: "Updates relayed in the range, against the 12-business-hour due time each was measured against (on time: sent by it). Relays recorded before due times were stored, or with no clock running, are not counted as either and show as “Not measured”.",
      chart: "stacked",
      columns: ["Week (Monday)", "On time", "Late", "Not measured"],
      series: ["On time", "Late"],
      rows: d.updatesPerWeek.map((w) => [w.week, Number(w.onTime ?? 0), Number(w.late ?? 0), Number(w.unmeasured ?? 0)]),
    },
    {
      name: "k2-notices",
      empty: "No case requested in this range owed the customer a K2 incident notice.",
      title: "K2 incident notices",
      note: "Cases requested in the range whose incident affects the customer's resources and whose agreement asks for a notice within 24 hours.",
      chart: "bar",
      columns: ["Notice", "Cases"],
      series: ["Cases"],
      rows: [
        ["Sent within 24 hours", d.k2.onTime],
        ["Sent late", d.k2.late],
        ["Not sent, overdue", d.k2.overdueUnsent],
        ["Not sent, not yet due", d.k2.pendingUnsent],
      ],
    },
    {
      name: "exceptions",
      empty: "No Legal exception was asked in this range.",
      title: "Legal exceptions asked and decided",
      note: "Exceptions to the plan check asked in the range, by where they stand now.",
      chart: "bar",
      columns: ["Exception", "Count"],
      series: ["Count"],
      rows: [
        ["Asked", d.exceptions.requested + d.exceptions.granted + d.exceptions.refused + d.exceptions.expired],
        ["Granted", d.exceptions.granted],
        ["Refused", d.exceptions.refused],
        ["Expired", d.exceptions.expired],
        ["Waiting for Legal", d.exceptions.requested],
      ],
    },
    {
      name: "referrals",
      empty: "No subpoena referral was made in this range.",
      title: "Subpoena referrals",
      note: "Referrals made in the range (resources the customer does not own), open or handled by Legal.",
      chart: "bar",
      columns: ["Referral", "Count"],
      series: ["Count"],
      rows: [
        ["Open", d.referrals.open],
        ["Handled", d.referrals.handled],
      ],
    },
    {
      name: "artefacts",
      empty: "No artefact was approved, rejected or released in this range.",
      title: "Artefacts approved, rejected and released",
      note: "Distinct artefacts with an approval or rejection decided in the range (by Security and by Legal, including decisions later voided by a new redaction), and artefacts released (shared) in the range.",
      chart: "bar",
      columns: ["Artefacts", "Count"],
      series: ["Count"],
      rows: [
        ["Approved by Security", d.artefacts.securityApproved],
        ["Approved by Legal", d.artefacts.legalApproved],
        ["Rejected by Security", d.artefacts.securityRejected],
        ["Rejected by Legal", d.artefacts.legalRejected],
        ["Released to the customer", d.artefacts.released],
      ],
    },
  ];
}

/** Whether a table has any figure other than zero or empty (its chart is worth drawing). */
export function hasData(t: ReportTable): boolean {
  // Durations: a measured case counts even when its time was 0 hours (accepted on submit).
  if (t.name === "durations") return t.rows.some((r) => typeof r[1] === "number" && r[1] > 0);
  return t.rows.some((r) => r.slice(1).some((c) => typeof c === "number" && c !== 0));
}

/** The CSV of a table: a header line with the columns, then its rows (empty cell for no data), CRLF. */
export function tableCsv(t: ReportTable): string {
  return [csvRow(t.columns), ...t.rows.map((r) => csvRow(r))].join("");
}

/** The download's file name: logdesk-<name>-<from>-to-<to>.csv */
export const csvFilename = (name: ReportName, range: ReportRange) => `logdesk-${name}-${range.from}-to-${range.to}.csv`;

export interface SummaryTile {
  label: string;
  value: string;
  detail: string;
}

/** The figures above the charts. */
export function summaryTiles(d: ReportData): SummaryTile[] {
  const total = totalCases(d.cases);
  const closed = closedCases(d.cases);
  const onTime = d.updatesPerWeek.reduce((s, w) => s + Number(w.onTime ?? 0), 0);
  const late = d.updatesPerWeek.reduce((s, w) => s + Number(w.late ?? 0), 0);
  const acceptance = d.durations.find((x) => x.measure === "acceptance");
  const k2Due = d.k2.onTime + d.k2.late + d.k2.overdueUnsent;
  return [
    { label: "Cases requested", value: String(total), detail: `${closed} of them closed` },
    { label: "Updates on time", value: percent(onTime, onTime + late), detail: onTime + late > 0 ? `${onTime} of ${onTime + late} measured updates` : "No measured update" },
    { label: "Time to acceptance (p50)", value: formatHours(acceptance?.p50 ?? null), detail: acceptance && acceptance.n > 0 ? `p90 ${formatHours(acceptance.p90)}, ${acceptance.n} case${acceptance.n === 1 ? "" : "s"}` : "No accepted case" },
    { label: "K2 notices within 24 h", value: percent(d.k2.onTime, k2Due), detail: k2Due > 0 ? `${d.k2.onTime} of ${k2Due} due` : "No notice due" },
    { label: "Artefacts released", value: String(d.artefacts.released), detail: `${d.artefacts.shares} share${d.artefacts.shares === 1 ? "" : "s"}` },
  ];
}
