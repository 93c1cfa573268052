import { proposalCovering, proposalStatusFor, siblingSuffix, type HostProposalStatus } from "@/lib/settings/rules";
import { describe, expect, it } from "vitest";
import { createRedactor } from "@/lib/redaction";
import { coveringSuffix, describeChange, diffSettings, hostListsChangeText, hostMatchesSuffix, hostProblem, policyProblem, productHostConflicts, productHostProblem, releaseSettingsWarning, sameHostLists, type PolicyValues } from "@/lib/settings/rules";
import { ZPolicyValues, ZProposedHost, ZSaveSettingsInput } from "@/lib/settings/schemas";

const POLICY: PolicyValues = { maxWindowMonths: 1, standardWindowDays: 7, maxResources: 20, maxEventTypes: 10, supportMaxResources: 5, retentionDays: 90 };
const GOOD = { baseVersion: 1, internalHosts: [".internal", "corp.example"], productHosts: ["gitlab.example.com"], policy: POLICY, note: "Add corp.example" };

describe("internal host suffixes", () => {
  it.each([
    [".internal"],
    ["corp.example"],
    [".corp.example"],
    ["db-1.corp.example"],
    ["  .Corp.Example  "], // trimmed and lower-cased, not refused
    ["10.0.0.1"],
  ])("%j is a suffix", (value) => {
    expect(hostProblem(value, "suffix")).toBeNull();
  });

  it.each([
    ["", /empty suffix/],
    ["   ", /empty suffix/],
    ["https://corp.example", /without a scheme: “corp\.example”/],
    ["http://db1.internal:5432/x", /without a scheme/],
    ["corp example", /has a space/],
    [".corp\t.example", /has a space/],
    ["corp.example:8443", /Leave out the port: “corp\.example”/],
    ["corp.example:", /Leave out the port/],
    ["corp.example/api", /Leave out the path: “corp\.example”/],
    ["corp.example?x=1", /Leave out the path/],
    ["*.corp.example", /Write “\.corp\.example” instead/],
    ["corp_example", /characters a host name cannot hold \(“_”\)/],
    ["corp.exämple", /characters a host name cannot hold/],
    ["deploy@corp.example", /leave out the user name/],
    [".", /would match every host/],
    ["..corp", /empty part between dots/],
    ["corp.", /empty part between dots/],
    ["-corp.example", /starts or ends with “-”/],
    [`${"a".repeat(64)}.example`, /longer than 63/],
    [`${"abc.".repeat(70)}com`, /longer than a host name can be/],
    // A single word would redact the word itself in ordinary text ("Internal Server Error").
    ["internal", /“internal” is a single word: .* Write “\.internal” to cover the hosts under it\./],
    ["local", /Write “\.local”/],
    ["corp", /Write “\.corp”/],
    ["COM", /“com” is a single word/],
  ])("%j is refused", (value, message) => {
    expect(hostProblem(value, "suffix")).toMatch(message);
  });

  it("refuses a single word because the redaction would take the word out of ordinary text", () => {
    const line = "500 Internal Server Error from vault.internal";
    const redact = (suffix: string) =>
      createRedactor({ owned: { groups: [], projects: [], users: [], emails: [] }, disclosePersonalData: false, internalHosts: [suffix] }).redactLine(line);
    expect(redact("internal")).toBe("500 [REDACTED:system] Server Error from [REDACTED:system]");
    expect(hostProblem("internal", "suffix")).not.toBeNull();
    // What the message asks for instead: the hosts under it, and the words left alone.
    expect(redact(".internal")).toBe("500 Internal Server Error from [REDACTED:system]");
    expect(hostProblem(".internal", "suffix")).toBeNull();
  });
});

