// Fast paths of lib/redaction (JSON tokens read in one loop, key table, scanners entering only the
// runs that hold their character, findings skipped under a whole-value rule): each case below
// comes out exactly as it did from the implementation before those changes (outputs recorded
// from it, one redactor, in this order), and the scanners stay linear on hostile input.
import { describe, expect, it } from "vitest";
import { createRedactor, type RedactionScope } from "@/lib/redaction";
import { detached } from "@/lib/redaction/scope";

const scope: RedactionScope = {
  owned: {
    groups: ["acme"],
    projects: ["acme/web", "acme/api"],
    users: ["alice", "bob"],
    emails: ["alice@acme.example", "bob@acme.example"],
  },
  disclosePersonalData: false,
  internalHosts: [".internal", "corp.example"],
};

describe("redaction fast paths keep the recorded outputs", () => {
  const cases: [string, string][] = [
    ["{\"msg\":\"say \\\"hi\\\" to mallory@globex.example\",\"user\":\"mallory\"}", "{\"msg\":\"say \\\"hi\\\" to [email-1]\",\"user\":\"[user-1]\"}"],
    ["{\"us\\u0065r\":\"mallory\",\"USER\":\"eve\",\"User\":\"alice\"}", "{\"us\\u0065r\":\"[user-1]\",\"USER\":\"[user-2]\",\"User\":\"alice\"}"],
    ["{\"a\\\\\":\"10.0.0.1\",\"b\":\"x\\\\y 10.0.0.2\"}", "{\"a\\\\\":\"[REDACTED:system]\",\"b\":\"x\\\\y [REDACTED:system]\"}"],
    ["{\"backtrace\":\"at foo\u0001\"}", "{\"backtrace\":\"at foo\u0001\"}"],
    ["{\"backtrace\":\"at foo\"}", "{\"backtrace\":\"[REDACTED:system]\"}"],
    ["{\"k\u0002\":\"1.2.3.4\"}", "{\"k\u0002\":\"[REDACTED:ip]\"}"],
    ["{\"password\":\"p\\u0041ss\",\"Password\":\"x\",\"pass\\u0077ord\":\"y\"}", "{\"password\":\"[REDACTED:secret]\",\"Password\":\"[REDACTED:secret]\",\"pass\\u0077ord\":\"[REDACTED:secret]\"}"],
    ["{\"meta.user\":\"bob\",\"user\":\"mallory\",\"ip\":\"8.8.8.8\"}", "{\"meta.user\":\"bob\",\"user\":\"[user-1]\",\"ip\":\"[REDACTED:ip]\"}"],
    ["{\"user\":\"mallory glpat-abcdefghijklmnop\",\"project\":\"globex/api 10.1.2.3\",\"namespace\":\"acme db-1.internal\"}", "{\"user\":\"[REDACTED:secret]\",\"project\":\"[REDACTED:system]\",\"namespace\":\"[REDACTED:system]\"}"],
    ["{\"stack\":\"Bearer abc.def at globex/api mallory@globex.example 8.8.8.8\",\"backtrace\":[\"x 10.0.0.1\",\"token=abc\"]}", "{\"stack\":\"[REDACTED:secret]\",\"backtrace\":[\"[REDACTED:system]\",\"[REDACTED:secret]\"]}"],
    ["{\"project_path\":\"acme/web\",\"entity_path\":\"globex/api\",\"target_details\":\"acme/api/../globex\",\"root_namespace\":\"  \"}", "{\"project_path\":\"acme/web\",\"entity_path\":\"[project-1]\",\"target_details\":\"[project-2]\",\"root_namespace\":\"  \"}"],
    ["v1.2.3.4 1.2.3.4.5 01.2.3.4 256.1.1.1 a1.2.3.4b 999.1.1.1 10.0.0.1: 127.0.0.1/8 .1.2.3.4.", "v[REDACTED:ip] 1.2.3.4.5 [REDACTED:ip] 256.1.1.1 a[REDACTED:ip]b 999.1.1.1 [REDACTED:system]: [REDACTED:system]/8 .1.2.3.4."],
    ["addr:2001:db8::1 ::1: fe80::1%eth0 Abc::Def 00:00:01.508 fc00::1 2001:db8:0:0:0:0:0:1", "addr:[REDACTED:ip] [REDACTED:system]: [REDACTED:ip]%eth0 Abc::Def 00:00:01.508 [REDACTED:system] [REDACTED:ip]"],
    ["see globex/api and /globex/api and x/globex/api and https://x/globex/api and application/json and Text/Html and HTTP/1.1 and 17/06/09 and acme/web/", "see [project-1] and /globex/api and [project-3] and https://x/globex/api and application/json and Text/Html and HTTP/1.1 and 17/06/09 and acme/web/"],
    ["DB-1.INTERNAL db.internal. .internal corp.example xcorp.example a.corp.example internal ci.Corp.Example:8080", "[REDACTED:system] [REDACTED:system]. .internal [REDACTED:system] xcorp.example [REDACTED:system] internal [REDACTED:system]:8080"],
    ["user=mallory project_path=globex/api password=hunter2 api_key: abc; Authorization: Bearer xyz, TOKEN=t1&x=1 ts=00:00:01 route=/api/:id", "user=[user-1] project_path=[project-1] password=[REDACTED:secret] api_key: [REDACTED:secret]; Authorization: Bearer [REDACTED:secret], TOKEN=[REDACTED:secret]&x=1 ts=00:00:01 route=/api/:id"],
    ["@mallory @alice hi@globex.example bob@acme.example @acme @globex/api", "@[user-1] @alice [email-2] [REDACTED:email] @acme @[project-1]"],
  ];

  it("redacts every case as before, in order (pseudonyms numbered across the cases)", () => {
    const r = createRedactor(scope);
    for (const [input, output] of cases) expect(r.redactLine(input)).toBe(output);
    expect(r.summary()).toEqual({
      lines: 17,
      redactions: { secret: 10, "other-account": 14, "personal-data": 9, system: 15 },
    });
  });
});

