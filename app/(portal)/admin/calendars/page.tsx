import type { Metadata } from "next";
import { CalendarEditor } from "@/components/admin/calendars/calendar-editor";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/session";
import { getCalendars } from "@/lib/calendars/service";
import { updateCalendarAction } from "./actions";

export const metadata: Metadata = { title: "Admin · Calendars" };

const TEAM_LABEL = { support: "Support", sirt: "SIRT" } as const;

/** Every IANA zone this runtime knows, UTC first (Intl leaves it out of the list). */
function timeZones(current: string[]): string[] {
  const known = Intl.supportedValuesOf("timeZone");
  return [...new Set(["UTC", ...current, ...known])];
}

export default async function CalendarsPage() {
  await requirePageUser("settings.manage");
  const calendars = await getCalendars();
  const zones = timeZones(calendars.map((c) => c.timeZone));
  return (
    <>
      <PageHeader
        title="Admin · Calendars"
        description="Each team promises the customer an update every 12 hours of its business time. The clock runs only on the team's workdays, not on its holidays, and, if you set working hours, only between them, all in the team's own time zone. Saving moves the next-update time of the team's open cases."
      />
      <div className="grid gap-6 xl:grid-cols-2">
        {calendars.map((c) => (
          <CalendarEditor key={c.team} calendar={c} label={TEAM_LABEL[c.team]} timeZones={zones} save={updateCalendarAction} />
        ))}
      </div>
    </>
  );
}
