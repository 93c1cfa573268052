"use client";

import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action";
import { fieldErrorsOf } from "@/lib/action-errors";
import { nextUpdateDue } from "@/lib/cadence";
import { ZCalendarInput, toBusinessCalendar } from "@/lib/calendars/schemas";
import { formatDateTime, formatTeamDateTime } from "@/lib/format/datetime";
import { HolidayList } from "./holiday-list";
import type { CalendarView } from "@/lib/calendars/service";

/** A team calendar as the page loads it (lib/calendars/service.ts). */
export type EditableCalendar = CalendarView;

type Saved = { team: string; recomputedCases: number };
type Save = (input: unknown) => Promise<ActionResult<Saved>>;

const DAYS = [
  [1, "Mon", "Monday"],
  [2, "Tue", "Tuesday"],
  [3, "Wed", "Wednesday"],
  [4, "Thu", "Thursday"],
  [5, "Fri", "Friday"],
  [6, "Sat", "Saturday"],
  [7, "Sun", "Sunday"],
] as const;

/** "UTC+01:00" for the zone at instant `d`, or null when the browser does not know the zone. */
function offsetOf(d: Date, timeZone: string): string | null {
  try {
    const part = new Intl.DateTimeFormat("en-GB", { timeZone, timeZoneName: "longOffset" }).formatToParts(d).find((p) => p.type === "timeZoneName");
    return part ? part.value.replace(/^GMT$/, "UTC+00:00").replace(/^GMT/, "UTC") : null;
  } catch {
    return null;
  }
}

/** The current local date in `timeZone` as "YYYY-MM-DD". */
function localDate(d: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(d);
}

/**
 * One team's calendar: time zone, workdays, holidays and optional working hours, with a live
 * preview from lib/cadence of when a relay sent now would make the next update due.
 */
