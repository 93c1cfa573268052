"use client";

import { useState } from "react";

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** ISO weekday (1 = Monday) of a "YYYY-MM-DD" date; the date alone, no time zone involved. */
export function isoWeekdayOf(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** Holidays as a sorted list: add one with a date picker, remove any. */
export function HolidayList({
  idPrefix,
  holidays,
  workdays,
  today,
  onChange,
  error,
}: {
  idPrefix: string;
  holidays: string[];
  workdays: number[];
  today: string | null;
  onChange: (holidays: string[]) => void;
  error?: string;
}) {
  const [date, setDate] = useState("");
  const [note, setNote] = useState<string | null>(null);
  const inputId = `${idPrefix}-new-holiday`;

  function add() {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      setNote("Pick a date first.");
      return;
    }
    if (holidays.includes(date)) {
      setNote(`${date} is already a holiday.`);
      return;
    }
    onChange([...holidays, date].sort());
    setDate("");
    setNote(null);
  }

  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-800">Holidays</legend>
      <p className="text-xs text-slate-500">Local dates on which the clock stops, e.g. public holidays.</p>
      {holidays.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">No holidays.</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-100 rounded-md border border-slate-200" aria-label="Holidays">
          {holidays.map((h) => {
            const weekday = isoWeekdayOf(h);
            const isPast = today !== null && h < today;
            return (
              <li key={h} className={`flex items-center justify-between gap-3 px-3 py-1.5 text-sm ${isPast ? "text-slate-500" : ""}`}>
                <span>
                  <span className="font-mono">{h}</span> <span className="text-slate-600">{WEEKDAYS[weekday - 1]}</span>
                  {!workdays.includes(weekday) ? <span className="ml-2 text-xs text-slate-500">(not a workday anyway)</span> : null}
                  {isPast ? <span className="ml-2 text-xs">(past)</span> : null}
                </span>
                <button
                  type="button"
                  onClick={() => onChange(holidays.filter((x) => x !== h))}
                  aria-label={`Remove holiday ${h}`}
                  className="rounded-md px-2 py-0.5 text-xs font-medium text-red-700 hover:bg-red-50"
                >
                  Remove
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <div className="mt-2 flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor={inputId} className="block text-xs font-medium text-slate-700">Add a holiday</label>
          <input
            id={inputId}
            type="date"
            value={date}
            onChange={(e) => {
              setDate(e.target.value);
              setNote(null);
            }}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault(); // add the date, do not save the calendar
                add();
              }
            }}
            className="mt-1 block rounded-md border border-slate-300 px-3 py-1.5 text-sm shadow-sm"
          />
        </div>
        <button type="button" onClick={add} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50">
          Add
        </button>
      </div>
      <p className="mt-1 text-xs text-red-700" aria-live="polite">{note ?? error}</p>
    </fieldset>
  );
}
