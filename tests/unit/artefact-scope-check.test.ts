// Per-line case-scope check (lib/artefacts/scope-check.ts): timestamps against the case window,
// named group/project paths against the case resources, drop rules, the file summary, and linear
// work on hostile 1 MB lines.
import { describe, expect, it } from "vitest";
import {
  createScopeChecker,
  createScopeTally,
  isDropped,
  type CaseScope,
  type LineScope,
  type WindowVerdict,
} from "@/lib/artefacts/scope-check";

const SCOPE: CaseScope = {
  from: new Date("2026-11-20T00:00:00Z"),
  to: new Date("2026-11-21T00:00:00Z"),
  resources: ["Acme/We", "/globex/"],
};
const check = createScopeChecker(SCOPE);

const secs = (iso: string) => Date.parse(iso) / 1000;
const millis = (iso: string) => Date.parse(iso);

const WINDOW: [string, string, WindowVerdict][] = [
  ["JSON time inside", '{"time":"2026-11-20T10:15:00Z"}', "inside"],
  ["JSON time outside", '{"time":"2026-11-22T10:15:00Z"}', "outside"],
  ["JSON without a timestamp", '{"msg":"2026-11-20T10:15:00Z"}', "undated"],
  ["JSON @timestamp", '{"@timestamp":"2026-11-20T10:15:00.123456Z"}', "inside"],
  ["JSON created_at with offset", '{"created_at":"2026-11-21T00:30:00+01:00"}', "inside"],
  ["JSON offset pushes it out", '{"created_at":"2026-11-20T23:30:00-01:00"}', "outside"],
  ["JSON offset without colon", '{"time":"2026-11-21T00:30:00+0100"}', "inside"],
  ["JSON no zone is UTC", '{"time":"2026-11-20 23:59:59"}', "inside"],
  ["JSON start of window (inclusive)", '{"time":"2026-11-20T00:00:00Z"}', "inside"],
  ["JSON end of window (inclusive)", '{"time":"2026-11-21T00:00:00Z"}', "inside"],
  ["JSON just after the window", '{"time":"2026-11-21T00:00:00.001Z"}', "outside"],
  ["JSON date only", '{"date":"2026-11-20"}', "inside"],
  ["JSON epoch seconds inside", `{"ts":${secs("2026-11-20T10:00:00Z")}}`, "inside"],
  ["JSON epoch seconds outside", `{"ts":${secs("2026-11-19T10:00:00Z")}}`, "outside"],
  ["JSON fractional epoch seconds", `{"ts":${secs("2026-11-20T10:00:00Z")}.5}`, "inside"],
  ["JSON epoch milliseconds inside", `{"ts":${millis("2026-11-20T10:00:00Z")}}`, "inside"],
  ["JSON epoch milliseconds outside", `{"timestamp":${millis("2026-12-20T10:00:00Z")}}`, "outside"],
  ["JSON epoch as a digit string", `{"ts":"${secs("2026-11-20T10:00:00Z")}"}`, "inside"],
  ["JSON key order of the list wins", `{"ts":${secs("2026-01-01T00:00:00Z")},"time":"2026-11-20T10:00:00Z"}`, "inside"],
  ["JSON unparseable first key falls to the next", '{"time":"yesterday","timestamp":"2026-11-20T10:00:00Z"}', "inside"],
  ["JSON keys are case-insensitive", '{"Time":"2026-11-22T10:00:00Z"}', "outside"],
  ["JSON nested time does not count", '{"meta":{"time":"2026-11-20T10:00:00Z"}}', "undated"],
  ["JSON invalid date", '{"time":"2026-02-30T10:00:00Z"}', "undated"],
  ["JSON boolean time", '{"time":true}', "undated"],
  ["JSON with leading blanks", '   {"time":"2026-11-22T10:15:00Z"}', "outside"],
  ["text ISO inside", "2026-11-20T10:15:00Z GET /api/v4/projects", "inside"],
  ["text with space, fraction and offset", "2026-11-20 10:15:00.123+01:00 INFO started", "inside"],
  ["text offset pushes it out", "2026-11-20 23:15:00-01:00 INFO started", "outside"],
  ["text outside", "I, [2026-11-22T10:15:00.123 #1] INFO -- : done", "outside"],
  ["text no zone is UTC", "[pid 12] 2026-11-20 23:59:00 something", "inside"],
  ["text without a timestamp", "Started GET /api/v4/projects for 1.2.3.4", "undated"],
  ["text date without time", "2026-11-22 was a Sunday", "undated"],
  ["text timestamp after 200 chars", `${"x".repeat(200)} 2026-11-22T10:15:00Z`, "undated"],
  ["text timestamp just inside 200 chars", `${"x".repeat(150)} 2026-11-22T10:15:00Z`, "outside"],
  ["text first valid timestamp counts", "2026-13-40T10:15:00Z 2026-11-22T10:15:00Z", "outside"],
  ["text glued to digits is not a timestamp", "12026-11-22T10:15:00Z", "undated"],
  ["not JSON after all: text rules", '{"time":"2026-11-22T10:15:00Z" broken 2026-11-20T10:00:00Z', "outside"],
];

