// evaluateRequest: every rule of contracts.md section 1 and its boundaries, case by case.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  CHECK_IDS,
  DEFAULT_POLICY,
  evaluateRequest,
  routingReasons,
  type CheckId,
  type Decision,
  type Policy,
  type RequestFacts,
  type ResourceRef,
} from "@/lib/workflow";

const at = (iso: string) => new Date(iso);
const DAY = 24 * 60 * 60 * 1000;
const REQUESTED_AT = "2024-03-15T12:00:00.000Z";

const OWNED: ResourceRef[] = [
  { kind: "group", path: "acme" },
  { kind: "project", path: "globex/api" },
  { kind: "user", path: "jdoe" },
];

type FactsOverrides = Omit<Partial<RequestFacts>, "account" | "window"> & {
  account?: Partial<RequestFacts["account"]>;
  window?: Partial<RequestFacts["window"]>;
};

/** An eligible request that Support handles; overrides change one thing at a time. */
function facts(overrides: FactsOverrides = {}): RequestFacts {
  const { account, window, ...rest } = overrides;
  return {
    requestedAt: at(REQUESTED_AT),
    resources: [{ kind: "group", path: "acme/infra" }],
    eventTypes: ["user_login"],
    logSources: ["application"],
    personalData: false,
    ...rest,
    account: {
      plan: "premium",
      deployment: "saas",
      paying: true,
      supportPlan: "current",
      owned: OWNED,
      ...account,
    },
    window: {
      from: at("2024-03-12T00:00:00.000Z"),
      to: at("2024-03-14T00:00:00.000Z"),
      ...window,
    },
  };
}

/** `n` distinct projects under the owned group `acme`. */
const ownedResources = (n: number): ResourceRef[] =>
  Array.from({ length: n }, (_, i) => ({ kind: "project", path: `acme/project-${i + 1}` }));
const events = (n: number) => Array.from({ length: n }, (_, i) => `event_${i + 1}`);

const check = (decision: Decision, id: CheckId) => {
  const found = decision.checks.find((c) => c.id === id);
  if (!found) throw new Error(`check ${id} missing`);
  return found;
};
const failedIds = (decision: Decision) =>
  decision.checks.filter((c) => c.result === "fail").map((c) => c.id);

describe("the base request", () => {
  it("is eligible, handled by Support, not extended, with every check passing", () => {
    const decision = evaluateRequest(facts());
    expect(decision).toMatchObject({ outcome: "eligible", route: "support", extended: false });
    expect(failedIds(decision)).toEqual([]);
  });
});

describe("plan: premium or ultimate, paying, current support plan", () => {
  it.each<[string, Partial<RequestFacts["account"]>, "pass" | "fail", RegExp]>([
    ["premium", { plan: "premium" }, "pass", /paying Premium customer/],
    ["ultimate", { plan: "ultimate" }, "pass", /paying Ultimate customer/],
    ["free", { plan: "free" }, "fail", /Free plan, not Premium or Ultimate/],
    ["trial", { plan: "trial" }, "fail", /Trial plan, not Premium or Ultimate/],
    ["not paying", { paying: false }, "fail", /not paying/],
    ["a deprecated support plan", { supportPlan: "deprecated" }, "fail", /deprecated support plan/],
  ])("%s -> %s", (_name, account, result, message) => {
    const decision = evaluateRequest(facts({ account }));
    expect(check(decision, "plan")).toMatchObject({ result });
    expect(check(decision, "plan").message).toMatch(message);
    expect(decision.outcome).toBe(result === "pass" ? "eligible" : "ineligible");
  });

  it("names every failed condition and what to do", () => {
    const { message } = check(
      evaluateRequest(facts({ account: { plan: "trial", paying: false, supportPlan: "deprecated" } })),
      "plan",
    );
    expect(message).toMatch(/Trial plan/);
    expect(message).toMatch(/not paying/);
    expect(message).toMatch(/deprecated support plan/);
    expect(message).toMatch(/Decline the request, or ask Legal for an exception/);
  });
});

