import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { DEFAULT_CALENDAR, nextUpdateDue } from "@/lib/cadence";
import { getCalendars, updateCalendar } from "@/lib/calendars/service";
import { db } from "@/lib/db";
import { useTestDatabase } from "../support/db";
import { createAccount, createCase, createUser } from "../support/factories";

useTestDatabase();

const asActor = (u: { id: string; role: string }) => ({ kind: "user" as const, id: u.id, role: u.role });

const AMSTERDAM = {
  timeZone: "Europe/Amsterdam",
  workdays: [5, 1, 2, 3, 4, 4],
  holidays: ["2026-12-25", "2026-12-24"],
  workingHours: { start: "09:00", end: "17:00" },
};

/** The VALIDATION error updateCalendar throws for `input`, or a failure. */
async function fieldErrors(input: unknown): Promise<Record<string, string[]>> {
  const admin = await createUser("admin");
  const err = await updateCalendar(asActor(admin), "sirt", input).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe("VALIDATION");
  return (err as AppError).fieldErrors ?? {};
}

describe("team calendars", () => {
  it("gives the default (Monday-Friday, whole days, UTC, no holidays) to a team without a row", async () => {
    await db().calendar.deleteMany({});
    const calendars = await getCalendars();
    expect(calendars.map((c) => c.team)).toEqual(["support", "sirt"]);
    for (const c of calendars) {
      expect(c).toEqual({ team: c.team, timeZone: "UTC", workdays: [1, 2, 3, 4, 5], holidays: [], workingHours: null, isDefault: true, updatedAt: null, updatedBy: null });
    }
  });

  it("saves a calendar (sorted, without duplicates) and logs it with before and after", async () => {
    const admin = await createUser("admin");
    const result = await updateCalendar(asActor(admin), "support", AMSTERDAM);
    expect(result).toEqual({ team: "support", recomputedCases: 0 });

    const row = await db().calendar.findUniqueOrThrow({ where: { team: "support" } });
    expect(row).toMatchObject({ timeZone: "Europe/Amsterdam", workdays: [1, 2, 3, 4, 5], holidays: ["2026-12-24", "2026-12-25"], workStart: "09:00", workEnd: "17:00", updatedById: admin.id });

    const [support, sirt] = await getCalendars();
    expect(support).toMatchObject({ timeZone: "Europe/Amsterdam", workingHours: { start: "09:00", end: "17:00" }, isDefault: false, updatedBy: admin.name });
    expect(sirt.isDefault).toBe(true);

    const log = await db().activityLog.findFirstOrThrow({ where: { action: "calendar.update", entityId: "support" }, orderBy: { id: "desc" } });
    expect(log).toMatchObject({
      actorId: admin.id,
      actorRole: "admin",
      entityType: "Calendar",
      before: { timeZone: DEFAULT_CALENDAR.timeZone, workdays: [1, 2, 3, 4, 5], holidays: [] },
      after: { timeZone: "Europe/Amsterdam", workdays: [1, 2, 3, 4, 5], holidays: ["2026-12-24", "2026-12-25"], workingHours: { start: "09:00", end: "17:00" } },
      meta: { recomputedCases: 0, openCases: 0 },
    });

    // Turning the working hours off again clears them.
    await updateCalendar(asActor(admin), "support", { ...AMSTERDAM, workingHours: null });
    expect(await db().calendar.findUniqueOrThrow({ where: { team: "support" } })).toMatchObject({ workStart: null, workEnd: null });
    const second = await db().activityLog.findFirstOrThrow({ where: { action: "calendar.update", entityId: "support" }, orderBy: { id: "desc" } });
    expect(second.before).toMatchObject({ workingHours: { start: "09:00", end: "17:00" } });
    expect(second.after).not.toHaveProperty("workingHours");
  });

  it.each([
    ["an unknown time zone", { timeZone: "Mars/Olympus" }, "timeZone", /"Mars\/Olympus" is not a known time zone/],
    ["a missing time zone", { timeZone: " " }, "timeZone", /Choose a time zone/],
    ["no workdays", { workdays: [] }, "workdays", /No workdays are set/],
    ["a weekday 8", { workdays: [1, 8] }, "workdays", /8 is not a weekday number/],
    ["a holiday that is no date", { holidays: ["2026-02-30"] }, "holidays", /"2026-02-30" is not a real date/],
    ["a holiday in another format", { holidays: ["25/12/2026"] }, "holidays", /not a real date written as YYYY-MM-DD/],
    ["working hours ending before they start", { workingHours: { start: "17:00", end: "09:00" } }, "workingHours", /must be later than their start/],
    ["working hours ending at their start", { workingHours: { start: "09:00", end: "09:00" } }, "workingHours", /must be later than their start/],
    ["a start of 24:00", { workingHours: { start: "24:00", end: "24:00" } }, "workingHours", /start "24:00" is not a time/],
    ["an end of 25:00", { workingHours: { start: "09:00", end: "25:00" } }, "workingHours", /end "25:00" is not a time/],
  ])("refuses %s with a field error and writes nothing", async (_name, change, field, message) => {
    const logsBefore = await db().activityLog.count({ where: { action: "calendar.update" } });
    const rowBefore = await db().calendar.findUnique({ where: { team: "sirt" } });
    const errors = await fieldErrors({ ...AMSTERDAM, ...change });
    expect(Object.keys(errors)).toEqual([field]);
    expect(errors[field].join(" ")).toMatch(message);
    expect(await db().activityLog.count({ where: { action: "calendar.update" } })).toBe(logsBefore);
    expect(await db().calendar.findUnique({ where: { team: "sirt" } })).toEqual(rowBefore);
  });

  it("accepts 24:00 as the end of the working day", async () => {
    const admin = await createUser("admin");
    await updateCalendar(asActor(admin), "sirt", { ...AMSTERDAM, workingHours: { start: "18:00", end: "24:00" } });
    expect(await db().calendar.findUniqueOrThrow({ where: { team: "sirt" } })).toMatchObject({ workStart: "18:00", workEnd: "24:00" });
  });

  it("moves the next-update time of the team's open cases, and only theirs", async () => {
    const admin = await createUser("admin");
    const support = await createUser("support");
    const account = await createAccount();
    await updateCalendar(asActor(admin), "support", { timeZone: "UTC", workdays: [1, 2, 3, 4, 5], holidays: [], workingHours: null });

    // Accepted on Monday 2026-11-23 at 10:00 UTC; a relay on Tuesday at 08:00 UTC.
    const acceptedAt = new Date("2026-11-23T10:00:00Z");
    const lastRelayAt = new Date("2026-11-24T08:00:00Z");
    const stale = new Date("2026-11-23T22:00:00Z");
    const base = { accountId: account.id, authorId: support.id, acceptedAt, nextUpdateDue: stale };
    const accepted = await createCase({ ...base, status: "accepted", team: "support" });
    const working = await createCase({ ...base, status: "in_progress", team: "support", lastRelayAt });
    const shared = await createCase({ ...base, status: "shared", team: "support" });
    const sirtCase = await createCase({ ...base, status: "accepted", team: "sirt" });

    const calendar = { timeZone: "Europe/Amsterdam", workdays: [1, 2, 3, 4, 5], holidays: ["2026-11-24"], workingHours: { start: "09:00", end: "17:00" } };
    const result = await updateCalendar(asActor(admin), "support", calendar);
    expect(result.recomputedCases).toBe(2);

    const dueOf = async (id: string) => (await db().case.findUniqueOrThrow({ where: { id }, select: { nextUpdateDue: true } })).nextUpdateDue;
    // Monday 11:00-17:00 Amsterdam is 6 hours, Tuesday is a holiday, Wednesday 09:00 + 6 h = 15:00 (14:00 UTC).
    expect(await dueOf(accepted.id)).toEqual(new Date("2026-11-25T14:00:00Z"));
    expect(await dueOf(accepted.id)).toEqual(nextUpdateDue(acceptedAt, calendar));
    // From the relay on the holiday: Wednesday 09:00-17:00 (8 h) and Thursday 09:00-13:00 Amsterdam.
    expect(await dueOf(working.id)).toEqual(new Date("2026-11-26T12:00:00Z"));
    expect(await dueOf(shared.id)).toEqual(stale);
    expect(await dueOf(sirtCase.id)).toEqual(stale);

    const log = await db().activityLog.findFirstOrThrow({ where: { action: "calendar.update", entityId: "support" }, orderBy: { id: "desc" } });
    expect(log.meta).toEqual({ recomputedCases: 2, openCases: 2 });

    // Saving the same calendar again moves nothing.
    expect((await updateCalendar(asActor(admin), "support", calendar)).recomputedCases).toBe(0);
  });
});
