import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { buildReport, durations, REPORT_MAX_AGE_MS, reportCsv, reportForPage } from "@/lib/reports/queries";
import { reportTables, tableCsv } from "@/lib/reports/tables";
import { useTestDatabase } from "../support/db";
import { createAccount, createCase, createUser } from "../support/factories";

useTestDatabase();

const RANGE = { from: "2026-10-01", to: "2026-10-31" };
/** "Now" for the K2 figures: after c3's notice deadline, before c4's. */
const NOW = new Date("2026-10-08T12:00:00Z");
const at = (s: string) => new Date(`${s}Z`);
const plusHours = (d: Date, h: number) => new Date(d.getTime() + h * 3_600_000);

let users: SessionUser[];
const ids: Record<string, string> = {};

/**
 * October 2026, seven cases requested (c1..c7) and one from September (c8) whose relay falls in
 * October; one draft. Hours to acceptance 1, 2, 3, 4; to first relay 2, 4, 6; to release 48, 24.
 */
beforeAll(async () => {
  users = (await Promise.all((["support", "csm", "sirt", "legal", "admin"] as const).map((r) => createUser(r)))) as SessionUser[];
  const [support, , sirt, legal] = users as [SessionUser, SessionUser, SessionUser, SessionUser];
  const account = await createAccount({ name: "Secret Customer Ltd" });
  const base = { accountId: account.id, authorId: support.id };
  const mk = async (key: string, data: Parameters<typeof createCase>[0]) => (ids[key] = (await createCase(data)).id);
  const req = (d: string) => at(`${d}T09:00:00`);
  await mk("c1", { ...base, reference: "IR-2026-9001", requestedAt: req("2026-10-05"), acceptedAt: plusHours(req("2026-10-05"), 1), outcome: "eligible", team: "support", status: "in_progress", notifyDeadline: at("2026-10-06T09:00:00"), notifiedAt: at("2026-10-05T20:00:00"), incidentAffects: true });
  await mk("c2", { ...base, reference: "IR-2026-9002", requestedAt: req("2026-10-06"), acceptedAt: plusHours(req("2026-10-06"), 2), outcome: "eligible", team: "sirt", status: "shared", notifyDeadline: at("2026-10-07T09:00:00"), notifiedAt: at("2026-10-08T09:00:00"), incidentAffects: true });
  await mk("c3", { ...base, reference: "IR-2026-9003", requestedAt: req("2026-10-07"), acceptedAt: plusHours(req("2026-10-07"), 3), outcome: "eligible", team: "support", status: "closed", resolution: "done", closedAt: at("2026-10-09T10:00:00"), notifyDeadline: at("2026-10-08T00:00:00"), incidentAffects: true });
  await mk("c4", { ...base, reference: "IR-2026-9004", requestedAt: req("2026-10-08"), acceptedAt: plusHours(req("2026-10-08"), 4), outcome: "eligible", team: "support", status: "accepted", notifyDeadline: at("2026-10-09T09:00:00"), incidentAffects: true });
  await mk("c5", { ...base, reference: "IR-2026-9005", requestedAt: req("2026-10-09"), outcome: "ineligible", status: "closed", resolution: "refused", closedAt: at("2026-10-20T10:00:00") });
  await mk("c6", { ...base, reference: "IR-2026-9006", requestedAt: req("2026-10-10"), outcome: "ineligible", status: "legal_review" });
  await mk("c7", { ...base, reference: "IR-2026-9007", requestedAt: req("2026-10-12"), outcome: "rescope", status: "rescope" });
  await mk("c8", { ...base, reference: "IR-2026-9008", requestedAt: req("2026-09-15"), acceptedAt: plusHours(req("2026-09-15"), 100), outcome: "eligible", team: "support", status: "in_progress" });
  await mk("draft", { ...base, reference: null, requestedAt: null, status: "draft" });

  const relay = (caseId: string, sentAt: Date, dueAt: Date | null) => db().relay.create({ data: { caseId, text: "Update", recipient: "dana@customer.example", channel: "email", sentById: support.id, sentAt, dueAt } });
  const acc = (k: string) => db().case.findUniqueOrThrow({ where: { id: ids[k]! } }).then((c) => c.acceptedAt!);
  const a1 = await acc("c1"), a2 = await acc("c2"), a3 = await acc("c3");
  await relay(ids.c1!, plusHours(a1, 2), plusHours(a1, 12)); // on time
  await relay(ids.c1!, at("2026-10-06T10:00:00"), plusHours(a1, 14)); // late: due 10-06 00:00
  await relay(ids.c2!, plusHours(a2, 4), plusHours(a2, 12)); // on time
  await relay(ids.c3!, plusHours(a3, 6), plusHours(a3, 6)); // on time: sent exactly at its due time
  await relay(ids.c8!, at("2026-10-02T10:00:00"), null); // before due times were stored: not measured

  const artefact = (caseId: string, name: string) => db().artefact.create({ data: { caseId, uploadedById: sirt.id, filename: name, contentType: "text/plain", status: "shared" }, select: { id: true } }).then((a) => a.id);
  const x2 = await artefact(ids.c2!, "c2.log"), x3 = await artefact(ids.c3!, "c3.log"), x1 = await artefact(ids.c1!, "c1.log");
  const decide = (artefactId: string, kind: "security" | "legal", decision: "approved" | "rejected", decidedAt: Date, voidedAt?: Date) =>
    db().artefactApproval.create({ data: { artefactId, kind, decision, decidedById: kind === "legal" ? legal.id : sirt.id, decidedAt, revision: 1, sha256: "0".repeat(64), voidedAt } });
  await decide(x2, "security", "approved", at("2026-10-07T10:00:00"));
  await decide(x2, "legal", "approved", at("2026-10-08T08:00:00"));
  await decide(x3, "security", "approved", at("2026-10-07T20:00:00"));
  await decide(x3, "legal", "rejected", at("2026-10-07T21:00:00"), at("2026-10-07T22:00:00"));
  await decide(x3, "legal", "approved", at("2026-10-08T08:00:00"));
  await decide(x1, "security", "rejected", at("2026-10-06T08:00:00"));
  await decide(x1, "security", "approved", at("2026-09-30T08:00:00")); // outside the range
  const share = (artefactId: string, sharedAt: Date) => db().artefactShare.create({ data: { artefactId, sharedById: support.id, recipient: "dana@customer.example", channel: "email", manifest: {}, signature: "s", sharedAt } });
  await share(x2, plusHours(a2, 48));
  await share(x2, plusHours(a2, 50)); // a second share: the release time is the first
  await share(x3, plusHours(a3, 24));

  await db().legalException.create({ data: { caseId: ids.c6!, reason: "Plan", requestedById: support.id, status: "requested", createdAt: at("2026-10-10T10:00:00") } });
  await db().legalException.create({ data: { caseId: ids.c5!, reason: "Plan", requestedById: support.id, status: "granted", createdAt: at("2026-10-11T10:00:00") } });
  await db().legalException.create({ data: { caseId: ids.c8!, reason: "Plan", requestedById: support.id, status: "refused", createdAt: at("2026-09-01T10:00:00") } });
  await db().subpoenaReferral.create({ data: { caseId: ids.c7!, resources: [], status: "open", createdAt: at("2026-10-12T10:00:00") } });
  await db().subpoenaReferral.create({ data: { caseId: ids.c5!, resources: [], status: "closed", handledAt: at("2026-10-14T10:00:00"), createdAt: at("2026-10-13T10:00:00") } });
});

