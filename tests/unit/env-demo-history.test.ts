import { afterEach, describe, expect, it } from "vitest";
import { env, resetEnvCache } from "@/lib/env";

const saved = process.env.LOGDESK_DEMO_HISTORY;
afterEach(() => {
  if (saved === undefined) delete process.env.LOGDESK_DEMO_HISTORY;
  else process.env.LOGDESK_DEMO_HISTORY = saved;
  resetEnvCache();
});

function read(value: string | undefined) {
  if (value === undefined) delete process.env.LOGDESK_DEMO_HISTORY;
  else process.env.LOGDESK_DEMO_HISTORY = value;
  resetEnvCache();
  return env().LOGDESK_DEMO_HISTORY;
}

describe("LOGDESK_DEMO_HISTORY", () => {
  it.each([
    [undefined, true],
    ["", true],
    ["on", true],
    ["1", true],
    ["true", true],
    ["off", false],
    ["0", false],
    ["false", false],
    ["no", false],
  ])("%j reads as %s", (value, expected) => {
    expect(read(value)).toBe(expected);
  });

  it("refuses anything else with a clear message", () => {
    expect(() => read("sometimes")).toThrow(/LOGDESK_DEMO_HISTORY must be "on" or "off"/);
  });
});
