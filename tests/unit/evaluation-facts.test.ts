// factsFromAccount: the mapping from a stored account and a request's scope to RequestFacts, case by case.
import { describe, expect, it } from "vitest";
import { factsFromAccount, type AccountForFacts, type RequestScope } from "@/lib/evaluation/facts";
import { evaluateRequest, type RequestFacts } from "@/lib/workflow";

const REQUESTED_AT = new Date("2026-03-15T12:00:00.000Z");

const ACME: AccountForFacts = {
  plan: "premium",
  deployment: "saas",
  paying: true,
  supportPlan: "current",
  resources: [
    { kind: "group", path: "acme" },
    { kind: "project", path: "acme/infra/api" },
    { kind: "user", path: "alice", email: "alice@acme.example" },
  ],
};

const scope = (over: Partial<RequestScope> = {}): RequestScope => ({
  resources: [{ kind: "project", path: "acme/infra/api" }],
  eventTypes: ["user_login"],
  logSources: ["application"],
  window: { from: new Date("2026-03-12T12:00:00.000Z"), to: new Date("2026-03-15T12:00:00.000Z") },
  personalData: false,
  ...over,
});

describe("factsFromAccount: what is copied, normalised and left alone", () => {
  it.each<[string, AccountForFacts, RequestScope, (f: RequestFacts) => void]>([
    ["the account's plan fields are copied", { ...ACME, plan: "ultimate", paying: false, supportPlan: "deprecated", deployment: "self_managed" }, scope(), (f) =>
      expect(f.account).toMatchObject({ plan: "ultimate", paying: false, supportPlan: "deprecated", deployment: "self_managed" })],
    ["owned resources lose the users' emails", ACME, scope(), (f) =>
      expect(f.account.owned).toEqual([{ kind: "group", path: "acme" }, { kind: "project", path: "acme/infra/api" }, { kind: "user", path: "alice" }])],
    ["an account that owns nothing owns nothing", { ...ACME, resources: [] }, scope(), (f) => expect(f.account.owned).toEqual([])],
    ["paths are trimmed", ACME, scope({ resources: [{ kind: "group", path: "  acme/infra " }] }), (f) =>
      expect(f.resources).toEqual([{ kind: "group", path: "acme/infra" }])],
    ["a resource listed twice in another case counts once, first spelling kept", ACME, scope({ resources: [{ kind: "project", path: "Acme/Infra/API" }, { kind: "project", path: "acme/infra/api" }] }), (f) =>
      expect(f.resources).toEqual([{ kind: "project", path: "Acme/Infra/API" }])],
    ["the same path as a group and as a project are two resources", ACME, scope({ resources: [{ kind: "group", path: "acme/x" }, { kind: "project", path: "acme/x" }] }), (f) =>
      expect(f.resources).toHaveLength(2)],
    ["event types are trimmed and counted once", ACME, scope({ eventTypes: ["user_login", " user_login ", "project_deleted"] }), (f) =>
      expect(f.eventTypes).toEqual(["user_login", "project_deleted"])],
    ["log sources are counted once, in order", ACME, scope({ logSources: ["component", "application", "component"] }), (f) =>
      expect(f.logSources).toEqual(["component", "application"])],
    ["access logs are kept for the check to refuse", ACME, scope({ logSources: ["access"] }), (f) => expect(f.logSources).toEqual(["access"])],
    ["empty lists stay empty for the checks to explain", ACME, scope({ resources: [], eventTypes: [], logSources: [] }), (f) =>
      expect([f.resources, f.eventTypes, f.logSources]).toEqual([[], [], []])],
    ["a reversed window is left as given", ACME, scope({ window: { from: new Date("2026-03-14T00:00:00Z"), to: new Date("2026-03-13T00:00:00Z") } }), (f) =>
      expect(f.window).toEqual({ from: new Date("2026-03-14T00:00:00Z"), to: new Date("2026-03-13T00:00:00Z") })],
    ["personal data true is kept", ACME, scope({ personalData: true }), (f) => expect(f.personalData).toBe(true)],
    ["the request time is the one given", ACME, scope(), (f) => expect(f.requestedAt).toEqual(REQUESTED_AT)],
  ])("%s", (_name, account, s, check) => {
    check(factsFromAccount(account, s, REQUESTED_AT));
  });

  it("shares no object with its inputs, so later changes to them cannot change the facts", () => {
    const s = scope();
    const requestedAt = new Date(REQUESTED_AT);
    const f = factsFromAccount(ACME, s, requestedAt);
    s.window.from.setUTCFullYear(2000);
    requestedAt.setUTCFullYear(2000);
    s.resources.push({ kind: "group", path: "globex" });
    expect(f.window.from).toEqual(new Date("2026-03-12T12:00:00.000Z"));
    expect(f.requestedAt).toEqual(REQUESTED_AT);
    expect(f.resources).toHaveLength(1);
  });
});

describe("factsFromAccount feeds evaluateRequest the decision the account deserves", () => {
  const six = (path: string) => Array.from({ length: 6 }, () => ({ kind: "project" as const, path }));
  it.each<[string, AccountForFacts, RequestScope, { outcome: string; route: string | null }]>([
    ["premium SaaS, own project, 3 days", ACME, scope(), { outcome: "eligible", route: "support" }],
    ["free plan", { ...ACME, plan: "free" }, scope(), { outcome: "ineligible", route: null }],
    ["self-managed", { ...ACME, deployment: "self_managed" }, scope(), { outcome: "ineligible", route: null }],
    ["not paying", { ...ACME, paying: false }, scope(), { outcome: "ineligible", route: null }],
    ["a project under an owned group, written in capitals", ACME, scope({ resources: [{ kind: "project", path: "ACME/web/shop" }] }), { outcome: "eligible", route: "support" }],
    ["a look-alike path is not owned", ACME, scope({ resources: [{ kind: "group", path: "acme-x" }] }), { outcome: "ineligible", route: null }],
    ["the owned user, by name", ACME, scope({ resources: [{ kind: "user", path: "Alice" }] }), { outcome: "eligible", route: "support" }],
    ["one project repeated six times stays with Support", ACME, scope({ resources: six("acme/infra/api") }), { outcome: "eligible", route: "support" }],
    ["no log source asks for a re-scope", ACME, scope({ logSources: [] }), { outcome: "rescope", route: null }],
    ["personal data goes to SIRT", ACME, scope({ personalData: true }), { outcome: "eligible", route: "sirt" }],
    ["ten days back goes to SIRT", ACME, scope({ window: { from: new Date("2026-03-05T12:00:00Z"), to: new Date("2026-03-15T12:00:00Z") } }), { outcome: "eligible", route: "sirt" }],
  ])("%s -> %j", (_name, account, s, expected) => {
    const decision = evaluateRequest(factsFromAccount(account, s, REQUESTED_AT));
    expect({ outcome: decision.outcome, route: decision.route }).toEqual(expected);
  });
});