describe("a suffix that covers a product host", () => {
  const PRODUCT = ["gitlab.example.com"];
  it.each<[string, string | null]>([
    ["example.com", "gitlab.example.com"],
    [".example.com", "gitlab.example.com"],
    ["gitlab.example.com", "gitlab.example.com"],
    [".com", "gitlab.example.com"],
    [".corp.example.com", null],
    ["corp.example", null],
    [".gitlab.example.com", null], // the hosts under it, not the product host itself
  ])("%s: refused naming %s", (suffix, named) => {
    const problem = productHostProblem(suffix, PRODUCT);
    if (named) expect(problem).toMatch(new RegExp(`covers the product host ${named.replace(/\./g, "\\.")}: its URLs would be redacted as \\[REDACTED:system\\]`));
    else expect(problem).toBeNull();
  });

  it("is why: the product host's URL is redacted whole instead of judged as a product path", () => {
    const redactor = createRedactor({ owned: { groups: [], projects: [], users: [], emails: [] }, disclosePersonalData: false, internalHosts: ["example.com"], productHosts: PRODUCT });
    expect(redactor.redactLine("GET https://gitlab.example.com/acme/app/-/jobs")).toContain("https://[REDACTED:system]/");
  });

  it("is refused beside the suffix's line on save, naming the product host", () => {
    const r = ZSaveSettingsInput.safeParse({ ...GOOD, internalHosts: [".internal", "example.com"], productHosts: ["gitlab.example.com"] });
    expect(r.success).toBe(false);
    expect(r.error!.issues).toEqual([expect.objectContaining({ path: ["internalHosts", 1], message: expect.stringMatching(/^Line 2: “example\.com” covers the product host gitlab\.example\.com/) })]);
    // Also when another field has a problem of its own (the Admin sees both at once).
    const both = ZSaveSettingsInput.safeParse({ ...GOOD, internalHosts: [".example.com"], productHosts: ["gitlab.example.com"], note: "" });
    expect(both.error!.issues.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["internalHosts.0", "note"]));
    // A suffix under which no product host lies is fine.
    expect(ZSaveSettingsInput.safeParse({ ...GOOD, internalHosts: [".corp.example.com"], productHosts: ["gitlab.example.com"] }).success).toBe(true);
    expect(productHostConflicts([".internal", "not a host", ".example.com"], ["gitlab.example.com", "https://bad"])).toEqual([{ index: 2, message: expect.stringMatching(/^Line 3: /) }]);
  });
});

describe("product hosts", () => {
  it.each([["gitlab.example.com"], ["localhost"], ["GitLab.Example.com"]])("%j is a host name", (value) => {
    expect(hostProblem(value, "host")).toBeNull();
  });
  it.each([
    ["https://gitlab.example.com", /without a scheme/],
    ["gitlab.example.com:443", /Leave out the port/],
    ["gitlab.example.com/", /Leave out the path/],
    [".example.com", /starts with a dot/],
    ["*.example.com", /is a pattern/],
    ["", /empty host name/],
  ])("%j is refused", (value, message) => {
    expect(hostProblem(value, "host")).toMatch(message);
  });
});

describe("policy values", () => {
  it.each<[keyof PolicyValues, unknown, RegExp | null]>([
    ["maxWindowMonths", 1, null],
    ["maxWindowMonths", 12, null],
    ["maxWindowMonths", 0, /1 to 12 calendar months; 0 is out of range/],
    ["maxWindowMonths", 13, /1 to 12/],
    ["maxWindowMonths", 1.5, /whole number/],
    ["standardWindowDays", 31, null],
    ["standardWindowDays", 32, /1 to 31 days/],
    ["standardWindowDays", 0, /1 to 31/],
    ["maxResources", 100, null],
    ["maxResources", 101, /1 to 100 resources/],
    ["maxEventTypes", 0, /1 to 100 event types/],
    ["maxEventTypes", Number.NaN, /Enter a whole number from 1 to 100/],
    ["supportMaxResources", "5", /Enter a whole number/], // the schema turns text into numbers first
  ])("%s = %j", (field, value, message) => {
    const problem = policyProblem(field, value);
    if (message) expect(problem).toMatch(message);
    else expect(problem).toBeNull();
  });

  it("refuses Support's maximum above the resource maximum, beside Support's field", () => {
    const r = ZPolicyValues.safeParse({ ...POLICY, maxResources: 8, supportMaxResources: 9 });
    expect(r.success).toBe(false);
    expect(r.error!.issues).toEqual([expect.objectContaining({ path: ["supportMaxResources"], message: expect.stringMatching(/cannot be more than .* \(8\)/) })]);
    expect(ZPolicyValues.safeParse({ ...POLICY, maxResources: 8, supportMaxResources: 8 }).success).toBe(true);
  });

  it("reads numbers typed into a form, and calls a blank field missing", () => {
    expect(ZPolicyValues.parse({ maxWindowMonths: "2", standardWindowDays: " 14 ", maxResources: 30, maxEventTypes: "10", supportMaxResources: "5", retentionDays: "120" })).toEqual({
      maxWindowMonths: 2,
      standardWindowDays: 14,
      maxResources: 30,
      maxEventTypes: 10,
      supportMaxResources: 5,
      retentionDays: 120,
    });
    const r = ZPolicyValues.safeParse({ ...POLICY, maxResources: "" });
    expect(r.error!.issues[0]).toMatchObject({ path: ["maxResources"], message: expect.stringMatching(/Enter a whole number/) });
  });
});