const table = async (name: string, user = users[0]!) => reportTables(await buildReport(user, RANGE, NOW)).find((t) => t.name === name)!;

describe("reports over a date range (issue 13)", () => {
  it("times to acceptance, first relay and release as p50 / p90 in hours (percentile_cont)", async () => {
    const d = await durations(RANGE);
    const by = Object.fromEntries(d.map((r) => [r.measure, r]));
    expect(by.acceptance).toMatchObject({ n: 4 });
    expect(by.acceptance!.p50! / 3600).toBeCloseTo(2.5, 6);
    expect(by.acceptance!.p90! / 3600).toBeCloseTo(3.7, 6);
    expect(by.firstRelay).toMatchObject({ n: 3 });
    expect(by.firstRelay!.p50! / 3600).toBeCloseTo(4, 6);
    expect(by.firstRelay!.p90! / 3600).toBeCloseTo(5.6, 6);
    expect(by.release).toMatchObject({ n: 2 });
    expect(by.release!.p50! / 3600).toBeCloseTo(36, 6);
    expect(by.release!.p90! / 3600).toBeCloseTo(45.6, 6);
    expect((await table("durations")).rows).toEqual([
      ["To acceptance", 4, 2.5, 3.7],
      ["To first relay", 3, 4, 5.6],
      ["To release", 2, 36, 45.6],
    ]);
  });

  it("customer updates on time vs late per week, by each relay's stored due time; relays without one are not counted", async () => {
    expect((await table("updates")).rows).toEqual([
      ["2026-09-28", 0, 0, 1],
      ["2026-10-05", 3, 1, 0],
      ["2026-10-12", 0, 0, 0],
      ["2026-10-19", 0, 0, 0],
      ["2026-10-26", 0, 0, 0],
    ]);
  });

  it("cases by outcome and resolution, by route, by status and per week; the draft and September's case are left out", async () => {
    expect((await table("outcomes")).columns).toEqual(["Outcome", "Open", "Shared and done", "Refused"]);
    expect((await table("outcomes")).rows).toEqual([
      ["Eligible", 3, 1, 0],
      ["Re-scope", 1, 0, 0],
      ["Ineligible", 1, 0, 1],
    ]);
    expect((await table("routes")).rows).toEqual([
      ["Support", 2, 1],
      ["SIRT", 1, 0],
      ["Not routed", 2, 1],
    ]);
    expect((await table("statuses")).rows).toEqual([
      ["Re-scope", 1],
      ["Legal review", 1],
      ["Accepted", 1],
      ["In progress", 1],
      ["Shared", 1],
      ["Closed", 2],
    ]);
    expect((await table("cases-per-week")).rows).toEqual([
      ["2026-09-28", 0, 0],
      ["2026-10-05", 6, 1],
      ["2026-10-12", 1, 0],
      ["2026-10-19", 0, 1],
      ["2026-10-26", 0, 0],
    ]);
  });

  it("K2 notices: within 24 hours, late, overdue unsent and not yet due", async () => {
    expect((await table("k2-notices")).rows).toEqual([
      ["Sent within 24 hours", 1],
      ["Sent late", 1],
      ["Not sent, overdue", 1],
      ["Not sent, not yet due", 1],
    ]);
  });

  it("exceptions asked and granted, referrals open and handled, artefacts approved, rejected and released", async () => {
    expect((await table("exceptions")).rows).toEqual([
      ["Asked", 2],
      ["Granted", 1],
      ["Refused", 0],
      ["Expired", 0],
      ["Waiting for Legal", 1],
    ]);
    expect((await table("referrals")).rows).toEqual([
      ["Open", 1],
      ["Handled", 1],
    ]);
    expect((await table("artefacts")).rows).toEqual([
      ["Approved by Security", 2],
      ["Approved by Legal", 2],
      ["Rejected by Security", 1],
      ["Rejected by Legal", 1],
      ["Released to the customer", 2],
    ]);
  });

  it("an empty range gives zeros and no percentiles", async () => {
    const r = await buildReport(users[0]!, { from: "2025-01-01", to: "2025-01-31" }, NOW);
    expect(r.cases).toEqual([]);
    expect(r.durations.every((d) => d.n === 0 && d.p50 === null && d.p90 === null)).toBe(true);
    expect(r.updatesPerWeek.every((w) => w.onTime === 0 && w.late === 0)).toBe(true);
  });

  it("every staff role reads the same aggregates, with no reference, customer or person in them", async () => {
    const reports = await Promise.all(users.map((u) => buildReport(u, RANGE, NOW)));
    for (const r of reports) expect(r).toEqual(reports[0]);
    const text = JSON.stringify(reports[0]) + reportTables(reports[0]!).map((t) => tableCsv(t)).join("");
    expect(text).not.toMatch(/IR-2026|Secret Customer|dana@/);
    for (const u of users) {
      expect(text).not.toContain(u.name);
      expect(text).not.toContain(u.email);
    }
  });
});