describe("window", () => {
  it.each(WINDOW)("%s", (_name, line, verdict) => {
    expect(check(line).window).toBe(verdict);
  });
});

const RESOURCES: [string, string, string[]][] = [
  ["JSON project within a resource", '{"project":"acme/we"}', []],
  ["JSON project below a resource", '{"project":"acme/we/sub"}', []],
  ["JSON path that only shares a prefix", '{"project":"acme/web"}', ["acme/web"]],
  ["JSON parent group of a resource (a scoped project's root namespace)", '{"namespace":"acme"}', []],
  ["JSON sibling of a resource under the same group", '{"project":"acme/other"}', ["acme/other"]],
  ["JSON case-insensitive", '{"project_path":"ACME/WE/Sub","root_namespace":"GLOBEX"}', []],
  ["JSON surrounding slashes", '{"full_path":"/globex/api/"}', []],
  ["JSON outside, lower-cased", '{"group":"Initech"}', ["initech"]],
  ["JSON several keys", '{"project":"initech/a","group_path":"initech","entity_path":"globex/x"}', ["initech/a", "initech"]],
  ["JSON duplicates once", '{"project":"initech/a","project_path":"Initech/A"}', ["initech/a"]],
  ["JSON nested meta.project", '{"meta":{"project":"initech/a","root_namespace":"initech","user":"bob"}}', ["initech/a", "initech"]],
  ["JSON literal meta.project key", '{"meta.project":"initech/b","meta.root_namespace":"acme/we"}', ["initech/b"]],
  ["JSON keys are case-insensitive", '{"Project":"initech/c","META":{"Project":"initech/d"}}', ["initech/c", "initech/d"]],
  // Identity keys count at any depth, and in key=value inside strings, as in the redaction.
  ["JSON identity keys at any depth and key=value in strings", '{"payload":{"project":"initech/a"},"msg":"project=initech/b"}', ["initech/a", "initech/b"]],
  ["JSON non-string values ignored, string elements of arrays count", '{"project":42,"group":null,"namespace":["initech"]}', ["initech"]],
  ["JSON empty value ignored", '{"project":"","group":"/"}', []],
  ["text key=value", "2026-11-20 INFO project=initech/x user=bob", ["initech/x"]],
  ["text within scope", "project_path=acme/we/a,namespace=globex;group=/Globex/", []],
  ["text quoted value", 'group="Initech Corp" other', ["initech corp"]],
  ["text single-quoted value", "project='initech/q' x", ["initech/q"]],
  ["text URL query value", "GET /x?project=initech%2Fy&z=1", ["initech/y"]],
  ["text value ends at ; , & and quotes", 'a project=initech/a;b group=initech/b,c namespace=initech/c&d full_path=initech/d"', ["initech/a", "initech/b", "initech/c", "initech/d"]],
  ["text dotted meta keys", "meta.project=initech/z meta.root_namespace=initech", ["initech/z", "initech"]],
  // Glued keys are no keys, but their values are namespace paths in prose, as in the redaction.
  ["text glued keys are not keys; their values are prose paths", "x-project=initech/a my_project=initech/b foo.group=initech/c", ["initech/a", "initech/b", "initech/c"]],
  ["text glued keys with single names name nothing", "x-project=initech my_project=initech foo.group=initech", []],
  ["text key case-insensitive", "PROJECT=Initech/E", ["initech/e"]],
  ["text unclosed quote: the value runs to a value end", 'project="initech/a', ["initech/a"]],
  ["text empty value", "project= group=initech", ["initech"]],
];

