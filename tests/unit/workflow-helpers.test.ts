// The pure helpers behind the workflow checks: calendar-month bound, ownership, policy.
import { describe, expect, it } from "vitest";
import {
  CHECK_IDS,
  DEFAULT_POLICY,
  formatUtc,
  isOwned,
  policyVersionOf,
  resolvePolicy,
  windowLowerBound,
  type Policy,
  type ResourceRef,
} from "@/lib/workflow";

const at = (iso: string) => new Date(iso);

describe("windowLowerBound: requestedAt minus N calendar months, UTC, clamped to month end", () => {
  it.each([
    ["31 March -> 28 February", "2023-03-31T10:00:00.000Z", 1, "2023-02-28T10:00:00.000Z"],
    ["31 March -> 29 February in a leap year", "2024-03-31T10:00:00.000Z", 1, "2024-02-29T10:00:00.000Z"],
    ["30 March -> 29 February in a leap year", "2024-03-30T23:59:59.999Z", 1, "2024-02-29T23:59:59.999Z"],
    ["29 March -> 29 February in a leap year", "2024-03-29T00:00:00.000Z", 1, "2024-02-29T00:00:00.000Z"],
    ["15 March -> 15 February, same time of day", "2024-03-15T13:45:30.123Z", 1, "2024-02-15T13:45:30.123Z"],
    ["31 May -> 30 April", "2024-05-31T08:00:00.000Z", 1, "2024-04-30T08:00:00.000Z"],
    ["across a year end", "2024-01-31T06:30:00.000Z", 1, "2023-12-31T06:30:00.000Z"],
    ["1 March -> 1 February", "2023-03-01T00:00:00.000Z", 1, "2023-02-01T00:00:00.000Z"],
    ["zero months is the request itself", "2024-03-31T10:00:00.000Z", 0, "2024-03-31T10:00:00.000Z"],
    ["two months from 30 April", "2024-04-30T10:00:00.000Z", 2, "2024-02-29T10:00:00.000Z"],
    ["twelve months from 29 February", "2024-02-29T10:00:00.000Z", 12, "2023-02-28T10:00:00.000Z"],
    ["a year below 100 is not shifted to the 1900s", "0004-03-31T10:00:00.000Z", 1, "0004-02-29T10:00:00.000Z"],
  ])("%s", (_name, requestedAt, months, expected) => {
    expect(windowLowerBound(at(requestedAt), months).toISOString()).toBe(expected);
  });

  it("gives an invalid date for an invalid request time", () => {
    expect(Number.isNaN(windowLowerBound(new Date(Number.NaN), 1).getTime())).toBe(true);
  });

  it("does not change its argument", () => {
    const requestedAt = at("2024-03-31T10:00:00.000Z");
    windowLowerBound(requestedAt, 1);
    expect(requestedAt.toISOString()).toBe("2024-03-31T10:00:00.000Z");
  });
});

describe("formatUtc", () => {
  it.each([
    ["2024-02-29T10:00:00.000Z", "2024-02-29 10:00 UTC"],
    ["2024-02-29T10:00:05.000Z", "2024-02-29 10:00:05 UTC"],
    ["2024-02-29T10:00:00.001Z", "2024-02-29 10:00:00.001 UTC"],
  ])("%s reads %s", (iso, expected) => {
    expect(formatUtc(at(iso))).toBe(expected);
  });
});

const OWNED: ResourceRef[] = [
  { kind: "group", path: "acme" },
  { kind: "project", path: "globex/api" },
  { kind: "user", path: "jdoe" },
];