describe("deployment: Denomas.com only", () => {
  it.each<[RequestFacts["account"]["deployment"], "pass" | "fail", Decision["outcome"]]>([
    ["saas", "pass", "eligible"],
    ["self_managed", "fail", "ineligible"],
  ])("%s -> %s", (deployment, result, outcome) => {
    const decision = evaluateRequest(facts({ account: { deployment } }));
    expect(check(decision, "deployment").result).toBe(result);
    expect(decision.outcome).toBe(outcome);
  });

  it("tells staff to point a self-managed customer to their own logs", () => {
    const decision = evaluateRequest(facts({ account: { deployment: "self_managed" } }));
    expect(check(decision, "deployment").message).toMatch(/self-managed.*own instance/s);
  });
});

describe("ownership: every resource of interest is owned", () => {
  it.each<[string, ResourceRef[], "pass" | "fail"]>([
    ["an empty list (nothing is unowned)", [], "pass"],
    ["the owned group", [{ kind: "group", path: "acme" }], "pass"],
    ["nested subgroups and their projects", [{ kind: "group", path: "acme/a/b" }, { kind: "project", path: "acme/a/b/c" }], "pass"],
    ["a different case", [{ kind: "project", path: "ACME/Infra/Api" }, { kind: "user", path: "JDOE" }], "pass"],
    ["the owned project by exact path", [{ kind: "project", path: "globex/api" }], "pass"],
    ["a sub-path of an owned project", [{ kind: "project", path: "globex/api/x" }], "fail"],
    ["a look-alike prefix", [{ kind: "group", path: "acme-x" }], "fail"],
    ["the owned user by name", [{ kind: "user", path: "jdoe" }], "pass"],
    ["another user", [{ kind: "user", path: "mallory" }], "fail"],
    ["one unowned among owned", [{ kind: "group", path: "acme" }, { kind: "project", path: "initech/app" }], "fail"],
  ])("%s -> %s", (_name, resources, result) => {
    const decision = evaluateRequest(facts({ resources }));
    expect(check(decision, "ownership").result).toBe(result);
    if (result === "fail") expect(decision.outcome).toBe("ineligible");
  });

  it("names every unowned resource, requires a subpoena and refers the customer to Legal", () => {
    const decision = evaluateRequest(
      facts({
        resources: [
          { kind: "group", path: "acme/infra" },
          { kind: "group", path: "acme-x" },
          { kind: "project", path: "globex/web" },
          { kind: "user", path: "mallory" },
        ],
      }),
    );
    const { result, message } = check(decision, "ownership");
    expect(result).toBe("fail");
    expect(message).toMatch(/does not own 3 resources/);
    expect(message).toContain('group "acme-x"');
    expect(message).toContain('project "globex/web"');
    expect(message).toContain('user "mallory"');
    expect(message).not.toContain("acme/infra");
    expect(message).toMatch(/legal subpoena is required/);
    expect(message).toMatch(/Refer the customer to Denomas Legal/);
  });

  it("an empty list passes ownership but the request is re-scoped for having no resources", () => {
    const decision = evaluateRequest(facts({ resources: [] }));
    expect(check(decision, "ownership").result).toBe("pass");
    expect(check(decision, "resources").result).toBe("fail");
    expect(decision.outcome).toBe("rescope");
  });
});