describe("resources", () => {
  it.each(RESOURCES)("%s", (_name, line, outside) => {
    expect(check(line).outsideResources).toEqual(outside);
  });

  it("accepts everything inside when the scope is a top-level group", () => {
    const c = createScopeChecker({ ...SCOPE, resources: ["acme"] });
    expect(c('{"project":"acme/web/deep/x"}').outsideResources).toEqual([]);
    expect(c('{"project":"acmecorp/web"}').outsideResources).toEqual(["acmecorp/web"]);
  });
});

// The paths a line names are found with the redaction's own finder (createPathFinder): every
// form the redaction recognises counts, so a line the redaction would pseudonymise for naming
// another account's project is also a line naming a resource outside the case's scope.
const HOSTED: CaseScope = {
  from: new Date("2026-11-20T00:00:00Z"),
  to: new Date("2026-11-21T00:00:00Z"),
  resources: ["acme/web"],
  productHosts: ["gitlab.example.com"],
  internalHosts: [".internal", ".corp.example"],
};
const hosted = createScopeChecker(HOSTED);

const FORMS: [string, string, string[]][] = [
  ["an API URL with a URL-encoded path (issue 10)", "GET /api/v4/projects/initech%2Fpayroll/jobs 200", ["initech/payroll"]],
  ["a product URL before /-/ (issue 10)", "see https://gitlab.example.com/initech/payroll/-/pipelines", ["initech/payroll"]],
  ["a whole product path", "https://gitlab.example.com/initech/payroll", ["initech/payroll"]],
  // The redaction replaces the whole product path (it cannot tell where the namespace ends); the
  // scope check names it by its first two segments, so one project's issues are one resource.
  ["a product path continuing a project, by its first two segments", "https://gitlab.example.com/initech/payroll/issues/5", ["initech/payroll"]],
  ["a groups/ product path continuing, by two segments after groups/", "https://gitlab.example.com/groups/initech/sub/deeper/x", ["initech/sub"]],
  ["a product path of two segments, whole", 'Started GET "/initech/payroll" for 203.0.113.5', ["initech/payroll"]],
  ["a project path in an identity key, whole", '{"project_path":"initech/payroll/deep"}', ["initech/payroll/deep"]],
  ["an internal host's URL", "http://web-1.internal/initech/payroll", ["initech/payroll"]],
  ["a request path before /-/", '"GET /initech/payroll/-/jobs/1 HTTP/1.1" 200', ["initech/payroll"]],
  ["a request path up to .git", "POST /initech/payroll.git/git-upload-pack", ["initech/payroll"]],
  ["a Rails request line's quoted path", 'Started GET "/initech/payroll" for 203.0.113.5 at 2026-11-20 10:15:00 +0000', ["initech/payroll"]],
  ["groups/ then one segment", "https://gitlab.example.com/groups/initech/-/epics", ["initech"]],
  ["an scp remote", "git@gitlab.example.com:initech/payroll.git", ["initech/payroll"]],
  ["a JSON request key on product hosts", '{"path":"/initech/payroll","status":200}', ["initech/payroll"]],
  ["a JSON API path", '{"path":"/api/v4/groups/initech%2Fsub/members"}', ["initech/sub"]],
  ["identity keys with - and _", '{"Project-Path":"initech/a","meta":{"Root-Namespace":"initech"}}', ["initech/a", "initech"]],
  ["an identity value with %2F", '{"meta.project":"initech%2Fpayroll"}', ["initech/payroll"]],
  ["entity_path and target_details paths", '{"entity_path":"initech/payroll","target_details":"main branch of globex/api"}', ["initech/payroll", "globex/api"]],
  ["a prose namespace path", "moved initech/payroll to acme/web.", ["initech/payroll"]],
  [
    "an nginx access line",
    '203.0.113.5 - - [20/Nov/2026:10:15:00 +0000] "GET /initech/payroll/-/pipelines HTTP/1.1" 200 5120 "https://gitlab.example.com/initech/payroll" "Mozilla/5.0"',
    ["initech/payroll"],
  ],
  ["within scope in every form", 'https://gitlab.example.com/acme/web/-/jobs /api/v4/projects/acme%2Fweb git@gitlab.example.com:acme/web.git {"x":1}', []],
  ["a group above a resource", "https://gitlab.example.com/groups/acme/-/epics", []],
  ["single names are no resources", '{"target_details":"alice","entity_path":"mallory"} https://gitlab.example.com/initech', []],
  ["a URL on another host", "https://gitlab.com/initech/payroll and https://registry.npmjs.org/react/-/react-19.0.0.tgz", []],
  ["the product's own routes", "/uploads/-/system/user/avatar/1/a.png https://gitlab.example.com/help/user/index.md", []],
  ["media types, versions, protocols", "application/json over HTTP/1.1 by Mozilla/5.0 on 17/06/09", []],
  ["a numeric API id", "GET /api/v4/projects/123/jobs", []],
  ["a secret's value names nothing", '{"password":"initech/payroll","backtrace":["initech/payroll"]}', []],
];