describe("the settings form", () => {
  it("normalises hosts to lower case without surrounding blanks", () => {
    expect(ZSaveSettingsInput.parse({ ...GOOD, internalHosts: [" .Internal ", "CORP.example"] }).internalHosts).toEqual([".internal", "corp.example"]);
  });

  it.each([
    ["an empty suffix", { internalHosts: [".internal", ""] }, "internalHosts.1", /Line 2: An empty suffix/],
    ["a scheme", { internalHosts: ["https://corp.example"] }, "internalHosts.0", /without a scheme/],
    ["a port", { internalHosts: [".internal", "db.corp:5432"] }, "internalHosts.1", /port/],
    ["a space", { internalHosts: ["corp example"] }, "internalHosts.0", /space/],
    ["a path", { productHosts: ["gitlab.example.com/api"] }, "productHosts.0", /path/],
    ["a duplicate", { internalHosts: [".internal", ".INTERNAL"] }, "internalHosts.1", /Line 2: “\.internal” is already on line 1/],
    ["a duplicate product host", { productHosts: ["a.example", "a.example"] }, "productHosts.1", /already on line 1/],
    ["no suffix at all", { internalHosts: [] }, "internalHosts", /at least one suffix/],
    ["a policy value out of range", { policy: { ...POLICY, maxWindowMonths: 13 } }, "policy.maxWindowMonths", /1 to 12/],
    ["no note", { note: "  " }, "note", /what changed and why/],
    ["a note too long", { note: "x".repeat(501) }, "note", /under 500/],
  ])("refuses %s beside the field", (_what, change, path, message) => {
    const r = ZSaveSettingsInput.safeParse({ ...GOOD, ...change });
    expect(r.success).toBe(false);
    const issue = r.error!.issues.find((i) => i.path.join(".") === path);
    expect(issue?.message).toMatch(message);
  });

  it("takes text with one host per line, ignoring trailing blank lines", () => {
    expect(ZSaveSettingsInput.parse({ ...GOOD, internalHosts: ".internal\n.corp\n\n", productHosts: "" })).toMatchObject({ internalHosts: [".internal", ".corp"], productHosts: [] });
    expect(ZSaveSettingsInput.safeParse({ ...GOOD, internalHosts: ".internal\n\n.corp" }).success).toBe(false);
  });

  it("a proposed host is judged like a suffix", () => {
    expect(ZProposedHost.parse(" DB1.Corp.Example ")).toBe("db1.corp.example");
    expect(ZProposedHost.safeParse("https://db1.corp.example").success).toBe(false);
    expect(ZProposedHost.safeParse("internal").error?.issues[0]?.message).toMatch(/single word/);
  });
});

describe("which hosts a suffix covers", () => {
  // The decision documented in README (Settings): a leading dot means "under it"; without one the
  // suffix also names the host itself. Checked against lib/redaction, which applies it.
  it.each([
    [".corp.example", "db1.corp.example", true],
    [".corp.example", "corp.example", false],
    [".corp.example", "a.b.corp.example", true],
    ["corp.example", "corp.example", true],
    ["corp.example", "db1.corp.example", true],
    ["corp.example", "notcorp.example", false],
    [".corp.example", "notcorp.example", false],
    [".internal", "vault.internal", true],
    [".internal", "internal", false],
    ["corp.example", "corp.example.org", false],
  ])("%s covers %s: %s", (suffix, host, expected) => {
    expect(hostMatchesSuffix(host, suffix)).toBe(expected);
    const redactor = createRedactor({ owned: { groups: [], projects: [], users: [], emails: [] }, disclosePersonalData: false, internalHosts: [suffix] });
    const out = redactor.redactLine(`connect to ${host} failed`);
    expect(out.includes("[REDACTED:system]")).toBe(expected);
  });

  it("names the suffix that already covers a host", () => {
    expect(coveringSuffix("db1.corp.example", [".internal", ".corp.example"])).toBe(".corp.example");
    expect(coveringSuffix(".corp.example", [".corp.example"])).toBe(".corp.example");
    expect(coveringSuffix("db1.example", [".internal"])).toBeNull();
  });
});

describe("what changed between versions", () => {
  it("lists added and removed hosts and changed values", () => {
    const before = { internalHosts: [".internal", ".corp"], productHosts: [], policy: POLICY };
    const after = { internalHosts: [".internal", ".corp.example"], productHosts: ["gitlab.example.com"], policy: { ...POLICY, maxResources: 30 } };
    expect(describeChange(diffSettings(before, after))).toEqual([
      "Internal host suffixes: added .corp.example",
      "Internal host suffixes: removed .corp",
      "Product hosts: added gitlab.example.com",
      "Most resources: 20 → 30 resources",
    ]);
    expect(describeChange(diffSettings(before, before))).toEqual([]);
  });
});

