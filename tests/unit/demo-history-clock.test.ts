import { describe, expect, it } from "vitest";
import { withClock } from "@/lib/clock";
import { stampArgs } from "@/lib/db/clock-stamps";
import { after, workBefore, workTime } from "@/lib/demo/working-time";

const zero = () => 0;
const t = (iso: string) => new Date(iso).getTime();
const iso = (ms: number) => new Date(ms).toISOString();

describe("workTime: an act falls in working hours (08:00-18:00 UTC, Monday to Friday)", () => {
  it.each([
    ["2026-12-02T10:00:00.000Z", "2026-12-02T10:00:00.000Z", "a Wednesday morning stays"],
    ["2026-12-02T06:30:00.000Z", "2026-12-02T08:00:00.000Z", "before work: that morning"],
    ["2026-12-02T18:00:00.000Z", "2026-12-03T08:00:00.000Z", "after work: the next morning"],
    ["2026-12-04T19:00:00.000Z", "2026-12-07T08:00:00.000Z", "Friday evening: Monday morning"],
    ["2026-12-05T12:00:00.000Z", "2026-12-07T08:00:00.000Z", "Saturday: Monday morning"],
    ["2026-12-06T23:59:00.000Z", "2026-12-07T08:00:00.000Z", "Sunday night: Monday morning"],
  ])("%s -> %s (%s)", (from, to) => {
    expect(iso(workTime(t(from), zero))).toBe(to);
  });
});

describe("after: working hours later (rnd 0.5: nobody on call)", () => {
  const half = () => 0.5;
  it.each([
    ["2026-12-02T10:00:00.000Z", 3, "2026-12-02T13:00:00.000Z", "within the day"],
    ["2026-12-02T16:00:00.000Z", 3, "2026-12-03T09:00:00.000Z", "over the night"],
    ["2026-12-04T17:00:00.000Z", 2, "2026-12-07T09:00:00.000Z", "over the weekend"],
    ["2026-12-02T10:00:00.000Z", 25, "2026-12-04T15:00:00.000Z", "two and a half working days"],
  ])("%s + %sh -> %s (%s)", (from, hours, to) => {
    expect(iso(after(t(from), hours, half))).toBe(to);
  });

  it("is real hours, any day, when someone is on call (rnd below 0.05)", () => {
    expect(iso(after(t("2026-12-05T22:00:00.000Z"), 3, () => 0.01))).toBe("2026-12-06T01:00:00.000Z");
  });
});

describe("stampArgs: the default-now columns follow an injected clock", () => {
  const at = new Date("2026-09-10T09:15:00.000Z");
  const clocked = <T>(fn: () => T) => withClock(() => at, async () => fn());

  it("leaves every query alone without an injected clock", () => {
    const args = { data: { caseId: "c", body: "x" } };
    expect(stampArgs("TimelineEntry", "create", args)).toBe(args);
  });

  it.each([
    ["Case", "create", { data: { summary: "s" } }, { data: { summary: "s", createdAt: at, updatedAt: at } }],
    ["Case", "createMany", { data: [{ summary: "a" }, { summary: "b" }] }, { data: [{ summary: "a", createdAt: at, updatedAt: at }, { summary: "b", createdAt: at, updatedAt: at }] }],
    ["Case", "updateMany", { where: { id: "c" }, data: { status: "accepted" } }, { where: { id: "c" }, data: { status: "accepted", updatedAt: at } }],
    ["Relay", "create", { data: { text: "t" } }, { data: { text: "t", sentAt: at } }],
    ["VerificationTick", "upsert", { where: {}, create: { item: "plan" }, update: {} }, { where: {}, create: { item: "plan", tickedAt: at }, update: {} }],
    ["TimelineEntry", "update", { where: { id: "e" }, data: { body: "b" } }, { where: { id: "e" }, data: { body: "b" } }],
    ["User", "create", { data: { email: "e" } }, { data: { email: "e" } }],
    ["TimelineEntry", "findMany", { where: {} }, { where: {} }],
  ])("%s.%s", async (model, op, args, expected) => {
    expect(await clocked(() => stampArgs(model, op, args))).toEqual(expected);
  });

  it("keeps a time the service passed itself", async () => {
    const own = new Date("2026-09-01T00:00:00.000Z");
    expect(await clocked(() => stampArgs("Relay", "create", { data: { sentAt: own } }))).toEqual({ data: { sentAt: own } });
  });
});

describe("workBefore: an on-time relay goes out before the team leaves, not at night", () => {
  it.each([
    ["2026-12-02T10:00:00.000Z", "2026-12-02T10:00:00.000Z", "in working hours: stays"],
    ["2026-12-02T21:00:00.000Z", "2026-12-02T17:55:00.000Z", "that evening: before six"],
    ["2026-12-03T03:00:00.000Z", "2026-12-02T17:55:00.000Z", "the small hours: the day before"],
    ["2026-12-07T02:00:00.000Z", "2026-12-04T17:55:00.000Z", "Monday night: the Friday before"],
    ["2026-12-06T12:00:00.000Z", "2026-12-04T17:55:00.000Z", "Sunday: the Friday before"],
  ])("%s -> %s (%s)", (from, to) => {
    expect(iso(workBefore(t(from), zero))).toBe(to);
  });
});