describe("window: from <= to <= requestedAt, from no earlier than 1 calendar month back", () => {
  it.each<[string, string, string, string, "pass" | "fail"]>([
    // name, requestedAt, from, to, result
    ["all three instants equal", REQUESTED_AT, REQUESTED_AT, REQUESTED_AT, "pass"],
    ["from equal to to", REQUESTED_AT, "2024-03-14T00:00:00.000Z", "2024-03-14T00:00:00.000Z", "pass"],
    ["to equal to requestedAt", REQUESTED_AT, "2024-03-14T00:00:00.000Z", REQUESTED_AT, "pass"],
    ["from after to by 1 ms", REQUESTED_AT, "2024-03-14T00:00:00.001Z", "2024-03-14T00:00:00.000Z", "fail"],
    ["to after requestedAt by 1 ms", REQUESTED_AT, "2024-03-14T00:00:00.000Z", "2024-03-15T12:00:00.001Z", "fail"],
    ["15 March: from 15 February same time", REQUESTED_AT, "2024-02-15T12:00:00.000Z", REQUESTED_AT, "pass"],
    ["15 March: from 1 ms before 15 February same time", REQUESTED_AT, "2024-02-15T11:59:59.999Z", REQUESTED_AT, "fail"],
    ["15 March: 29 days back is within the month", REQUESTED_AT, "2024-02-15T12:00:00.000Z", "2024-02-20T00:00:00.000Z", "pass"],
    ["15 March: 31 days back is not (not 31 days)", REQUESTED_AT, "2024-02-13T12:00:00.000Z", REQUESTED_AT, "fail"],
    ["31 March 2023: from 28 February same time", "2023-03-31T10:00:00.000Z", "2023-02-28T10:00:00.000Z", "2023-03-31T10:00:00.000Z", "pass"],
    ["31 March 2023: from 1 ms earlier", "2023-03-31T10:00:00.000Z", "2023-02-28T09:59:59.999Z", "2023-03-31T10:00:00.000Z", "fail"],
    ["31 March 2024 (leap): from 29 February same time", "2024-03-31T10:00:00.000Z", "2024-02-29T10:00:00.000Z", "2024-03-31T10:00:00.000Z", "pass"],
    ["31 March 2024 (leap): from 28 February same time", "2024-03-31T10:00:00.000Z", "2024-02-28T10:00:00.000Z", "2024-03-31T10:00:00.000Z", "fail"],
    ["31 January: from 31 December same time", "2024-01-31T10:00:00.000Z", "2023-12-31T10:00:00.000Z", "2024-01-31T10:00:00.000Z", "pass"],
  ])("%s -> %s", (_name, requestedAt, from, to, result) => {
    const decision = evaluateRequest(facts({ requestedAt: at(requestedAt), window: { from: at(from), to: at(to) } }));
    expect(check(decision, "window").result).toBe(result);
    if (result === "fail") {
      expect(decision.outcome).toBe("ineligible");
      expect(decision.route).toBeNull();
    }
  });

  it("names the earliest allowed start when the window reaches back too far", () => {
    const decision = evaluateRequest(
      facts({
        requestedAt: at("2024-03-31T10:00:00.000Z"),
        window: { from: at("2024-02-01T00:00:00.000Z"), to: at("2024-03-30T00:00:00.000Z") },
      }),
    );
    const { message } = check(decision, "window");
    expect(message).toMatch(/more than 1 calendar month before the request/);
    expect(message).toMatch(/earliest allowed start is 2024-02-29 10:00 UTC/);
  });

  it("says the window starts after it ends", () => {
    const decision = evaluateRequest(
      facts({ window: { from: at("2024-03-14T00:00:00.000Z"), to: at("2024-03-13T00:00:00.000Z") } }),
    );
    expect(check(decision, "window").message).toMatch(
      /starts \(2024-03-14 00:00 UTC\) after it ends \(2024-03-13 00:00 UTC\)/,
    );
  });

  it("says the window ends after the request", () => {
    const decision = evaluateRequest(facts({ window: { to: at("2024-03-16T00:00:00.000Z") } }));
    expect(check(decision, "window").message).toMatch(
      /ends \(2024-03-16 00:00 UTC\) after the time of the request \(2024-03-15 12:00 UTC\)/,
    );
  });

  it.each<[string, FactsOverrides]>([
    ["from", { window: { from: new Date(Number.NaN) } }],
    ["to", { window: { to: new Date("not a date") } }],
    ["requestedAt", { requestedAt: new Date(Number.NaN) }],
  ])("fails, without throwing, when %s is not a valid date", (_name, overrides) => {
    const decision = evaluateRequest(facts(overrides));
    expect(check(decision, "window").result).toBe("fail");
    expect(check(decision, "window").message).toMatch(/not a valid date/);
    expect(decision.outcome).toBe("ineligible");
  });

  it.each<[number, string, "pass" | "fail"]>([
    [2, "2024-01-15T12:00:00.000Z", "pass"],
    [2, "2024-01-15T11:59:59.999Z", "fail"],
    [0, REQUESTED_AT, "pass"],
    [0, "2024-03-15T11:59:59.999Z", "fail"],
  ])("maxWindowMonths %i, from %s -> %s", (maxWindowMonths, from, result) => {
    const decision = evaluateRequest(facts({ window: { from: at(from), to: at(REQUESTED_AT) } }), {
      maxWindowMonths,
    });
    expect(check(decision, "window").result).toBe(result);
  });
});

