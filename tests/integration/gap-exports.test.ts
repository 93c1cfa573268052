// The gap exports (CSV, JSON) and analytics (lib/gaps/export-gaps.ts, queries.ts): one row per gap
// record of the cases the caller may see; CSV cells injection-safe; aggregates in SQL over the range.
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { exportGapsCsv, exportGapsJson } from "@/lib/gaps/export-gaps";
import { gapAnalytics, gapForCaseReport } from "@/lib/gaps/queries";
import { recordGap } from "@/lib/gaps/record-gap";
import { ZGapRange, ZRecordGap } from "@/lib/gaps/schemas";
import { useTestDatabase } from "../support/db";
import { createAccount, createCase, createUser } from "../support/factories";

useTestDatabase();

let sirt: SessionUser, support: SessionUser, legal: SessionUser, csm: SessionUser;
let sirtCase: string, supportCase: string;

const text = async (gen: AsyncGenerator<string>) => {
  let s = "";
  for await (const c of gen) s += c;
  return s;
};

beforeAll(async () => {
  [sirt, support, legal, csm] = (await Promise.all((["sirt", "support", "legal", "csm"] as const).map((r) => createUser(r)))) as SessionUser[];
  const ultimate = (await createAccount({ plan: "ultimate" })).id;
  const premium = (await createAccount({ plan: "premium" })).id;
  sirtCase = (await createCase({ accountId: ultimate, authorId: csm.id, team: "sirt", status: "shared", logDiveDone: true, reference: "IR-2026-7001" })).id;
  supportCase = (await createCase({ accountId: premium, authorId: support.id, team: "support", status: "in_progress", reference: "IR-2026-7002" })).id;
  await recordGap(sirt, ZRecordGap.parse({ caseId: sirtCase, noGap: false, eventTypes: ["user_email_changed", "group_export_started"], neededFor: "=HYPERLINK(\"http://evil\")" }), { trackerConfigured: false });
  await recordGap(support, ZRecordGap.parse({ caseId: supportCase, noGap: false, eventTypes: ["user_email_changed"], neededFor: "Who changed it." }), { trackerConfigured: false });
});

describe("the gap exports", () => {
  it("CSV: one row per record the caller may see, formula cells defused", async () => {
    const csv = await text(await exportGapsCsv(sirt));
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe("reference,recorded_at,plan,team,no_gap,missing_events,needed_for,no_gap_reason,filing_state,issue_iid,issue_url");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("IR-2026-7001");
    expect(lines[1]).toContain("group_export_started user_email_changed");
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(lines[1]).toContain(",kept,");
    expect(await db().activityLog.count({ where: { action: "gap.export", actorId: sirt.id } })).toBe(1);
  });

  it("JSON: Support sees its own team's record only; Legal, seeing neither case, gets none", async () => {
    const rows = JSON.parse(await text(await exportGapsJson(support))) as { reference: string; missingEvents: string[]; plan: string }[];
    expect(rows.map((r) => r.reference)).toEqual(["IR-2026-7002"]);
    expect(rows[0]).toMatchObject({ missingEvents: ["user_email_changed"], plan: "premium" });
    expect(JSON.parse(await text(await exportGapsJson(legal)))).toEqual([]);
  });
});

describe("the gap analytics", () => {
  const range = ZGapRange.parse({ from: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10), to: new Date().toISOString().slice(0, 10) });

  it("counts across every case, by event type, month, plan and route; lists only the caller's cases", async () => {
    const a = await gapAnalytics(sirt, range);
    expect(a.totalRecords).toBe(2);
    expect(a.totalMissing).toBe(3);
    expect(a.byEventType[0]).toEqual({ eventType: "user_email_changed", cases: 2, catalogued: expect.any(Boolean) });
    expect(a.byMonth).toEqual([{ month: new Date().toISOString().slice(0, 7), events: 3, cases: 2 }]);
    expect(a.byPlan).toEqual([{ plan: "premium", events: 1 }, { plan: "ultimate", events: 2 }]);
    expect(a.byRoute).toEqual([{ route: "Support", events: 1 }, { route: "SIRT", events: 2 }]);
    expect(a.casesByEventType.user_email_changed!.map((c) => c.reference)).toEqual(["IR-2026-7001"]);
  });

  it("gives Admin the counts only: which case lacked which events is case content", async () => {
    const admin = (await createUser("admin")) as SessionUser;
    const a = await gapAnalytics(admin, range);
    expect(a.totalMissing).toBe(3);
    expect(a.byEventType[0]!.cases).toBe(2);
    expect(Object.values(a.casesByEventType).flat()).toEqual([]);
  });

  it("a range before any record is empty", async () => {
    const a = await gapAnalytics(sirt, ZGapRange.parse({ from: "2020-01-01", to: "2020-12-31" }));
    expect(a).toMatchObject({ totalRecords: 0, totalMissing: 0, byEventType: [], byMonth: [] });
  });
});

describe("the case report's gap", () => {
  it("prints the events and the state; the free text only with the internal entries", async () => {
    expect(await gapForCaseReport(sirtCase, false)).toMatchObject({ missingEvents: ["group_export_started", "user_email_changed"], neededFor: null, noGapReason: null, issue: { url: null } });
    expect((await gapForCaseReport(sirtCase, true))!.neededFor).toContain("HYPERLINK");
  });
});
