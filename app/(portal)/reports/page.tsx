import type { Metadata } from "next";
import { RecordFilters, type FilterField } from "@/components/records/record-filters";
import { ReportCard } from "@/components/reports/report-card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { fieldErrorsOf } from "@/lib/action-errors";
import { requirePageUser } from "@/lib/auth/session";
import { firstValues } from "@/lib/records/filters";
import { REPORT_MAX_AGE_MS, reportForPage } from "@/lib/reports/queries";
import { formatDateTime } from "@/lib/format/datetime";
import { reportRangeSchema } from "@/lib/reports/range";
import { hasData, reportTables, summaryTiles, totalCases } from "@/lib/reports/tables";

export const metadata: Metadata = { title: "Reports" };

const FIELDS: FilterField[] = [
  { name: "from", label: "From (UTC day)", type: "date" },
  { name: "to", label: "To (UTC day, included)", type: "date" },
];

/** Reports for leads, Legal and CSM managers (every staff role): aggregates over a date range, each chart with its table and CSV. */
export default async function ReportsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser("report.read");
  const values = firstValues(await searchParams);
  const parsed = reportRangeSchema(new Date()).safeParse({ from: values.from, to: values.to });
  const data = parsed.success ? await reportForPage(user, parsed.data) : null;
  const tables = data ? reportTables(data) : [];
  const anything = tables.some(hasData);
  return (
    <>
      <PageHeader
        title="Reports"
        description="Volumes by outcome, route and status, times to acceptance, first relay and release, update punctuality, K2 notices, Legal's exceptions and referrals, and artefact decisions. Aggregates only: no case, customer or person is named."
      />
      <RecordFilters label="Date range of the reports" basePath="/reports" fields={FIELDS} values={parsed.success ? parsed.data : values} errors={parsed.success ? {} : fieldErrorsOf(parsed.error)} />
      {!data ? (
        <EmptyState title="Correct the date range">The field that is not valid says why beside it.</EmptyState>
      ) : (
        <>
          <p className="mb-4 text-sm text-slate-600" data-testid="report-range">
            From <strong>{data.range.from}</strong> to <strong>{data.range.to}</strong> (UTC days, both included). Case figures count the cases requested in the range; updates, exceptions, referrals and artefact decisions count what happened in it.{" "}
            <span data-testid="report-as-of">Figures as of {formatDateTime(data.asOf)} (recomputed at most every {REPORT_MAX_AGE_MS / 60_000} minutes; the CSV downloads are current).</span>
          </p>
          <dl className="mb-6 grid gap-3 sm:grid-cols-3 lg:grid-cols-5">
            {summaryTiles(data).map((t) => (
              <div key={t.label} className="rounded-lg border border-slate-200 bg-white p-3">
                <dt className="text-xs font-medium text-slate-600">{t.label}</dt>
                <dd className="mt-1 text-2xl font-semibold text-slate-900">{t.value}</dd>
                <dd className="text-xs text-slate-600">{t.detail}</dd>
              </div>
            ))}
          </dl>
          {!anything && totalCases(data.cases) === 0 ? (
            <EmptyState title="Nothing happened in this range">No case was requested and nothing was relayed, decided or released between these days. Widen the range to see earlier work.</EmptyState>
          ) : null}
          <div className="grid gap-4 lg:grid-cols-2">
            {tables.map((t) => (
              <ReportCard key={t.name} table={t} hasData={hasData(t)} from={data.range.from} to={data.range.to} />
            ))}
          </div>
        </>
      )}
    </>
  );
}