describe("extended: from more than standardWindowDays x 24 h before requestedAt", () => {
  const requested = at(REQUESTED_AT).getTime();
  it.each<[string, number, Partial<Policy>, boolean]>([
    ["from equal to requestedAt", 0, {}, false],
    ["exactly 7 days", 7 * DAY, {}, false],
    ["7 days + 1 ms", 7 * DAY + 1, {}, true],
    ["20 days", 20 * DAY, {}, true],
    ["exactly 3 days with standardWindowDays 3", 3 * DAY, { standardWindowDays: 3 }, false],
    ["3 days + 1 ms with standardWindowDays 3", 3 * DAY + 1, { standardWindowDays: 3 }, true],
    ["8 days with standardWindowDays 10", 8 * DAY, { standardWindowDays: 10 }, false],
  ])("%s -> %s", (_name, before, policy, extended) => {
    const decision = evaluateRequest(
      facts({ window: { from: new Date(requested - before), to: at(REQUESTED_AT) } }),
      policy,
    );
    expect(check(decision, "window").result).toBe("pass");
    expect(decision.extended).toBe(extended);
    expect(decision.route).toBe(extended ? "sirt" : "support");
  });

  it("says in the window message that an extended log-dive takes longer and goes to SIRT", () => {
    const decision = evaluateRequest(facts({ window: { from: new Date(requested - 10 * DAY) } }));
    expect(check(decision, "window").message).toMatch(/more than 7 days.*takes longer.*Security Incident Response Team/s);
  });

  it("is reported even when the request is not eligible", () => {
    const decision = evaluateRequest(
      facts({ account: { plan: "free" }, window: { from: new Date(requested - 10 * DAY) } }),
    );
    expect(decision).toMatchObject({ outcome: "ineligible", route: null, extended: true });
  });
});

describe("log-source: application or component logs, at least one", () => {
  it.each<[string, RequestFacts["logSources"], "pass" | "fail", RegExp]>([
    ["application", ["application"], "pass", /application/],
    ["component", ["component"], "pass", /component/],
    ["application and component", ["application", "component"], "pass", /application and component/],
    ["access", ["access"], "fail", /Access logs .* cannot be searched.*application or component logs instead/s],
    ["access among others", ["application", "access"], "fail", /Access logs/],
    ["an empty list", [], "fail", /No log source.*application or component/s],
  ])("%s -> %s", (_name, logSources, result, message) => {
    const decision = evaluateRequest(facts({ logSources }));
    expect(check(decision, "log-source")).toMatchObject({ result });
    expect(check(decision, "log-source").message).toMatch(message);
    expect(decision.outcome).toBe(result === "pass" ? "eligible" : "rescope");
  });
});