describe("redaction fast paths: values re-quoted in place (recorded outputs)", () => {
  // A changed value without escapes, control characters or surrogates is written back between its
  // own quotes; the others go through JSON.stringify (lone surrogates come out escaped).
  const cases: [string, string][] = [
["{\"a\":\"😀 mallory@globex.example\",\"b\":\"\ud83d 8.8.8.8 \ude00\",\"c\":\"東京 10.0.0.1 é\",\"d\":\"\\\\ud83d 8.8.4.4\"}","{\"a\":\"😀 [email-1]\",\"b\":\"\\ud83d [REDACTED:ip] \\ude00\",\"c\":\"東京 [REDACTED:system] é\",\"d\":\"\\\\ud83d [REDACTED:ip]\"}"],
    ["{\"user\":\"mallory\ud800\",\"x\":[\"globex/api\",\"@eve\"],\"y\":\"a\\\"b 1.2.3.4\"}","{\"user\":\"[user-1]\",\"x\":[\"[project-1]\",\"@[user-2]\"],\"y\":\"a\\\"b [REDACTED:ip]\"}"],
    ["{\"e\":\"\u0001x\",\"f\":\"Bearer abc\",\"g\":\"x\\u0000 @mallory\",\"h\":\"\\\"\u2028 10.1.1.1\"}","{\"e\":\"\u0001x\",\"f\":\"Bearer [REDACTED:secret]\",\"g\":\"x\\u0000 @[user-3]\",\"h\":\"\\\"\u2028 [REDACTED:system]\"}"],
  ];
  it("redacts every case as before, in order", () => {
    const r = createRedactor(scope);
    for (const [input, output] of cases) expect(r.redactLine(input)).toBe(output);
    expect(r.summary()).toEqual({
      lines: 3,
      redactions: { secret: 1, "other-account": 5, "personal-data": 3, system: 2 },
    });
  });
});