describe("report CSV downloads", () => {
  it("each table's CSV has its columns and the same rows as the page, from its own query", async () => {
    const tables = reportTables(await buildReport(users[0]!, RANGE, NOW));
    for (const t of tables) {
      const { filename, csv } = await reportCsv(users[4]!, t.name, RANGE, NOW);
      expect(filename).toBe(`logdesk-${t.name}-2026-10-01-to-2026-10-31.csv`);
      expect(csv).toBe(tableCsv(t));
    }
    const { csv } = await reportCsv(users[2]!, "updates", RANGE, NOW);
    expect(csv.split("\r\n").slice(0, 3)).toEqual(["Week (Monday),On time,Late,Not measured", "2026-09-28,0,0,1", "2026-10-05,3,1,0"]);
  });

  it("an unknown report is not found", async () => {
    await expect(reportCsv(users[0]!, "customers", RANGE, NOW)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("the Reports page's figures (issue 15)", () => {
  it("are computed once per range for five minutes, then again; the CSV stays current", async () => {
    const range = { from: "2026-09-01", to: "2026-09-30" };
    const t0 = new Date("2026-10-08T12:00:00Z");
    const first = await reportForPage(users[0]!, range, t0);
    const cases = (d: Awaited<ReturnType<typeof buildReport>>) => d.cases.reduce((n, g) => n + g.n, 0);
    const account = await createAccount();
    await createCase({ accountId: account.id, authorId: users[0]!.id, status: "accepted", requestedAt: new Date("2026-09-15T10:00:00Z") });
    const again = await reportForPage(users[1]!, range, new Date(t0.getTime() + REPORT_MAX_AGE_MS - 1000));
    expect(again.asOf).toEqual(t0); // the same figures, for any reader
    expect(cases(again)).toBe(cases(first));
    expect((await reportCsv(users[0]!, "outcomes", range, t0)).csv).not.toEqual(tableCsv(reportTables(first).find((t) => t.name === "outcomes")!));
    const later = await reportForPage(users[0]!, range, new Date(t0.getTime() + REPORT_MAX_AGE_MS));
    expect(cases(later)).toBe(cases(first) + 1);
  });
});