describe("whether newer settings redact differently", () => {
  const v = (version: number, internalHosts: string[], productHosts: string[] = []) => ({ version, internalHosts, productHosts });
  it.each<[string, ReturnType<typeof v>, ReturnType<typeof v>, string | null]>([
    ["the same lists", v(3, [".internal", ".corp"]), v(5, [".internal", ".corp"]), null],
    ["the same lists in another order", v(3, [".internal", ".corp"]), v(5, [".corp", ".internal"]), null],
    ["a suffix added", v(3, [".internal"]), v(5, [".internal", ".ops.example"]), "Redacted with settings v3; v5 (in force) added .ops.example: consider redacting again before release."],
    ["a suffix removed", v(3, [".internal", ".corp"]), v(4, [".internal"]), "Redacted with settings v3; v4 (in force) removed .corp: consider redacting again before release."],
    [
      "several changes",
      v(1, [".internal", ".corp"], []),
      v(2, [".internal", ".a.example", ".b.example"], ["gitlab.example.com"]),
      "Redacted with settings v1; v2 (in force) added .a.example, .b.example, removed .corp and added the product host gitlab.example.com: consider redacting again before release.",
    ],
    ["not behind", v(5, [".internal"]), v(5, [".internal", ".x.example"]), null],
  ])("%s", (_what, used, current, warning) => {
    expect(releaseSettingsWarning(used, current)).toBe(warning);
    expect(sameHostLists(used, current)).toBe(hostListsChangeText(used, current) === "");
  });
});

describe("Treat as internal: the suggested suffix and the proposal that covers a residue host", () => {
  it.each<[string, string | null]>([
    ["db-7.corp.example", ".corp.example"],
    ["hooks.partner.example", ".partner.example"],
    ["a.b.c.d", ".b.c.d"],
    ["Db-7.Corp.Example", ".corp.example"],
    ["corp.example", null],
    ["localhost", null],
    // Too broad: it would cover a product host, or it is a registry's own suffix.
    ["runner.example.com", null],
    ["db.gitlab.example.com", ".gitlab.example.com"],
    ["shop.co.uk", null],
    ["shop.com.au", null],
    ["api.shop.com.au", ".shop.com.au"],
    ["db.shop.co.uk", ".shop.co.uk"],
  ])("siblingSuffix(%s) = %s (product host gitlab.example.com)", (host, suffix) => {
    expect(siblingSuffix(host, ["gitlab.example.com"])).toBe(suffix);
  });

  it.each<[string, Record<string, HostProposalStatus>, HostProposalStatus | undefined]>([
    ["db-7.corp.example", {}, undefined],
    ["db-7.corp.example", { "db-7.corp.example": "open" }, "open"],
    ["DB-7.Corp.Example", { "db-7.corp.example": "open" }, "open"],
    ["db-7.corp.example", { ".corp.example": "accepted" }, "accepted"],
    ["corp.example", { ".corp.example": "accepted" }, undefined],
    ["corp.example", { "corp.example": "accepted" }, "accepted"],
    ["db-7.notcorp.example", { "corp.example": "open" }, undefined],
    ["db-7.corp.example", { "db-7.corp.example": "declined", ".corp.example": "open" }, "open"],
    ["db-7.corp.example", { "db-7.corp.example": "declined" }, "declined"],
  ])("proposalStatusFor(%s, %j) = %s", (host, statuses, status) => {
    expect(proposalStatusFor(host, statuses)).toBe(status);
  });

  it("the proposal a residue row shows: the newest open or accepted one covering the host, else the newest declined one", () => {
    const p = (id: string, host: string, status: HostProposalStatus) => ({ id, host, status });
    // Newest first, as listHostProposalsForArtefact gives them.
    const list = [p("4", "db-7.corp.example", "open"), p("3", "db-7.corp.example", "declined"), p("2", ".corp.example", "declined"), p("1", "cache.other.example", "accepted")];
    expect(proposalCovering("db-7.corp.example", list)?.id).toBe("4");
    expect(proposalCovering("db-8.corp.example", list)?.id).toBe("2");
    expect(proposalCovering("cache.other.example", list)?.id).toBe("1");
    expect(proposalCovering("db-7.elsewhere.example", list)).toBeUndefined();
    expect(proposalCovering("db-7.corp.example", list.slice(1))?.id).toBe("3"); // declined twice: the newer decline
  });
});
