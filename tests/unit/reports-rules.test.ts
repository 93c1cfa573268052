import { describe, expect, it } from "vitest";
import { defaultRange, rangeBounds, reportRangeSchema } from "@/lib/reports/range";
import { fillWeeks, formatHours, hasData, hours, percent, reportTables, tableCsv, weekOf, weeksOf, type ReportData } from "@/lib/reports/tables";
import { fieldErrorsOf } from "@/lib/action-errors";

const TODAY = new Date("2026-12-05T10:00:00Z");
const parse = (v: Record<string, string>) => {
  const r = reportRangeSchema(TODAY).safeParse(v);
  return r.success ? r.data : fieldErrorsOf(r.error);
};

describe("report date range", () => {
  it.each([
    ["empty: the last 90 days up to today", {}, { from: "2026-09-07", to: "2026-12-05" }],
    ["blank fields are empty", { from: " ", to: "" }, { from: "2026-09-07", to: "2026-12-05" }],
    ["both given", { from: "2026-01-01", to: "2026-03-31" }, { from: "2026-01-01", to: "2026-03-31" }],
    ["one day", { from: "2026-05-05", to: "2026-05-05" }, { from: "2026-05-05", to: "2026-05-05" }],
    ["only from: runs to today", { from: "2026-11-01" }, { from: "2026-11-01", to: "2026-12-05" }],
    ["only from, after today: 90 days on", { from: "2027-01-01" }, { from: "2027-01-01", to: "2027-03-31" }],
    ["only to: the 90 days before it", { to: "2026-03-31" }, { from: "2026-01-01", to: "2026-03-31" }],
    ["exactly five years", { from: "2021-01-01", to: "2026-01-01" }, { from: "2021-01-01", to: "2026-01-01" }],
    ["five years from 29 February", { from: "2024-02-29", to: "2029-02-28" }, { from: "2024-02-29", to: "2029-02-28" }],
  ])("%s", (_name, input, want) => {
    expect(parse(input)).toEqual(want);
  });

  it.each([
    ["end before start", { from: "2026-03-02", to: "2026-03-01" }, { to: [expect.stringMatching(/end date comes before the start date/)] }],
    ["more than five years", { from: "2021-01-01", to: "2026-01-02" }, { to: [expect.stringMatching(/more than 5 years.*2026-01-01/)] }],
    ["not a date", { from: "yesterday" }, { from: ["Enter a date as YYYY-MM-DD."] }],
    ["not a real date", { to: "2026-02-30" }, { to: ["Enter a real date."] }],
    ["out of range", { from: "1999-12-31", to: "2000-01-05" }, { from: ["Enter a date between 2000 and 2099."] }],
  ])("refuses %s with a message on the field", (_name, input, want) => {
    expect(parse(input)).toEqual(want);
  });

  it("bounds are whole UTC days, the end inclusive", () => {
    expect(rangeBounds({ from: "2026-01-01", to: "2026-01-31" })).toEqual({ gte: new Date("2026-01-01T00:00:00Z"), lt: new Date("2026-02-01T00:00:00Z") });
    expect(defaultRange(new Date("2026-03-01T23:59:59Z"))).toEqual({ from: "2025-12-02", to: "2026-03-01" });
  });
});

describe("weeks", () => {
  it.each([
    ["2026-12-07", "2026-12-07"], // a Monday
    ["2026-12-05", "2026-11-30"], // a Saturday
    ["2026-12-06", "2026-11-30"], // a Sunday
    ["2027-01-01", "2026-12-28"], // across the year
  ])("the week of %s starts on %s", (day, monday) => expect(weekOf(day)).toBe(monday));

  it("lists every week overlapping the range and fills the missing ones with zeros", () => {
    const range = { from: "2026-11-04", to: "2026-11-20" };
    expect(weeksOf(range)).toEqual(["2026-11-02", "2026-11-09", "2026-11-16"]);
    expect(fillWeeks(range, [{ week: "2026-11-09", onTime: 3, late: 1 }], ["onTime", "late"])).toEqual([
      { week: "2026-11-02", onTime: 0, late: 0 },
      { week: "2026-11-09", onTime: 3, late: 1 },
      { week: "2026-11-16", onTime: 0, late: 0 },
    ]);
  });
});

describe("hours and percentages", () => {
  it.each([
    [null, "—", null],
    [0, "0 min", 0],
    [1800, "30 min", 0.5],
    [3600 * 3.5, "3.5 h", 3.5],
    [3600 * 12.26, "12 h", 12.3],
    [3600 * 52, "52 h (2.2 days)", 52],
  ])("%s seconds: %s in words, %s in a table", (s, words, cell) => {
    expect(formatHours(s)).toBe(words);
    expect(hours(s)).toBe(cell);
  });
  it.each([
    [3, 4, "75%"],
    [0, 0, "—"],
    [2, 3, "67%"],
  ])("%i of %i is %s", (a, b, want) => expect(percent(a, b)).toBe(want));
});

