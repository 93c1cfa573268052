// The Audit Events gap issue (step 10): title, description and labels from the case reference,
// the missing event types and the plan tier, and nothing confidential (lib/gap-tracker/issue.ts).
import { describe, expect, it } from "vitest";
import { AUDIT_EVENT_TYPES } from "@/lib/demo/audit-event-types";
import { buildGapIssue, EVENT_TYPE_PATTERN, GAP_ISSUE_LABELS, isSafeDescription, titleNamesReference } from "@/lib/gap-tracker/issue";

const base = { caseReference: "IR-2026-0042", missingEventTypes: ["user_email_changed"], planTier: "ultimate" };

describe("buildGapIssue", () => {
  it("names the reference, the event types and the plan, with both labels", () => {
    const r = buildGapIssue({
      ...base,
      missingEventTypes: ["user_email_changed", "project_deploy_token_created"],
      catalogueDescriptions: { user_email_changed: "A user changes their email address" },
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.issue.title).toBe("Audit Events gap from IR-2026-0042: user_email_changed, project_deploy_token_created");
    expect(r.issue.labels).toEqual(["Category:Audit Events", "Enterprise Edition"]);
    expect(r.issue.labels.join(",")).toBe("Category:Audit Events,Enterprise Edition");
    expect(r.issue.description).toContain("**Plan tier:** Ultimate");
    expect(r.issue.description).toContain("- `user_email_changed`: A user changes their email address");
    expect(r.issue.description).toContain("- `project_deploy_token_created`\n");
    expect(r.issue.description).toContain("IR-2026-0042");
  });

  it.each([
    [["a_b", "c_d", "e_f"], "Audit Events gap from IR-2026-0042: a_b, c_d, e_f"],
    [["a_b", "c_d", "e_f", "g_h", "i_j"], "Audit Events gap from IR-2026-0042: a_b, c_d, e_f and 2 more"],
    [["a_b", "a_b", "c_d"], "Audit Events gap from IR-2026-0042: a_b, c_d"],
    [["  user_email_changed "], "Audit Events gap from IR-2026-0042: user_email_changed"],
  ])("title for %j", (missingEventTypes, title) => {
    const r = buildGapIssue({ ...base, missingEventTypes });
    expect(r.ok && r.issue.title).toBe(title);
  });

  it.each([
    ["no event types", { ...base, missingEventTypes: [] }, "at least one"],
    ["an email as event type", { ...base, missingEventTypes: ["jane.doe@acme-corp.com"] }, "lower-case letters"],
    ["a path as event type", { ...base, missingEventTypes: ["acme-corp/secret-project"] }, "lower-case letters"],
    ["markdown as event type", { ...base, missingEventTypes: ["x](https://evil.example)"] }, "lower-case letters"],
    ["a mention", { ...base, missingEventTypes: ["@security_team"] }, "lower-case letters"],
    ["a line break", { ...base, missingEventTypes: ["user_email\nchanged"] }, "lower-case letters"],
    ["a NUL", { ...base, missingEventTypes: ["user\u0000email"] }, "lower-case letters"],
    ["upper case", { ...base, missingEventTypes: ["User_Email_Changed"] }, "lower-case letters"],
    ["spaces", { ...base, missingEventTypes: ["user email changed"] }, "lower-case letters"],
    ["too long", { ...base, missingEventTypes: ["a".repeat(101)] }, "under 100"],
    ["too many", { ...base, missingEventTypes: Array.from({ length: 51 }, (_, i) => `event_${i}`) }, "at most 50"],
    ["a bad reference", { ...base, caseReference: "ACME Corp" }, "IR-2026-0042"],
    ["an unknown plan", { ...base, planTier: "platinum" }, "plan tier"],
    ["a customer name field", { ...base, customerName: "ACME Corp" }, "Unrecognized key"],
    ["an account path field", { ...base, accountPath: "acme-corp" }, "Unrecognized key"],
    ["free text", { ...base, reason: "They needed to see who read the repo" }, "Unrecognized key"],
    ["not an object", "IR-2026-0042", "expected object"],
  ])("refuses %s", (_name, input, message) => {
    const r = buildGapIssue(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(message);
  });

  it("copies a hostile catalogue description not at all (the name alone is listed)", () => {
    const confidential = ["jane.doe@acme-corp.com", "acme-corp/secret-project", "https://evil.example", "<script>"];
    const r = buildGapIssue({
      ...base,
      missingEventTypes: ["a_b", "c_d", "e_f", "g_h"],
      catalogueDescriptions: {
        a_b: "Mail jane.doe@acme-corp.com",
        c_d: "In acme-corp/secret-project",
        e_f: "[click](https://evil.example)",
        g_h: "<script>alert(1)</script>",
      },
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    for (const s of confidential) expect(JSON.stringify(r.issue)).not.toContain(s);
    expect(r.issue.description).toContain("- `a_b`\n- `c_d`\n- `e_f`\n- `g_h`\n");
  });

  it("ignores a description for a name not listed (and a prototype key)", () => {
    const r = buildGapIssue({ ...base, missingEventTypes: ["constructor_x"], catalogueDescriptions: { other: "Other" } });
    expect(r.ok && r.issue.description).toContain("- `constructor_x`\n");
  });
});

describe("the audit event catalogue", () => {
  it("every name matches the event type pattern", () => {
    expect(AUDIT_EVENT_TYPES.filter((t) => !EVENT_TYPE_PATTERN.test(t.name))).toEqual([]);
  });
  it("every description may be copied (CI/CD is the only slash)", () => {
    expect(AUDIT_EVENT_TYPES.filter((t) => !isSafeDescription(t.description)).map((t) => t.description)).toEqual([]);
  });
});

describe("isSafeDescription", () => {
  it.each([
    ["A user changes their email address", true],
    ["A CI/CD variable is created for a group", true],
    ["Member's access level (Developer) is updated", true],
    ["", false],
    ["acme/secret", false],
    ["a@b", false],
    ["**bold**", false],
    ["line\nbreak", false],
    ["x".repeat(301), false],
  ])("%j -> %s", (d, safe) => expect(isSafeDescription(d)).toBe(safe));
});

describe("titleNamesReference", () => {
  it.each([
    ["Audit Events gap from IR-2026-0012: a_b", "IR-2026-0012", true],
    ["IR-2026-0012", "IR-2026-0012", true],
    ["Audit Events gap from IR-2026-00120: a_b", "IR-2026-0012", false],
    ["Audit Events gap from XIR-2026-0012: a_b", "IR-2026-0012", false],
    ["Audit Events gap from IR-2026-0013: a_b", "IR-2026-0012", false],
    ["anything", ".*", false],
  ])("%j names %s: %s", (title, ref, yes) => expect(titleNamesReference(title, ref)).toBe(yes));
});

it("the labels are the process's", () => expect(GAP_ISSUE_LABELS).toEqual(["Category:Audit Events", "Enterprise Edition"]));