describe("redaction fast paths: JSON members and array elements read in one loop (recorded outputs)", () => {
  // String and number members, and string elements of arrays, are read without a round through the
  // scanner's state machine; anything else (and every invalid line) goes back to it.
  const cases: [string, string][] = [
["{\"a\":\"8.8.8.8\",\"b\":[\"10.0.0.1\" , \"x\",1,\"@mallory\",[\"1.2.3.4\"],{\"user\":\"eve\"},\"q\"],\"user\":\"mallory\"}","{\"a\":\"[REDACTED:ip]\",\"b\":[\"[REDACTED:system]\" , \"x\",1,\"@[user-1]\",[\"[REDACTED:ip]\"],{\"user\":\"[user-2]\"},\"q\"],\"user\":\"[user-1]\"}"],
    ["{\"a\":\"1.1.1.1\",}","{\"a\":\"[REDACTED:ip]\",}"],
    ["{\"a\":\"1.1.1.1\",\"b\":[\"1.1.1.2\",]}","{\"a\":\"[REDACTED:ip]\",\"b\":[\"[REDACTED:ip]\",]}"],
    ["{\"a\": -1.5e3 ,\"b\" : \"2.2.2.2\" , \"c\":true,\"d\":\"3.3.3.3\"}","{\"a\": -1.5e3 ,\"b\" : \"[REDACTED:ip]\" , \"c\":true,\"d\":\"[REDACTED:ip]\"}"],
    ["{\"a\":\"4.4.4.4\" \"b\":\"x\"}","{\"a\":\"[REDACTED:ip]\" \"b\":\"x\"}"],
    ["{\"a\":01,\"b\":\"5.5.5.5\"}","{\"a\":01,\"b\":\"[REDACTED:ip]\"}"],
    ["{\"a\":\"6.6.6.6\",\"b\":[\"7.7.7.7\",\"8.8.8.9\"],\"c\":[]}  ","{\"a\":\"[REDACTED:ip]\",\"b\":[\"[REDACTED:ip]\",\"[REDACTED:ip]\"],\"c\":[]}  "],
    ["{\"a\":\"9.9.9.9\",\"b\":[\"1.0.0.1\"}","{\"a\":\"[REDACTED:ip]\",\"b\":[\"[REDACTED:ip]\"}"],
    ["{\"meta.user\":\"alice\",\"ip\":\"1.2.3.5\",\"user\":[\"x\"],\"username\":\"bob\"}","{\"meta.user\":\"alice\",\"ip\":\"[REDACTED:ip]\",\"user\":[\"[user-3]\"],\"username\":\"bob\"}"],
  ];
  it("redacts every case as before, in order", () => {
    const r = createRedactor(scope);
    for (const [input, output] of cases) expect(r.redactLine(input)).toBe(output);
    expect(r.summary()).toEqual({
      lines: 9,
      redactions: { secret: 0, "other-account": 4, "personal-data": 15, system: 1 },
    });
  });
});

describe("redaction fast paths: acting user read in the member loop (recorded outputs)", () => {
  // With personal data disclosed, an IP stays only under an owned acting user (first present key).
  const cases: [string, string][] = [
["{\"meta.user\":\"alice\",\"ip\":\"1.2.3.5\",\"user\":[\"x\"],\"username\":\"mallory\"}","{\"meta.user\":\"alice\",\"ip\":\"[REDACTED:ip]\",\"user\":[\"[user-1]\"],\"username\":\"[user-2]\"}"],
    ["{\"x\":{\"user\":\"alice\"},\"ip\":\"1.2.3.6\",\"author_name\":\"alice\",\"user_name\":\"eve\"}","{\"x\":{\"user\":\"alice\"},\"ip\":\"[REDACTED:ip]\",\"author_name\":\"alice\",\"user_name\":\"[user-3]\"}"],
    ["{\"args\":[\"1.2.3.7\"],\"user\":\"bob\",\"a\":[\"8.8.8.8\",\"10.0.0.1\"]}","{\"args\":[\"1.2.3.7\"],\"user\":\"bob\",\"a\":[\"8.8.8.8\",\"[REDACTED:system]\"]}"],
  ];
  it("redacts every case as before, in order", () => {
    const r = createRedactor({ ...scope, disclosePersonalData: true });
    for (const [input, output] of cases) expect(r.redactLine(input)).toBe(output);
    expect(r.summary()).toEqual({
      lines: 3,
      redactions: { secret: 0, "other-account": 3, "personal-data": 2, system: 1 },
    });
  });
});