describe("resources in every form the redaction recognises (the shared finder)", () => {
  it.each(FORMS)("%s", (_name, line, outside) => {
    expect(hosted(line).outsideResources).toEqual(outside);
  });

  it("without product hosts, request keys and product URLs name nothing", () => {
    const plain = createScopeChecker({ ...HOSTED, productHosts: undefined, internalHosts: undefined });
    expect(plain('{"path":"/initech/payroll"}').outsideResources).toEqual([]);
    expect(plain("https://gitlab.example.com/initech/payroll").outsideResources).toEqual([]);
    expect(plain("git@gitlab.example.com:initech/payroll.git").outsideResources).toEqual([]);
    // The forms that need no host still count.
    expect(plain("GET /api/v4/projects/initech%2Fpayroll/jobs").outsideResources).toEqual(["initech/payroll"]);
    expect(plain("https://gitlab.example.com/initech/payroll/-/pipelines").outsideResources).toEqual([]);
    expect(plain('"GET /initech/payroll/-/jobs/1 HTTP/1.1"').outsideResources).toEqual(["initech/payroll"]);
  });

  it("a dropped line is one the redaction would have pseudonymised", () => {
    const line = "https://gitlab.example.com/initech/payroll/-/pipelines";
    expect(isDropped(hosted(line), { dropOutsideWindow: false, dropOutsideScope: true })).toBe(true);
  });
});

// Dropping a whole line needs stronger evidence than replacing a token: with the namespaces
// Logdesk knows (the roots of the registry's group and project paths), a prose path counts only
// under one of them. The customer's own in-scope lines stay.
const KNOWN_ROOTS: ReadonlySet<string> = new Set(["acme", "globex", "initech", "acme2"]);
const known = createScopeChecker({ ...HOSTED, knownRoots: KNOWN_ROOTS });
const DROP_SCOPE = { dropOutsideWindow: false, dropOutsideScope: true };