describe("resources and event-types: not empty, at most the maximum", () => {
  it.each<[string, number, Partial<Policy>, "pass" | "fail"]>([
    ["none", 0, {}, "fail"],
    ["one", 1, {}, "pass"],
    ["exactly 20", 20, {}, "pass"],
    ["21", 21, {}, "fail"],
    ["exactly 3 with maxResources 3", 3, { maxResources: 3 }, "pass"],
    ["4 with maxResources 3", 4, { maxResources: 3 }, "fail"],
  ])("resources: %s -> %s", (_name, n, policy, result) => {
    const decision = evaluateRequest(facts({ resources: ownedResources(n) }), policy);
    expect(check(decision, "resources").result).toBe(result);
    expect(check(decision, "ownership").result).toBe("pass");
    expect(decision.outcome).toBe(result === "pass" ? "eligible" : "rescope");
  });

  it.each<[string, number, Partial<Policy>, "pass" | "fail"]>([
    ["none", 0, {}, "fail"],
    ["one", 1, {}, "pass"],
    ["exactly 10", 10, {}, "pass"],
    ["11", 11, {}, "fail"],
    ["exactly 2 with maxEventTypes 2", 2, { maxEventTypes: 2 }, "pass"],
    ["3 with maxEventTypes 2", 3, { maxEventTypes: 2 }, "fail"],
  ])("event-types: %s -> %s", (_name, n, policy, result) => {
    const decision = evaluateRequest(facts({ eventTypes: events(n) }), policy);
    expect(check(decision, "event-types").result).toBe(result);
    expect(decision.outcome).toBe(result === "pass" ? "eligible" : "rescope");
  });

  it.each<[CheckId, FactsOverrides, RegExp]>([
    ["resources", { resources: ownedResources(21) }, /21 resources are listed; the maximum is 20\. Ask the customer to re-scope/],
    ["resources", { resources: [] }, /No resources of interest are listed\. Ask the customer for the specific groups, projects or users/],
    ["event-types", { eventTypes: events(11) }, /11 event types are listed; the maximum is 10\. Ask the customer to re-scope/],
    ["event-types", { eventTypes: [] }, /No events of interest are listed\. Ask the customer which specific events/],
  ])("%s message for %o says how many and what to do", (id, overrides, message) => {
    expect(check(evaluateRequest(facts(overrides)), id).message).toMatch(message);
  });
});

describe("outcome: ineligible before rescope before eligible", () => {
  const requested = at(REQUESTED_AT).getTime();
  it.each<[string, FactsOverrides, Decision["outcome"], CheckId[]]>([
    ["all pass", {}, "eligible", []],
    ["plan and resources fail", { account: { plan: "free" }, resources: [] }, "ineligible", ["plan", "resources"]],
    ["deployment and log-source fail", { account: { deployment: "self_managed" }, logSources: ["access"] }, "ineligible", ["deployment", "log-source"]],
    ["ownership and event-types fail", { resources: [{ kind: "user", path: "mallory" }], eventTypes: [] }, "ineligible", ["ownership", "event-types"]],
    ["window and log-source fail", { window: { from: new Date(requested - 40 * DAY) }, logSources: [] }, "ineligible", ["window", "log-source"]],
    ["only log-source fails", { logSources: ["access"] }, "rescope", ["log-source"]],
    ["only resources fail", { resources: ownedResources(21) }, "rescope", ["resources"]],
    ["only event-types fail", { eventTypes: events(11) }, "rescope", ["event-types"]],
    ["all three re-scope checks fail", { logSources: [], resources: [], eventTypes: [] }, "rescope", ["log-source", "resources", "event-types"]],
    [
      "every check fails",
      {
        account: { plan: "free", deployment: "self_managed" },
        resources: [],
        eventTypes: [],
        logSources: [],
        window: { from: at("2024-03-16T00:00:00.000Z"), to: at("2024-03-10T00:00:00.000Z") },
      },
      "ineligible",
      ["plan", "deployment", "window", "log-source", "resources", "event-types"],
    ],
  ])("%s -> %s", (_name, overrides, outcome, failed) => {
    const decision = evaluateRequest(facts(overrides));
    expect(decision.outcome).toBe(outcome);
    expect(failedIds(decision)).toEqual(failed);
    expect(decision.route).toBe(outcome === "eligible" ? "support" : null);
  });
});