describe("isOwned", () => {
  it.each<[string, ResourceRef, boolean]>([
    ["the owned group itself", { kind: "group", path: "acme" }, true],
    ["a subgroup of an owned group", { kind: "group", path: "acme/infra" }, true],
    ["a nested subgroup of an owned group", { kind: "group", path: "acme/infra/eu/west" }, true],
    ["a project in an owned group", { kind: "project", path: "acme/api" }, true],
    ["a project in a nested subgroup", { kind: "project", path: "acme/infra/eu/api" }, true],
    ["a look-alike prefix", { kind: "group", path: "acme-x" }, false],
    ["a project under a look-alike prefix", { kind: "project", path: "acme-x/api" }, false],
    ["a shorter prefix", { kind: "group", path: "acm" }, false],
    ["a different case of the owned group", { kind: "group", path: "ACME" }, true],
    ["a different case of a subgroup", { kind: "project", path: "Acme/Infra/API" }, true],
    ["the owned project by exact path", { kind: "project", path: "globex/api" }, true],
    ["the owned project in another case", { kind: "project", path: "GLOBEX/Api" }, true],
    ["a sub-path of an owned project", { kind: "project", path: "globex/api/sub" }, false],
    ["the parent group of an owned project", { kind: "group", path: "globex" }, false],
    ["a sibling of an owned project", { kind: "project", path: "globex/web" }, false],
    ["a group with the owned project's path", { kind: "group", path: "globex/api" }, true],
    ["the owned user", { kind: "user", path: "jdoe" }, true],
    ["the owned user in another case", { kind: "user", path: "JDoe" }, true],
    ["another user", { kind: "user", path: "jdoe2" }, false],
    ["a user named like an owned group", { kind: "user", path: "acme" }, false],
    ["a group named like an owned user", { kind: "group", path: "jdoe" }, false],
    ["a path climbing out of an owned group", { kind: "project", path: "acme/../globex" }, false],
    ["a path with an empty segment", { kind: "project", path: "acme//x" }, false],
    ["a trailing slash", { kind: "group", path: "acme/" }, false],
    ["an empty path", { kind: "group", path: "" }, false],
  ])("%s", (_name, ref, expected) => {
    expect(isOwned(ref, OWNED)).toBe(expected);
  });

  it.each<[string, ResourceRef[], ResourceRef, boolean]>([
    ["nothing is owned from an empty list", [], { kind: "group", path: "acme" }, false],
    ["an owned group in capitals owns a lower-case subgroup", [{ kind: "group", path: "AcMe" }], { kind: "group", path: "acme/x" }, true],
    ["an owned nested subgroup owns its projects", [{ kind: "group", path: "acme/infra" }], { kind: "project", path: "acme/infra/api" }, true],
    ["an owned nested subgroup does not own its parent", [{ kind: "group", path: "acme/infra" }], { kind: "group", path: "acme" }, false],
    ["an owned nested subgroup does not own a sibling", [{ kind: "group", path: "acme/infra" }], { kind: "project", path: "acme/web" }, false],
    ["an owned user does not own a namespace of that name", [{ kind: "user", path: "jdoe" }], { kind: "project", path: "jdoe/dotfiles" }, false],
    ["an empty owned group owns nothing", [{ kind: "group", path: "" }], { kind: "project", path: "/x" }, false],
  ])("%s", (_name, owned, ref, expected) => {
    expect(isOwned(ref, owned)).toBe(expected);
  });
});

describe("DEFAULT_POLICY and resolvePolicy", () => {
  it("holds the process document's values", () => {
    expect(DEFAULT_POLICY).toEqual({
      maxWindowMonths: 1,
      standardWindowDays: 7,
      maxResources: 20,
      maxEventTypes: 10,
      supportMaxResources: 5,
      waived: [],
    });
  });

  it("is frozen so no caller can change the defaults", () => {
    expect(Object.isFrozen(DEFAULT_POLICY)).toBe(true);
    expect(Object.isFrozen(DEFAULT_POLICY.waived)).toBe(true);
  });

  it.each<[keyof Policy, Policy[keyof Policy]]>([
    ["maxWindowMonths", 3],
    ["standardWindowDays", 2.5],
    ["maxResources", 4],
    ["maxEventTypes", 0],
    ["supportMaxResources", 9],
    ["waived", ["plan"]],
  ])("overrides %s alone", (field, value) => {
    expect(resolvePolicy({ [field]: value })).toEqual({ ...DEFAULT_POLICY, [field]: value });
  });

  it("keeps the default for a field given as undefined", () => {
    expect(resolvePolicy({ maxResources: undefined, waived: undefined })).toEqual(DEFAULT_POLICY);
  });

  it.each<[string, Partial<Policy>, CheckIdList]>([
    ["keeps plan", { waived: ["plan"] }, ["plan"]],
    ["drops ids that cannot be waived", { waived: ["ownership", "window", "deployment"] }, []],
    ["keeps plan among others, once", { waived: ["window", "plan", "plan"] }, ["plan"]],
  ])("waived %s", (_name, policy, expected) => {
    expect(resolvePolicy(policy).waived).toEqual(expected);
  });

  it.each<[string, Partial<Policy>]>([
    ["a negative maximum", { maxResources: -1 }],
    ["NaN", { maxEventTypes: Number.NaN }],
    ["infinity", { standardWindowDays: Number.POSITIVE_INFINITY }],
    ["a fractional number of calendar months", { maxWindowMonths: 1.5 }],
    ["a number given as text", { supportMaxResources: "5" as unknown as number }],
    ["waived that is not a list", { waived: "plan" as unknown as Policy["waived"] }],
  ])("rejects %s with a RangeError", (_name, policy) => {
    expect(() => resolvePolicy(policy)).toThrow(RangeError);
  });

  it("lists the seven checks in the contract's order", () => {
    expect(CHECK_IDS).toEqual([
      "plan",
      "deployment",
      "ownership",
      "window",
      "log-source",
      "resources",
      "event-types",
    ]);
  });

  it("names the default policy readably", () => {
    expect(policyVersionOf(DEFAULT_POLICY)).toBe(
      "rules-1:window=1mo,standard=7d,resources=20,events=10,support=5,waived=none",
    );
  });
});

type CheckIdList = Policy["waived"];
