import { describe, expect, it } from "vitest";
import { scanServerOutput } from "../e2e/global-teardown";

const base = { stderr: "", secrets: ["support-demo-pass", "eyJhbGciOiJkaXIi.cookie-value"], allowedStderrLines: ["  support  support@logdesk.test support-demo-pass"] };

describe("the browser tests' log scan", () => {
  it("passes JSON lines without secrets, and the banner's credential line on stderr", () => {
    expect(scanServerOutput({ ...base, stdout: '{"level":"info","msg":"a"}\n{"level":"warn","msg":"b"}\n', stderr: "\nDemo sign-in:\n  support  support@logdesk.test support-demo-pass\n" })).toEqual([]);
  });
  it("does not judge a last line still being written", () => {
    expect(scanServerOutput({ ...base, stdout: '{"level":"info"}\n{"lev' })).toEqual([]);
  });
  it.each([
    ["a line that is not JSON", "Logdesk is running\n", /not JSON/],
    ["a JSON value that is not an object", "42\n", /not a JSON object/],
    ["a password in the log", '{"msg":"support-demo-pass"}\n', /holds a secret: supp/],
    ["a cookie value in the log", '{"cookie":"x eyJhbGciOiJkaXIi.cookie-value"}\n', /holds a secret: eyJh/],
  ])("fails on %s", (_name, stdout, problem) => {
    expect(scanServerOutput({ ...base, stdout }).join("\n")).toMatch(problem);
  });
  it("fails on a secret on stderr outside the banner, and on the banner line printed twice", () => {
    expect(scanServerOutput({ ...base, stdout: "", stderr: "could not start: support-demo-pass\n" })).toHaveLength(1);
    const twice = "  support  support@logdesk.test support-demo-pass\n".repeat(2);
    expect(scanServerOutput({ ...base, stdout: "", stderr: twice })).toHaveLength(1);
  });
});
