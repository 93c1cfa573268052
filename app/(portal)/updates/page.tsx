import type { Metadata } from "next";
import { DuePerDayChart } from "@/components/updates/due-per-day-chart";
import { IncidentNotices } from "@/components/updates/incident-notices";
import { ScopeTabs } from "@/components/updates/scope-tabs";
import { UpdatesSection } from "@/components/updates/updates-section";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { requirePageUser } from "@/lib/auth/session";
import { DUE_SOON_BUSINESS_HOURS, updatesPage } from "@/lib/updates/board";
import { ZUpdatesQuery } from "@/lib/updates/schemas";
import { Time } from "@/components/ui/time";
import { InAppLinks } from "@/components/ui/in-app-links";

export const metadata: Metadata = { title: "Updates due" };

export default async function UpdatesPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requirePageUser("updates.read");
  const query = ZUpdatesQuery.parse(await searchParams);
  const { board, perDay, notices, now } = await updatesPage(user, query);
  const mine = user.role === "csm" ? "the accounts you manage" : "the cases you opened or are assigned";
  return (
    <>
      <PageHeader
        title="Updates due"
        description="The process promises the customer an update every 12 business hours (step 7), counted from acceptance or the last relay on the team's calendar. Relay the latest relayable finding before the due time."
        actions={
          board.total > 0 ? (
            <a
              href={`/api/updates/export?scope=${query.scope}`}
              download
              className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50"
            >
              Export CSV
            </a>
          ) : null
        }
      />
      <ScopeTabs scope={query.scope} mineLabel={`Cases of ${mine}`} />
      <p className="-mt-3 mb-4 text-sm text-slate-600">
        {query.scope === "mine" ? `Open cases of ${mine}.` : "Every open case you can see."} Times in UTC; now <Time value={now} />.
      </p>
      {/* The cases' links navigate in the app without a prefetch each (components/ui/in-app-links.tsx). */}
      <InAppLinks>
        <IncidentNotices rows={notices} now={now} />
        {board.total === 0 ? (
          <EmptyState title="No updates due">
            {query.scope === "mine"
              ? `No open case of ${mine} has an update clock running. Once a case is accepted its clock starts, and it appears here when it falls due.`
              : "No open case you can see has an update clock running. Once a case is accepted its clock starts, and it appears here when it falls due."}
          </EmptyState>
        ) : (
          <>
            <DuePerDayChart days={perDay} />
            <UpdatesSection group="overdue" title="Overdue" hint="Past the due time: relay an update now." count={board.counts.overdue} rows={board.sections.overdue} />
            <UpdatesSection
              group="due_soon"
              title="Due soon"
              hint={`Due within the next ${DUE_SOON_BUSINESS_HOURS} business hours of the team's calendar.`}
              count={board.counts.dueSoon}
              rows={board.sections.dueSoon}
            />
            <UpdatesSection group="later" title="Later" hint="Clock running; not due yet." count={board.counts.later} rows={board.sections.later} />
            <Pagination
              page={board.page}
              pageSize={board.pageSize}
              total={board.total}
              capped={board.capped}
              hasNext={board.hasNext}
              shown={board.sections.overdue.length + board.sections.dueSoon.length + board.sections.later.length}
              basePath="/updates"
              params={query.scope === "team" ? { scope: "team" } : {}}
            />
          </>
        )}
      </InAppLinks>
    </>
  );
}
