import { describe, expect, it } from "vitest";
import { buildCaseReportView, caseReportFilename, GAP_NOT_RECORDED, mayDownloadCaseReport, type CaseReportData } from "@/lib/reports/case-report-view";

const RAW = "a".repeat(64);
const RED = "b".repeat(64);
const FP = "c".repeat(64);
const AT = new Date("2026-11-10T10:00:30Z");

function data(over: Partial<CaseReportData> = {}): CaseReportData {
  return {
    case: {
      reference: "IR-2026-0042",
      status: "shared",
      team: "sirt",
      accountName: "ACME",
      accountPlan: "premium",
      summary: "Token leak",
      eventTypes: ["user_signed_in"],
      windowFrom: "2026-11-01T00:00:00Z",
      windowTo: "2026-11-20T00:00:00Z",
      requestedAt: AT,
      acceptedAt: null,
      closedAt: null,
      closeReason: null,
    },
    decisions: [
      { outcome: "eligible", route: "sirt", extended: false, checks: [{ id: "plan", result: "pass", message: "Premium SaaS, paying" }, { id: "window", result: "pass", message: "Within 90 days" }], policyVersion: "policy-3", reason: "submit", evaluatedAt: AT, by: "Casey" },
    ],
    ticks: [{ item: "identity", at: AT, by: "Casey" }],
    override: null,
    entries: [
      { kind: "finding", visibility: "internal", author: "Sam", at: AT, body: "internal only" },
      { kind: "status_update", visibility: "relayable", author: "Sam", at: AT, body: "for the customer" },
    ],
    relays: [{ at: AT, by: "Casey", recipient: "sec@acme.example", channel: "email", text: "for the customer" }],
    exceptions: [],
    referrals: [],
    artefacts: [{ filename: "x.log", status: "shared", revision: 1, rawSha256: RAW, redactedSha256: RED, approvals: [{ kind: "security", decision: "approved", by: "Sam", at: AT, revision: 1, comment: "", voidedAt: null, voidReason: null }] }],
    releases: [{ filename: "x.log", at: AT, by: "Casey", recipient: "sec@acme.example", channel: "secure_file_share", keyId: "k1", manifestSha256: FP }],
    ...over,
  };
}

const opts = { includeInternal: false, generatedAt: AT, generatedBy: "Lee" };
const text = (v: ReturnType<typeof buildCaseReportView>) => JSON.stringify(v);

describe("buildCaseReportView", () => {
  it("puts the sections in the issue's order, the reference and status on top, times in UTC to the minute", () => {
    const v = buildCaseReportView(data(), opts);
    expect(v.reference).toBe("IR-2026-0042");
    expect(v.status).toBe("shared");
    expect(v.sections.map((s) => s.title)).toEqual([
      "Decision",
      "Verification (step 5)",
      "Timeline (relayable entries)",
      "Relays to the customer",
      "Exceptions and referrals",
      "Artefacts",
      "Approvals",
      "Release manifest",
      "Audit Events gap",
    ]);
    expect(v.header).toContainEqual(["Requested", "2026-11-10 10:00 UTC"]);
    expect(text(v)).not.toContain("10:00:30");
  });

  it.each([
    { includeInternal: false, shows: ["for the customer"], hides: ["internal only"] },
    { includeInternal: true, shows: ["for the customer", "internal only"], hides: [] },
  ])("internal entries only when asked (includeInternal $includeInternal)", ({ includeInternal, shows, hides }) => {
    const timeline = buildCaseReportView(data(), { ...opts, includeInternal }).sections[2]!;
    const bodies = timeline.blocks.map((b) => b.body);
    for (const s of shows) expect(bodies).toContain(s);
    for (const s of hides) expect(bodies).not.toContain(s);
  });

  it("prints every check with the policy version, each verification item ticked or not, both SHA-256s and the manifest fingerprint", () => {
    const v = buildCaseReportView(data(), opts);
    const [decision, verification, , , , artefacts, approvals, release] = v.sections;
    expect(decision!.facts).toContainEqual(["Policy version", "policy-3"]);
    expect(decision!.tables[0]!.rows).toEqual([
      ["plan", "pass", "Premium SaaS, paying"],
      ["window", "pass", "Within 90 days"],
    ]);
    expect(verification!.tables[0]!.rows).toHaveLength(6);
    expect(verification!.tables[0]!.rows[0]).toEqual(["requester identity", "2026-11-10 10:00 UTC", "Casey"]);
    expect(verification!.tables[0]!.rows[1]).toEqual(["resource ownership", "not ticked", "—"]);
    expect(artefacts!.tables[0]!.rows).toEqual([
      ["x.log", "shared", "1", "raw", RAW],
      ["x.log", "shared", "1", "redacted", RED],
    ]);
    expect(approvals!.tables[0]!.rows[0]!.slice(0, 4)).toEqual(["x.log", "security", "approved", "Sam"]);
    expect(release!.tables[1]!.rows[0]).toEqual(["x.log", "k1", FP]);
  });

  it.each([
    { name: "no evaluation", over: { decisions: [] }, section: 0, note: "The case was never evaluated." },
    { name: "no entries", over: { entries: [] }, section: 2, note: "No entries." },
    { name: "no gap record (not built yet)", over: {}, section: 8, note: `${GAP_NOT_RECORDED}.` },
  ])("says so when there is $name", ({ over, section, note }) => {
    expect(buildCaseReportView(data(over), opts).sections[section]!.note).toBe(note);
  });

  it.each([
    { gap: { missingEvents: ["a", "b"], neededFor: "who pushed", noGapReason: null, issue: { state: "filed", url: "https://t/1" } }, want: [["Missing events", "a, b"], ["Needed for", "who pushed"], ["Issue", "filed https://t/1"]] },
    { gap: { missingEvents: [], neededFor: null, noGapReason: "Audit Events had it", issue: null }, want: [["Missing events", "none"], ["No gap", "Audit Events had it"], ["Issue", "not filed"]] },
  ])("prints the gap record when one is given", ({ gap, want }) => {
    const s = buildCaseReportView(data({ gap }), opts).sections[8]!;
    expect(s.note).toBeUndefined();
    expect(s.facts).toEqual(want);
  });

  it("marks voided approvals and lists empty tables with their empty text", () => {
    const v = buildCaseReportView(
      data({ artefacts: [{ ...data().artefacts[0]!, approvals: [{ kind: "legal", decision: "approved", by: "Lee", at: AT, revision: 1, comment: "", voidedAt: AT, voidReason: "redacted again" }] }], releases: [] }),
      opts,
    );
    expect(v.sections[6]!.tables[0]!.rows[0]![2]).toBe("approved (void: redacted again)");
    expect(v.sections[7]!.tables[0]).toMatchObject({ rows: [], empty: "Nothing released." });
  });

  it.each([
    ["IR-2026-0042", "IR-2026-0042-case-report.pdf"],
    [null, "draft-case-report.pdf"],
    ['IR"2026/..', "IR_2026___-case-report.pdf"],
  ])("file name of %s is %s", (ref, want) => {
    expect(caseReportFilename(ref)).toBe(want);
  });

  it.each([
    ["support", "shared", true],
    ["csm", "ineligible", true],
    ["sirt", "in_progress", true],
    ["legal", "legal_review", true],
    ["admin", "shared", false],
    ["support", "draft", false],
  ] as const)("%s may download the report of a %s case: %s", (role, status, want) => {
    expect(mayDownloadCaseReport(role, status)).toBe(want);
  });
});