const EMPTY: ReportData = {
  range: { from: "2026-11-30", to: "2026-12-06" },
  cases: [],
  casesPerWeek: [{ week: "2026-11-30", requested: 0, closed: 0 }],
  durations: [
    { measure: "acceptance", n: 0, p50: null, p90: null },
    { measure: "firstRelay", n: 0, p50: null, p90: null },
    { measure: "release", n: 0, p50: null, p90: null },
  ],
  updatesPerWeek: [{ week: "2026-11-30", onTime: 0, late: 0, unmeasured: 0 }],
  k2: { onTime: 0, late: 0, overdueUnsent: 0, pendingUnsent: 0 },
  exceptions: { requested: 0, granted: 0, refused: 0, expired: 0 },
  referrals: { open: 0, handled: 0 },
  artefacts: { securityApproved: 0, legalApproved: 0, securityRejected: 0, legalRejected: 0, released: 0, shares: 0 },
};

describe("report tables", () => {
  it("an empty range has every table, none with data", () => {
    const t = reportTables(EMPTY);
    expect(t.map((x) => x.name)).toEqual(["cases-per-week", "outcomes", "routes", "statuses", "durations", "updates", "k2-notices", "exceptions", "referrals", "artefacts"]);
    expect(t.filter(hasData)).toEqual([]);
  });

  it("sums the case groups by outcome x resolution, route and status", () => {
    const t = reportTables({
      ...EMPTY,
      cases: [
        { outcome: "eligible", resolution: null, team: "support", status: "in_progress", n: 4 },
        { outcome: "eligible", resolution: "done", team: "sirt", status: "closed", n: 2 },
        { outcome: "ineligible", resolution: "refused", team: null, status: "closed", n: 3 },
        { outcome: "ineligible", resolution: null, team: null, status: "legal_review", n: 1 },
      ],
    });
    const by = Object.fromEntries(t.map((x) => [x.name, x]));
    expect(by.outcomes!.columns).toEqual(["Outcome", "Open", "Shared and done", "Refused"]);
    expect(by.outcomes!.rows).toEqual([
      ["Eligible", 4, 2, 0],
      ["Re-scope", 0, 0, 0],
      ["Ineligible", 1, 0, 3],
    ]);
    expect(by.routes!.rows).toEqual([
      ["Support", 4, 0],
      ["SIRT", 0, 2],
      ["Not routed", 1, 3],
    ]);
    expect(by.statuses!.rows).toEqual([
      ["Legal review", 1],
      ["In progress", 4],
      ["Closed", 5],
    ]);
  });

  it("durations are hours with one decimal; no data stays empty in the CSV", () => {
    const t = reportTables({ ...EMPTY, durations: [{ measure: "acceptance", n: 5, p50: 5400, p90: 36000 }] });
    const d = t.find((x) => x.name === "durations")!;
    expect(d.rows[0]).toEqual(["To acceptance", 5, 1.5, 10]);
    expect(d.rows[1]).toEqual(["To first relay", 0, null, null]);
    expect(hasData(d)).toBe(true);
    // A case accepted on submit is measured at 0 hours: still data.
    expect(hasData(reportTables({ ...EMPTY, durations: [{ measure: "acceptance", n: 1, p50: 0, p90: 0 }] }).find((x) => x.name === "durations")!)).toBe(true);
    expect(tableCsv(d)).toBe("Measure,Cases measured,p50 hours,p90 hours\r\nTo acceptance,5,1.5,10\r\nTo first relay,0,,\r\nTo release,0,,\r\n");
  });

  it("updates per week keep the not-measured relays in the table but draw only on time and late", () => {
    const u = reportTables({ ...EMPTY, updatesPerWeek: [{ week: "2026-11-30", onTime: 7, late: 2, unmeasured: 1 }] }).find((x) => x.name === "updates")!;
    expect(u.series).toEqual(["On time", "Late"]);
    expect(tableCsv(u)).toBe("Week (Monday),On time,Late,Not measured\r\n2026-11-30,7,2,1\r\n");
  });
});

describe("summary tiles", () => {
  it("counts cases, the share of measured updates on time, the median acceptance and K2 notices in time", async () => {
    const { summaryTiles } = await import("@/lib/reports/tables");
    const tiles = summaryTiles({
      ...EMPTY,
      cases: [
        { outcome: "eligible", resolution: null, team: "support", status: "in_progress", n: 3 },
        { outcome: "eligible", resolution: "done", team: "support", status: "closed", n: 1 },
      ],
      durations: [{ measure: "acceptance", n: 1, p50: 5400, p90: 5400 }],
      updatesPerWeek: [{ week: "2026-11-30", onTime: 3, late: 1, unmeasured: 5 }],
      k2: { onTime: 1, late: 0, overdueUnsent: 1, pendingUnsent: 3 },
      artefacts: { ...EMPTY.artefacts, released: 1, shares: 1 },
    });
    expect(tiles.map((t) => [t.label, t.value, t.detail])).toEqual([
      ["Cases requested", "4", "1 of them closed"],
      ["Updates on time", "75%", "3 of 4 measured updates"],
      ["Time to acceptance (p50)", "1.5 h", "p90 1.5 h, 1 case"],
      ["K2 notices within 24 h", "50%", "1 of 2 due"],
      ["Artefacts released", "1", "1 share"],
    ]);
  });
});