export function CalendarEditor({ calendar, label, timeZones, save }: { calendar: EditableCalendar; label: string; timeZones: string[]; save: Save }) {
  const router = useRouter();
  const id = `calendar-${calendar.team}`;
  const [pending, start] = useTransition();
  const [result, setResult] = useState<ActionResult<Saved> | null>(null);
  const [timeZone, setTimeZone] = useState(calendar.timeZone);
  const [workdays, setWorkdays] = useState(calendar.workdays);
  const [holidays, setHolidays] = useState(calendar.holidays);
  const [hasHours, setHasHours] = useState(calendar.workingHours !== null);
  const [workStart, setWorkStart] = useState(calendar.workingHours?.start ?? "09:00");
  const [untilMidnight, setUntilMidnight] = useState(calendar.workingHours?.end === "24:00");
  const [workEnd, setWorkEnd] = useState(calendar.workingHours && calendar.workingHours.end !== "24:00" ? calendar.workingHours.end : "17:00");
  // "Now" only in the browser, after hydration, so the server's render never disagrees with it.
  const [now, setNow] = useState<Date | null>(null);
  useEffect(() => {
    const tick = () => setNow(new Date());
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, 30_000);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, []);

  const draft = useMemo(
    () => ({ timeZone, workdays, holidays, workingHours: hasHours ? { start: workStart, end: untilMidnight ? "24:00" : workEnd } : null }),
    [timeZone, workdays, holidays, hasHours, workStart, workEnd, untilMidnight],
  );
  const checked = useMemo(() => ZCalendarInput.safeParse(draft), [draft]);
  // The same checks as the server, live; the server's answer wins for the draft it saw.
  const errors = result && !result.ok ? (result.fieldErrors ?? {}) : checked.success ? {} : fieldErrorsOf(checked.error);
  const saved = { timeZone: calendar.timeZone, workdays: calendar.workdays, holidays: calendar.holidays, workingHours: calendar.workingHours };
  const isDirty = JSON.stringify(draft) !== JSON.stringify(saved);

  const preview = useMemo(() => {
    if (!now || !checked.success) return null;
    try {
      return nextUpdateDue(now, toBusinessCalendar(checked.data));
    } catch {
      return null;
    }
  }, [now, checked]);

  function edit<T>(set: (value: T) => void) {
    return (value: T) => {
      set(value);
      setResult(null);
    };
  }

  function toggleDay(day: number, on: boolean) {
    edit(setWorkdays)(on ? [...workdays, day].sort((a, b) => a - b) : workdays.filter((d) => d !== day));
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    start(async () => {
      const r = await save({ team: calendar.team, ...draft });
      setResult(r);
      if (r.ok) router.refresh();
    });
  }

  const field = "mt-1 block rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm disabled:bg-slate-100 disabled:text-slate-400";
  const offset = now ? offsetOf(now, timeZone) : null;
  const knownErrorFields = ["timeZone", "workdays", "holidays", "workingHours"];

  return (
    <section aria-labelledby={`${id}-heading`} className="rounded-lg border border-slate-200 bg-white p-5" data-testid={id}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={`${id}-heading`} className="text-lg font-semibold">{label}</h2>
        <p className="text-xs text-slate-500">
          {calendar.isDefault || !calendar.updatedAt
            ? "The default calendar: nobody has changed it yet."
            : `Last changed by ${calendar.updatedBy ?? "someone"}, ${formatDateTime(calendar.updatedAt)}`}
        </p>
      </div>

      <form onSubmit={onSubmit} noValidate className="mt-4 space-y-5">
        <div>
          <label htmlFor={`${id}-zone`} className="block text-sm font-medium text-slate-800">Time zone</label>
          <div className="flex flex-wrap items-center gap-3">
            <select
              id={`${id}-zone`}
              value={timeZone}
              onChange={(e) => edit(setTimeZone)(e.target.value)}
              className={`${field} w-full max-w-xs`}
              aria-invalid={!!errors.timeZone}
              aria-describedby={`${id}-zone-hint ${id}-zone-error`}
            >
              {timeZones.map((z) => (
                <option key={z} value={z}>{z.replaceAll("_", " ")}</option>
              ))}
            </select>
            {offset ? <span className="mt-1 text-xs text-slate-500">{offset} now</span> : null}
          </div>
          <p id={`${id}-zone-hint`} className="mt-1 text-xs text-slate-500">Where the team works; type a city&apos;s first letters to jump to it.</p>
          <p id={`${id}-zone-error`} className="mt-1 text-xs text-red-700" aria-live="polite">{errors.timeZone?.[0]}</p>
        </div>

        <fieldset aria-describedby={`${id}-workdays-error`}>
          <legend className="text-sm font-medium text-slate-800">Workdays</legend>
          <div className="mt-1 flex flex-wrap gap-2">
            {DAYS.map(([day, short, long]) => {
              const isOn = workdays.includes(day);
              return (
                <label
                  key={day}
                  title={long}
                  className={`flex cursor-pointer items-center gap-1.5 rounded-md border px-2.5 py-1.5 text-sm ${isOn ? "border-indigo-300 bg-indigo-50 text-indigo-900" : "border-slate-300 text-slate-700"}`}
                >
                  <input type="checkbox" checked={isOn} onChange={(e) => toggleDay(day, e.target.checked)} className="accent-indigo-600" />
                  {short}
                </label>
              );
            })}
          </div>
          <p id={`${id}-workdays-error`} className="mt-1 text-xs text-red-700" aria-live="polite">{errors.workdays?.join(" ")}</p>
        </fieldset>

        <HolidayList idPrefix={id} holidays={holidays} workdays={workdays} today={now ? localDate(now, timeZone) : null} onChange={edit(setHolidays)} error={errors.holidays?.join(" ")} />

        <fieldset aria-describedby={`${id}-hours-error`}>
          <legend className="sr-only">Working hours</legend>
          <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
            <input type="checkbox" checked={hasHours} onChange={(e) => edit(setHasHours)(e.target.checked)} className="accent-indigo-600" />
            Only count working hours
          </label>
          <p className="mt-1 text-xs text-slate-500">
            {hasHours ? "The clock runs only between these local times on workdays." : "Off: every hour of a workday counts, midnight to midnight."}
          </p>
          {hasHours ? (
            <div className="mt-2 flex flex-wrap items-end gap-4">
              <div>
                <label htmlFor={`${id}-start`} className="block text-xs font-medium text-slate-700">Start</label>
                <input id={`${id}-start`} type="time" value={workStart} onChange={(e) => edit(setWorkStart)(e.target.value)} className={field} aria-invalid={!!errors.workingHours} aria-describedby={`${id}-hours-error`} />
              </div>
              <div>
                <label htmlFor={`${id}-end`} className="block text-xs font-medium text-slate-700">End</label>
                <input
                  id={`${id}-end`}
                  type="time"
                  value={untilMidnight ? "" : workEnd}
                  disabled={untilMidnight}
                  onChange={(e) => edit(setWorkEnd)(e.target.value)}
                  className={field}
                  aria-invalid={!!errors.workingHours}
                  aria-describedby={`${id}-hours-error`}
                />
              </div>
              <label className="flex items-center gap-2 pb-2 text-sm text-slate-700">
                <input type="checkbox" checked={untilMidnight} onChange={(e) => edit(setUntilMidnight)(e.target.checked)} className="accent-indigo-600" />
                Until midnight (24:00)
              </label>
            </div>
          ) : null}
          <p id={`${id}-hours-error`} className="mt-1 text-xs text-red-700" aria-live="polite">{errors.workingHours?.join(" ")}</p>
        </fieldset>

        <p data-testid={`${id}-preview`} aria-live="polite" className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700">
          {preview
            ? `A relay now would be due at ${formatTeamDateTime(preview, timeZone)}.`
            : !now
              ? "Working out when a relay sent now would be due…"
              : "Correct the calendar to see when a relay sent now would be due."}
        </p>

        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" disabled={pending} className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-semibold text-white hover:bg-indigo-500 disabled:opacity-60">
            {pending ? "Saving…" : `Save ${label} calendar`}
          </button>
          <span aria-live="polite" className="text-sm">
            {result && !result.ok && !Object.keys(result.fieldErrors ?? {}).some((k) => knownErrorFields.includes(k)) ? (
              <span className="text-red-700" role="alert">{result.error}</span>
            ) : null}
            {result?.ok ? (
              <span className="text-emerald-700" role="status">
                Saved.{" "}
                {result.data.recomputedCases === 0
                  ? "No open case's next update moved."
                  : `${result.data.recomputedCases} open ${result.data.recomputedCases === 1 ? "case has" : "cases have"} a new next-update time.`}
              </span>
            ) : isDirty ? (
              <span className="text-slate-500">Unsaved changes</span>
            ) : null}
          </span>
        </div>
      </form>
    </section>
  );
}