describe("route: Support for short, impersonal, small requests; SIRT otherwise", () => {
  const requested = at(REQUESTED_AT).getTime();
  it.each<[string, FactsOverrides, Partial<Policy>, Decision["route"]]>([
    ["the base request", {}, {}, "support"],
    ["an extended window", { window: { from: new Date(requested - 8 * DAY) } }, {}, "sirt"],
    ["personal data", { personalData: true }, {}, "sirt"],
    ["exactly 5 resources", { resources: ownedResources(5) }, {}, "support"],
    ["6 resources", { resources: ownedResources(6) }, {}, "sirt"],
    ["20 resources", { resources: ownedResources(20) }, {}, "sirt"],
    ["6 resources with supportMaxResources 6", { resources: ownedResources(6) }, { supportMaxResources: 6 }, "support"],
    ["2 resources with supportMaxResources 1", { resources: ownedResources(2) }, { supportMaxResources: 1 }, "sirt"],
  ])("%s -> %s", (_name, overrides, policy, route) => {
    const decision = evaluateRequest(facts(overrides), policy);
    expect(decision.outcome).toBe("eligible");
    expect(decision.route).toBe(route);
    expect(routingReasons(facts(overrides), policy).length === 0).toBe(route === "support");
  });

  it("routingReasons says why in plain words", () => {
    expect(
      routingReasons(
        facts({ personalData: true, resources: ownedResources(6), window: { from: new Date(requested - 8 * DAY) } }),
      ),
    ).toEqual([
      "the window reaches back more than 7 days",
      "the answer would disclose personal data",
      "more than 5 resources are listed",
    ]);
  });

  it("says in the resources message when the count sends the request to SIRT", () => {
    const decision = evaluateRequest(facts({ resources: ownedResources(6) }));
    expect(check(decision, "resources").message).toMatch(/More than 5 .* Security Incident Response Team/);
  });
});

describe("waived: only plan, by a Legal exception", () => {
  it.each<[string, Partial<RequestFacts["account"]>]>([
    ["free", { plan: "free" }],
    ["trial", { plan: "trial" }],
    ["not paying", { paying: false }],
    ["deprecated support plan", { supportPlan: "deprecated" }],
  ])("a %s account passes plan with a waiver that says so", (_name, account) => {
    const decision = evaluateRequest(facts({ account }), { waived: ["plan"] });
    expect(check(decision, "plan").result).toBe("pass");
    expect(check(decision, "plan").message).toMatch(/^Waived by a Legal exception/);
    expect(decision.outcome).toBe("eligible");
  });

  it("a passing plan check with a waiver stays a plain pass", () => {
    const decision = evaluateRequest(facts(), { waived: ["plan"] });
    expect(check(decision, "plan").result).toBe("pass");
    expect(check(decision, "plan").message).not.toMatch(/Waived/);
  });

  it.each<[CheckId, FactsOverrides]>([
    ["deployment", { account: { deployment: "self_managed" } }],
    ["ownership", { resources: [{ kind: "user", path: "mallory" }] }],
    ["window", { window: { to: at("2024-03-16T00:00:00.000Z") } }],
    ["log-source", { logSources: ["access"] }],
    ["resources", { resources: ownedResources(21) }],
    ["event-types", { eventTypes: events(11) }],
  ])("waiving %s is ignored: the check still fails", (id, overrides) => {
    const decision = evaluateRequest(facts(overrides), { waived: [id] });
    expect(check(decision, id).result).toBe("fail");
    expect(check(decision, id).message).not.toMatch(/Waived/);
    expect(decision.policyVersion).toBe(evaluateRequest(facts()).policyVersion);
  });

  it("without a waiver the plan check fails", () => {
    expect(check(evaluateRequest(facts({ account: { plan: "free" } }), { waived: [] }), "plan").result).toBe("fail");
  });
});