describe("prose paths count under a known root only", () => {
  it.each<[string]>([
    ['{"project":"acme/web","ref":"refs/heads/main","user":"alice"}'],
    ['{"project":"acme/web","message":"Pipeline for feature/login succeeded"}'],
    ['{"project":"acme/web","tz":"Europe/Berlin"}'],
    ['{"project":"acme/web","message":"NoMethodError in app/services/x.rb"}'],
    ['{"project":"acme/web","message":"negotiated TLSv1.2/TLSv1.3"}'],
    ['{"project":"acme/web","message":"wrote 4096 bytes/s"}'],
    ['{"project":"acme/web","message":"read/write access granted"}'],
    ["2026-11-20T10:00:00Z INFO project=acme/web ref=refs/heads/main pushed by alice"],
  ])("the customer's own line stays: %s", (line) => {
    expect(known(line).outsideResources).toEqual([]);
    expect(isDropped(known(line), DROP_SCOPE)).toBe(false);
    // Without known roots (as before), the same line was dropped.
    expect(hosted(line).outsideResources).not.toEqual([]);
  });

  it.each<[string, string, string[]]>([
    ["another customer's project in prose", '{"project":"acme/web","message":"mirrored from globex/api"}', ["globex/api"]],
    ["a known root in any case", "moved to Initech/Payroll.", ["initech/payroll"]],
    ["an unknown root in a positional form", '{"project_path":"refs/heads","path":"/unknown/x/-/jobs"}', ["refs/heads", "unknown/x"]],
    ["the platform pair and reserved route vetoes hold", "projects/481/merge_requests on linux/amd64", []],
  ])("%s", (_name, line, outside) => {
    expect(known(line).outsideResources).toEqual(outside);
  });

  it("the customer's other resources count (the registry holds every customer's roots)", () => {
    const infra = createScopeChecker({ ...HOSTED, resources: ["acme/infra/api"], knownRoots: KNOWN_ROOTS });
    expect(infra("deployed acme/web/storefront").outsideResources).toEqual(["acme/web/storefront"]);
    expect(infra("deployed acme/infra/api/v2 with refs/heads/main").outsideResources).toEqual([]);
  });

  it("the case's own roots are known even when the registry does not list them", () => {
    const zeta = createScopeChecker({ ...HOSTED, resources: ["zeta/app"], knownRoots: KNOWN_ROOTS });
    expect(zeta("moved zeta/other, zeta/app and omega/x").outsideResources).toEqual(["zeta/other"]);
  });
});

describe("a single name in entity_path / target_details", () => {
  it.each<[string, string, string[]]>([
    ["another customer's group", '{"entity_path":"initech"}', ["initech"]],
    ["the customer's other group", '{"target_details":"acme2"}', ["acme2"]],
    ["in text", "2026-11-20T10:00:00Z entity_path=initech", ["initech"]],
    ["a group above the case's resource", '{"entity_path":"acme"}', []],
    ["a user name", '{"entity_path":"mallory","target_details":"alice"}', []],
    ["namespace keeps counting any single name", '{"namespace":"whoever"}', ["whoever"]],
  ])("%s", (_name, line, outside) => {
    expect(known(line).outsideResources).toEqual(outside);
  });
});

const DROPS: [string, LineScope, boolean, boolean, boolean][] = [
  ["inside, nothing named", { window: "inside", outsideResources: [] }, true, true, false],
  ["outside window, dropping window", { window: "outside", outsideResources: [] }, true, false, true],
  ["outside window, keeping window", { window: "outside", outsideResources: [] }, false, true, false],
  ["undated is never dropped", { window: "undated", outsideResources: [] }, true, true, false],
  ["outside scope, dropping scope", { window: "inside", outsideResources: ["x"] }, false, true, true],
  ["outside scope, keeping scope", { window: "undated", outsideResources: ["x"] }, true, false, false],
  ["both, dropping either", { window: "outside", outsideResources: ["x"] }, false, true, true],
  ["both, dropping nothing", { window: "outside", outsideResources: ["x"] }, false, false, false],
];

