// Hostile 1 MB lines: the redactor's work is linear, so each takes well under the contract's
// 500 ms however the line is shaped (no catastrophic regex backtracking, no quadratic rescans,
// no recursion on deep nesting). The bound is a generous guard measured with performance.now().
import { beforeAll, describe, expect, it } from "vitest";
import { createRedactor, type RedactionScope } from "@/lib/redaction";

const SCOPE: RedactionScope = {
  owned: {
    groups: ["acme", "acme/very/deep/group/path"],
    projects: ["globex/api"],
    users: ["alice"],
    emails: ["alice@acme.com"],
  },
  disclosePersonalData: true,
  internalHosts: [".internal", "corp.example.net"],
};

const MB = 1 << 20;
const BUDGET_MS = 500;

/** `unit` repeated to exactly 1 MB. */
function fill(unit: string, size = MB): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

/** A JSON object line of about 1 MB: `open`, then 1 MB of `unit`, then `close`. */
function jsonAround(open: string, unit: string, close: string): string {
  return open + fill(unit, MB - open.length - close.length) + close;
}

const deep = (n: number) => '{"a":'.repeat(n) + '"x"' + "}".repeat(n);

const SHAPES: [string, string][] = [
  ["@ signs", fill("@")],
  ["dots", fill(".")],
  ["slashes", fill("/")],
  ["digits", fill("7")],
  ["a.a.a.a", fill("a.")],
  ["a/a/a/a (one huge path)", fill("a/")],
  ["a-a-a-a/1 (path starts everywhere, version at the end)", fill("a-") + "/1"],
  ["dotted quads", fill("1.2.3.4 ")],
  ["digit-dot runs", fill("1.1.")],
  ["colons", fill(":")],
  ["hex and colons", fill("a:")],
  ["double colons", fill("a::")],
  ["IPv6 addresses", fill("2001:db8::1 ")],
  ["emails", fill("a@b.cc ")],
  ["email chain", fill("a@b.")],
  ["mentions", fill("@a ")],
  ["user= repeated", fill("user=")],
  ["unclosed double quotes after keys", fill('password="')],
  ["unclosed single quotes after keys", fill("token='x ")],
  ["key = value with blanks", fill("password = ")],
  ["Bearer repeated", fill("Bearer ")],
  ["glpat- repeated", fill("glpat-")],
  ["PEM begin markers without labels", fill("-----BEGIN ")],
  ["PEM end markers", fill("-----END RSA PRIVATE KEY-----")],
  ["internal hosts", fill("x.internal ")],
  ["almost internal hosts", fill("x.internax.")],
  ["owned-group prefixes", fill("acme/very/deep/group/pat/")],
  ["unclosed JSON nesting", fill('{"a":')],
  ["100k-deep closed JSON", deep(100_000)],
  ["brackets", fill("[")],
  ["backslashes", fill("\\")],
  ["equals", fill("=")],
  ["quotes", fill('"')],
  ["mixed punctuation", fill("a.b-c_d/e:f@g=h;1.2 ")],
  ["non-ASCII letters and separators", fill("é/ü.ß@")],
  ["JSON: one huge string of emails", jsonAround('{"message":"', "a@b.cc ", '"}')],
  ["JSON: one huge escaped string", jsonAround('{"message":"', "\\u0041\\n", '"}')],
  ["JSON: one huge identity value", jsonAround('{"meta.project":"', "a/", 'b"}')],
  [
    "JSON: 60 000 keys with private IPs",
    "{" + Array.from({ length: 60_000 }, (_, i) => `"k${i}":"10.0.0.${i % 256}"`).join(",") + "}",
  ],
  [
    "JSON: 100 000 numbers in an array",
    '{"n":[' + Array.from({ length: 100_000 }, (_, i) => String(i * 7919)).join(",") + "]}",
  ],
];

describe("hostile 1 MB lines stay linear", () => {
  beforeAll(() => {
    // Compile the hot paths once, as a long-running redaction job would have.
    const r = createRedactor(SCOPE);
    for (const [, line] of SHAPES) r.redactLine(line.slice(0, 2048));
  });

  it.each(SHAPES)(`%s: under ${BUDGET_MS} ms`, (_name, line) => {
    // The machine running the suite is shared (other test files run in parallel), so a run that
    // is over budget is measured again, up to three times in all: the bound is on the work, not
    // on a scheduler's bad moment. A quadratic or backtracking scan would miss it every time.
    let best = Infinity;
    for (let attempt = 0; attempt < 3 && best >= BUDGET_MS; attempt++) {
      const r = createRedactor(SCOPE);
      const started = performance.now();
      const out = r.redactLine(line);
      best = Math.min(best, performance.now() - started);
      expect(typeof out).toBe("string");
      expect(r.summary().lines).toBe(1);
    }
    expect(best).toBeLessThan(BUDGET_MS);
  });

  it("what the hostile lines hide is still redacted", () => {
    const r = createRedactor(SCOPE);
    expect(r.redactLine(fill("@a ", 3 * 1000))).toBe("@[user-1] ".repeat(1000));
    expect(r.redactLine(fill("1.2.3.4 ", 8 * 1000))).toBe("[REDACTED:ip] ".repeat(1000));
    expect(r.redactLine(fill("glpat-x1 ", 9 * 1000))).toBe("[REDACTED:secret] ".repeat(1000));
    expect(r.redactLine(fill("x.internal ", 11 * 1000))).toBe("[REDACTED:system] ".repeat(1000));
  });

  it("deep JSON that changes keeps its structure", () => {
    const n = 50_000;
    const line = '{"a":'.repeat(n) + '"@mallory"' + "}".repeat(n);
    const out = createRedactor(SCOPE).redactLine(line);
    expect(out).toBe('{"a":'.repeat(n) + '"@[user-1]"' + "}".repeat(n));
  });
});
