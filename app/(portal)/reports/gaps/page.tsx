import type { Metadata } from "next";
import { RecordFilters, type FilterField } from "@/components/records/record-filters";
import { GapAnalyticsView } from "@/components/gaps/gap-analytics";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { fieldErrorsOf } from "@/lib/action-errors";
import { can } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/session";
import { analyticsRangeOf } from "@/lib/gaps/analytics-range";
import { gapAnalytics } from "@/lib/gaps/queries";
import { firstValues } from "@/lib/records/filters";

export const metadata: Metadata = { title: "Audit Events gap analytics" };

const FIELDS: FilterField[] = [
  { name: "from", label: "From (UTC day)", type: "date" },
  { name: "to", label: "To (UTC day)", type: "date" },
];

/** Step 10 across cases: which missing Audit Events are asked for most, so a product team can rank the work. */
export default async function GapAnalyticsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser("gap.analytics");
  const { values, range, error } = analyticsRangeOf(firstValues(await searchParams));
  const data = range ? await gapAnalytics(user, range) : null;
  const button = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50";
  const q = new URLSearchParams(values).toString();
  return (
    <>
      <PageHeader
        title="Audit Events gap analytics"
        description="The events customers needed that Audit Events did not record (process step 10), counted across cases: most asked for, per month, by plan and by route."
        actions={
          can(user.role, "gap.export") ? (
            <>
              <a className={button} href={`/api/gaps/export.csv?${q}`} download>Export gaps (CSV)</a>
              <a className={button} href={`/api/gaps/export.json?${q}`} download>Export gaps (JSON)</a>
            </>
          ) : undefined
        }
      />
      <RecordFilters label="Date range of the gap analytics" basePath="/reports/gaps" fields={FIELDS} values={values} errors={error ? fieldErrorsOf(error) : {}} />
      {!data ? (
        <EmptyState title="Correct the date range">The field that is not valid says why beside it.</EmptyState>
      ) : (
        <GapAnalyticsView data={data} caseLinks={can(user.role, "case.read")} range={`${values.from} to ${values.to}`} />
      )}
    </>
  );
}
