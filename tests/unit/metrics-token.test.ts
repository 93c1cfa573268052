// /api/metrics's token (issue 14): METRICS_TOKEN's validation and the bearer comparison.
import { afterEach, describe, expect, it } from "vitest";
import { env, resetEnvCache } from "@/lib/env";
import { metricsTokenMatches } from "@/lib/metrics";

const saved = process.env.METRICS_TOKEN;
afterEach(() => {
  if (saved === undefined) delete process.env.METRICS_TOKEN;
  else process.env.METRICS_TOKEN = saved;
  resetEnvCache();
});

function read(value: string | undefined) {
  if (value === undefined) delete process.env.METRICS_TOKEN;
  else process.env.METRICS_TOKEN = value;
  resetEnvCache();
  return env().METRICS_TOKEN;
}

const TOKEN = "m".repeat(32);

describe("METRICS_TOKEN", () => {
  it("unset or empty turns the route off", () => {
    expect(read(undefined)).toBeUndefined();
    expect(read("")).toBeUndefined();
    expect(read("   ")).toBeUndefined();
  });
  it("takes 32 characters or more", () => {
    expect(read(TOKEN)).toBe(TOKEN);
    expect(read(` ${TOKEN} `)).toBe(TOKEN);
  });
  it("refuses a shorter one, naming the variable", () => {
    expect(() => read("short-token")).toThrow(/METRICS_TOKEN must be at least 32 characters/);
  });
});

describe("metricsTokenMatches", () => {
  it.each([
    [`Bearer ${TOKEN}`, true],
    [`bearer ${TOKEN}`, true],
    [`Bearer ${TOKEN}  `, true],
    [`Bearer ${TOKEN}x`, false],
    [`Bearer ${TOKEN.slice(1)}`, false],
    [TOKEN, false],
    [`Basic ${TOKEN}`, false],
    ["Bearer ", false],
    ["", false],
    [null, false],
  ])("%j -> %s", (header, ok) => {
    expect(metricsTokenMatches(header, TOKEN)).toBe(ok);
  });
});