describe("isDropped", () => {
  it.each(DROPS)("%s", (_name, s, dropOutsideWindow, dropOutsideScope, dropped) => {
    expect(isDropped(s, { dropOutsideWindow, dropOutsideScope })).toBe(dropped);
  });
});

describe("tally", () => {
  it("counts lines, ranks outside paths and keeps samples of both kinds", () => {
    const t = createScopeTally();
    const lines = [
      '{"time":"2026-11-20T10:00:00Z","project":"acme/we"}', // inside
      ...Array.from({ length: 12 }, () => '{"time":"2026-11-25T10:00:00Z"}'), // outside window
      ...Array.from({ length: 12 }, (_, i) => `2026-11-20T10:00:00Z project=${i < 8 ? "b/x" : "a/x"} group=c`),
      "no time at all",
      `2026-11-22T00:00:00Z project=z/z ${"y".repeat(400)}`, // both: a window sample
    ];
    lines.forEach((line, i) => t.add(i + 1, line, check(line)));
    const s = t.summary();
    expect(s).toMatchObject({ lines: 27, insideWindow: 13, outsideWindow: 13, undated: 1, outsideScope: 13 });
    expect(s.outsideResources).toEqual([
      { path: "c", lines: 12 },
      { path: "b/x", lines: 8 },
      { path: "a/x", lines: 4 },
      { path: "z/z", lines: 1 },
    ]);
    expect(s.samples).toHaveLength(10);
    expect(s.samples.filter((x) => x.reason === "window")).toHaveLength(5);
    expect(s.samples.filter((x) => x.reason === "scope").map((x) => x.lineNo)).toEqual([14, 15, 16, 17, 18]);
    expect(s.samples.map((x) => x.lineNo)).toEqual([...s.samples.map((x) => x.lineNo)].sort((a, b) => a - b));
    expect(s.samples[0]).toEqual({ lineNo: 2, reason: "window", text: lines[1] });
  });

  it("fills samples from one reason when the other has few, cuts text at 300 chars, top 20 paths", () => {
    const t = createScopeTally();
    for (let i = 1; i <= 30; i++) {
      const line = `2026-11-20T10:00:00Z project=p${i % 25}/x ${"é".repeat(500)}`;
      t.add(i, line, check(line));
    }
    const out = "2026-11-23T10:00:00Z out of window";
    t.add(31, out, check(out));
    const s = t.summary();
    expect(s.samples).toHaveLength(10);
    expect(s.samples.filter((x) => x.reason === "scope")).toHaveLength(9);
    expect(s.samples.at(-1)).toEqual({ lineNo: 31, reason: "window", text: out });
    expect(s.samples[0].text).toHaveLength(300);
    expect(s.outsideResources).toHaveLength(20);
    expect(s.outsideResources.slice(0, 5).map((x) => x.lines)).toEqual([2, 2, 2, 2, 2]);
    expect(s.outsideScope).toBe(30);
  });

  it("names a product path that continues a project by its namespace part: one entry, not one per issue", () => {
    const t = createScopeTally();
    for (let i = 1; i <= 30; i++) {
      const line = `2026-11-20T10:00:00Z GET https://gitlab.example.com/initech/payroll/issues/${i} and https://gitlab.example.com/initech/payroll/merge_requests/${i}`;
      t.add(i, line, hosted(line));
    }
    const deep = "2026-11-20T10:00:00Z https://gitlab.example.com/initech/payroll/-/issues/31 /api/v4/projects/initech%2Fpayroll%2Fdeep";
    t.add(31, deep, hosted(deep));
    expect(t.summary().outsideResources).toEqual([
      { path: "initech/payroll", lines: 31 },
      { path: "initech/payroll/deep", lines: 1 },
    ]);
  });

  it("a continuation whose first two segments are within the scope is named whole", () => {
    const sub = createScopeChecker({ ...HOSTED, resources: ["initech/payroll/a"] });
    expect(sub("https://gitlab.example.com/initech/payroll/b/c").outsideResources).toEqual(["initech/payroll/b/c"]);
    expect(sub("https://gitlab.example.com/initech/payroll/a/issues/1").outsideResources).toEqual([]);
  });

  it("starts empty", () => {
    expect(createScopeTally().summary()).toEqual({
      lines: 0,
      insideWindow: 0,
      outsideWindow: 0,
      undated: 0,
      outsideScope: 0,
      outsideResources: [],
      samples: [],
    });
  });
});