describe("policyVersion", () => {
  const base = evaluateRequest(facts()).policyVersion;

  it("names the rules and the default values", () => {
    expect(base).toBe("rules-1:window=1mo,standard=7d,resources=20,events=10,support=5,waived=none");
  });

  it.each<[string, Partial<Policy> | undefined]>([
    ["no policy", undefined],
    ["an empty policy", {}],
    ["the default policy passed in", DEFAULT_POLICY],
    ["the default values spelt out", { maxWindowMonths: 1, standardWindowDays: 7, maxResources: 20, maxEventTypes: 10, supportMaxResources: 5 }],
    ["fields given as undefined", { maxResources: undefined, waived: undefined }],
    ["waivers that have no effect", { waived: ["ownership", "window"] }],
  ])("is the same for %s", (_name, policy) => {
    expect(evaluateRequest(facts(), policy).policyVersion).toBe(base);
  });

  it("does not depend on the facts", () => {
    expect(evaluateRequest(facts({ account: { plan: "free" }, logSources: [] })).policyVersion).toBe(base);
  });

  const variants: [string, Partial<Policy>][] = [
    ["maxWindowMonths", { maxWindowMonths: 2 }],
    ["standardWindowDays", { standardWindowDays: 6 }],
    ["standardWindowDays fraction", { standardWindowDays: 6.5 }],
    ["maxResources", { maxResources: 21 }],
    ["maxEventTypes", { maxEventTypes: 11 }],
    ["supportMaxResources", { supportMaxResources: 4 }],
    ["waived plan", { waived: ["plan"] }],
  ];

  it.each(variants)("differs when %s differs", (_name, policy) => {
    expect(evaluateRequest(facts(), policy).policyVersion).not.toBe(base);
  });

  it("differs between every pair of different policies", () => {
    const versions = variants.map(([, policy]) => evaluateRequest(facts(), policy).policyVersion);
    expect(new Set(versions).size).toBe(variants.length);
  });

  it("does not depend on the order or repetition of waivers", () => {
    const a = evaluateRequest(facts(), { waived: ["plan", "window"] }).policyVersion;
    const b = evaluateRequest(facts(), { waived: ["window", "plan", "plan"] }).policyVersion;
    expect(a).toBe(b);
    expect(a).toBe(evaluateRequest(facts(), { waived: ["plan"] }).policyVersion);
  });

  it("does not confuse values across fields", () => {
    expect(evaluateRequest(facts(), { maxResources: 10, maxEventTypes: 20 }).policyVersion).not.toBe(
      evaluateRequest(facts(), { maxResources: 20, maxEventTypes: 10 }).policyVersion,
    );
  });
});

describe("checks: all seven, every time, in a fixed order, each with a message", () => {
  const requested = at(REQUESTED_AT).getTime();
  it.each<[string, FactsOverrides, Partial<Policy>]>([
    ["an eligible request", {}, {}],
    ["an ineligible request", { account: { plan: "free", deployment: "self_managed" } }, {}],
    ["a request to re-scope", { logSources: ["access"], eventTypes: [] }, {}],
    ["a request routed to SIRT", { personalData: true, window: { from: new Date(requested - 9 * DAY) } }, {}],
    ["a waived request", { account: { plan: "trial" } }, { waived: ["plan"] }],
    ["a request with invalid dates", { requestedAt: new Date(Number.NaN) }, {}],
  ])("%s", (_name, overrides, policy) => {
    const decision = evaluateRequest(facts(overrides), policy);
    expect(decision.checks.map((c) => c.id)).toEqual([...CHECK_IDS]);
    for (const c of decision.checks) {
      expect(["pass", "fail"]).toContain(c.result);
      expect(c.message.trim().length).toBeGreaterThan(0);
    }
  });
});

describe("purity", () => {
  it("does not change the facts or the policy it is given", () => {
    const input = facts({ resources: ownedResources(3) });
    const snapshot = structuredClone(input);
    const policy: Partial<Policy> = { waived: ["window", "plan"], maxResources: 4 };
    evaluateRequest(input, policy);
    expect(input).toEqual(snapshot);
    expect(policy).toEqual({ waived: ["window", "plan"], maxResources: 4 });
    expect(DEFAULT_POLICY.waived).toEqual([]);
  });

  it("gives the same decision for the same input", () => {
    expect(evaluateRequest(facts())).toEqual(evaluateRequest(facts()));
  });

  it("imports nothing from Next.js, Prisma, Node or the environment", () => {
    const dir = join(process.cwd(), "lib", "workflow");
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
      const source = readFileSync(join(dir, file), "utf8");
      const imports = [...source.matchAll(/from\s+["']([^"']+)["']|import\s*\(\s*["']([^"']+)["']/g)].map(
        (m) => m[1] ?? m[2],
      );
      for (const specifier of imports) expect(specifier, `${file} imports ${specifier}`).toMatch(/^\.\//);
      expect(source, file).not.toMatch(/process\.env|require\(/);
    }
  });
});