describe("redaction fast paths: keys guessed from the previous line's order (recorded outputs)", () => {
  // The key that followed last time is compared in place first; a near miss (longer, shorter,
  // escaped, other case) must be read as itself.
  const cases: [string, string][] = [
["{\"a\":\"x\",\"user\":\"mallory\",\"ip\":\"8.8.8.8\"}","{\"a\":\"x\",\"user\":\"[user-1]\",\"ip\":\"[REDACTED:ip]\"}"],
    ["{\"a\":\"x\",\"user\":\"mallory\",\"ip\":\"8.8.8.8\"}","{\"a\":\"x\",\"user\":\"[user-1]\",\"ip\":\"[REDACTED:ip]\"}"],
    ["{\"a\":\"x\",\"usex\":\"mallory\",\"ip\":\"8.8.8.8\"}","{\"a\":\"x\",\"usex\":\"mallory\",\"ip\":\"[REDACTED:ip]\"}"],
    ["{\"a\":\"x\",\"username\":\"eve\",\"ip\":\"8.8.8.8\"}","{\"a\":\"x\",\"username\":\"[user-2]\",\"ip\":\"[REDACTED:ip]\"}"],
    ["{\"a\":\"x\",\"use\":\"eve\",\"ip\":\"8.8.8.8\"}","{\"a\":\"x\",\"use\":\"eve\",\"ip\":\"[REDACTED:ip]\"}"],
    ["{\"a\":\"x\",\"us\\u0065r\":\"eve\",\"ip\":\"8.8.8.8\"}","{\"a\":\"x\",\"us\\u0065r\":\"[user-2]\",\"ip\":\"[REDACTED:ip]\"}"],
    ["{\"a\":\"x\",\"user\":\"eve\",\"token\":\"t\",\"tokens\":\"u\"}","{\"a\":\"x\",\"user\":\"[user-2]\",\"token\":\"[REDACTED:secret]\",\"tokens\":\"u\"}"],
    ["{\"a\":\"x\",\"user\":\"eve\",\"token\":\"t\",\"token\\\"\":\"u\"}","{\"a\":\"x\",\"user\":\"[user-2]\",\"token\":\"[REDACTED:secret]\",\"token\\\"\":\"u\"}"],
    ["{\"a\":\"x\",\"user\":{\"a\":\"y\",\"user\":\"zed\"},\"token\":\"t\"}","{\"a\":\"x\",\"user\":{\"a\":\"y\",\"user\":\"[user-3]\"},\"token\":\"[REDACTED:secret]\"}"],
    ["{\"a\":\"x\",\"User\":\"eve\",\"TOKEN\":\"t\"}","{\"a\":\"x\",\"User\":\"[user-2]\",\"TOKEN\":\"[REDACTED:secret]\"}"],
    ["{\"a\":\"x\",\"user\":\"eve\",\"token\":\"t\"}","{\"a\":\"x\",\"user\":\"[user-2]\",\"token\":\"[REDACTED:secret]\"}"],
  ];
  it("redacts every case as before, in order", () => {
    const r = createRedactor(scope);
    for (const [input, output] of cases) expect(r.redactLine(input)).toBe(output);
    expect(r.summary()).toEqual({
      lines: 11,
      redactions: { secret: 5, "other-account": 9, "personal-data": 6, system: 0 },
    });
  });
});

describe("redaction fast paths stay linear", () => {
  const MB = 1 << 20;
  const hostile: [string, string][] = [
    ["digits before one dot", "9".repeat(MB) + "."],
    ["dots and digits", "1.".repeat(MB / 2)],
    ["colons", "a:".repeat(MB / 2)],
    ["hex and colons", "f:".repeat(MB / 2)],
    ["slashes", "x/".repeat(MB / 2)],
    ["host characters before a dot", "a".repeat(MB) + ".internal"],
    ["keys before separators", "password".repeat(MB / 16) + "=" + "user:".repeat(MB / 10)],
    ["escaped JSON string", '{"a":"' + '\\"'.repeat(MB / 4) + '"}'],
    ["many JSON keys", "{" + Array.from({ length: MB / 16 }, (_, i) => `"k${i % 977}":"1.2.3.4"`).join(",") + "}"],
  ];
  for (const [name, line] of hostile) {
    it(`${name}: under 500 ms`, () => {
      const r = createRedactor(scope);
      const t0 = performance.now();
      r.redactLine(line);
      expect(performance.now() - t0).toBeLessThan(500);
    });
  }
});

describe("detached (what the redactor remembers across lines keeps no chunk alive)", () => {
  it("is an exact copy, lone surrogates and all", () => {
    for (const s of ["short", "a".repeat(40), "\ud800x\udc00" + "é".repeat(20) + "\u0000\"'\\", "k".repeat(13)]) {
      expect(detached(s)).toBe(s);
    }
  });
});

describe("redaction fast paths: ISO timestamps are skipped, nothing else is", () => {
  it.each([
    ['{"time":"2026-11-20T10:15:00.123Z"}', '{"time":"2026-11-20T10:15:00.123Z"}'],
    ['{"time":"2026-11-20 10:15:00+01:00","t":"2026-11-20"}', '{"time":"2026-11-20 10:15:00+01:00","t":"2026-11-20"}'],
    ['{"time":"2026-11-20T10:15:00Z 10.0.0.1"}', '{"time":"2026-11-20T10:15:00Z [REDACTED:system]"}'],
    ['{"time":"2026-11-20T10:15:00Zglpat-abc"}', '{"time":"2026-11-20T10:15:00Z[REDACTED:secret]"}'],
    ['{"user":"2026-11-20T10:15:00Z"}', '{"user":"[user-1]"}'],
    ['{"t":"1.2.3.4"}', '{"t":"[REDACTED:ip]"}'],
  ])("%s", (input, output) => {
    expect(createRedactor(scope).redactLine(input)).toBe(output);
  });
});