const MB = 1 << 20;
/** `word` with the letters picked by the bits of `n` upper-cased. */
const caseVariant = (word: string, n: number) =>
  [...word].map((c, i) => ((n >> i) & 1 ? c.toUpperCase() : c)).join("");
const fill = (unit: string, size = MB) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

const HOSTILE: [string, string][] = [
  ["project= repeated", fill("project=")],
  ['project=" repeated', fill('project="')],
  ["project=' repeated", fill("project='")],
  ["project_pat repeated", fill("project_pat")],
  ["2026- repeated", fill("2026-")],
  ["2026-11-20T10:1 repeated", fill("2026-11-20T10:1")],
  ["{ repeated", fill("{")],
  ["deep JSON nesting", `${'{"a":'.repeat(MB / 6)}1${"}".repeat(MB / 6)}`],
  ['{"project":" repeated', fill('{"project":"')],
  ["one huge JSON value", `{"project":"${"a/".repeat(MB / 2)}","time":"2026-11-20T10:00:00Z"}`],
  ["many distinct text paths", Array.from({ length: 90_000 }, (_, i) => `project=x/${i}`).join(" ")],
  ["many meta key spellings", `{"meta":{${Array.from({ length: 16_384 }, (_, i) => `"${caseVariant("root_namespace", i)}":"x/${i}"`).join(",")}}}`],
  ["digits", fill("7")],
  ["spaces then text", `${" ".repeat(MB)}project=x`],
  ["= repeated", fill("=")],
  ["% escapes", `project=${fill("%")}`],
  ["URL with thousands of segments", `https://gitlab.example.com/${fill("a/")}`],
  ["%2F runs in an API URL", `/api/v4/projects/${fill("a%2F")}`],
  ["many /-/", fill("/a/-/")],
  ["many .git", fill("/a.git")],
  ["many remotes", fill("git@gitlab.example.com:a/b.git ")],
  ["many quoted request paths after a method", fill('Started GET "/a/b/c" ')],
  ["many product paths continuing a project", fill("https://gitlab.example.com/initech/payroll/issues/5 ")],
  ["many prose paths under unknown roots", fill("refs/heads/main ")],
  ["many prose paths under known roots", fill("initech/x ")],
  ["one prose path of 500 000 segments under a known root", `initech/${fill("a/", MB - 10)}`],
  ["many entity_path single names in text", fill("entity_path=initech ")],
  ["many entity_path single names in JSON", `{${Array.from({ length: 40_000 }, (_, i) => `"entity_path${i % 2 ? "" : " "}":"initech"`).join(",")}}`],
];

describe("hostile lines", () => {
  // A generous guard against backtracking (a quadratic scan of 1 MB takes minutes): these run in
  // tens of ms alone, but CI shares 2 cores with PostgreSQL and a browser.
  it.each(HOSTILE)("%s (1 MB) is checked in well under 2 s", (_name, line) => {
    const started = performance.now();
    const s = hosted(line);
    const ms = performance.now() - started;
    expect(s.window).toBeDefined();
    if (line.startsWith("project=x/")) expect(s.outsideResources).toHaveLength(90_000);
    expect(ms).toBeLessThan(2000);
  });

  // With the known roots (prose paths judged by their root, single names in entity_path, the
  // summary's namespace part of product paths), the same.
  it.each(HOSTILE)("%s (1 MB), with known roots, is checked in well under 2 s", (_name, line) => {
    const started = performance.now();
    const s = known(line);
    const ms = performance.now() - started;
    expect(s.window).toBeDefined();
    expect(ms).toBeLessThan(2000);
  });
});
