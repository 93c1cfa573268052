// bench/log-generator.ts: deterministic for a seed, valid lines, the requested shares of other
// accounts and of out-of-window timestamps, and writeLogFile's size.
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  DEMO_GENERATOR_OPTIONS as DEMO,
  lineTime,
  logLines,
  MAX_LINE_BYTES,
  writeLogFile,
  type GeneratorOptions,
} from "@/bench/log-generator";

function take(opts: GeneratorOptions, n: number): string[] {
  const out: string[] = [];
  for (const line of logLines(opts)) {
    out.push(line);
    if (out.length >= n) break;
  }
  return out;
}

const N = 20_000;
const demo = take(DEMO, N);
const names = (line: string, projects: string[]) => projects.some((p) => line.includes(p) || line.includes(encodeURIComponent(p)));
const share = (lines: string[], pred: (l: string) => boolean) => lines.filter(pred).length / lines.length;

describe("logLines", () => {
  it("is deterministic for a seed and differs across seeds", () => {
    expect(take(DEMO, 2000)).toEqual(demo.slice(0, 2000));
    const other = take({ ...DEMO, seed: 43 }, 2000);
    expect(other).not.toEqual(demo.slice(0, 2000));
  });

  it("writes valid lines: JSON lines parse to objects, no NUL or newline, valid UTF-8, under 64 KB", () => {
    for (const line of demo) {
      expect(line).not.toMatch(/[\0\n\r]/);
      const bytes = Buffer.from(line, "utf8");
      expect(bytes.length).toBeLessThanOrEqual(MAX_LINE_BYTES);
      expect(bytes.toString("utf8")).toBe(line); // no lone surrogates
      if (line.startsWith("{")) {
        const o = JSON.parse(line);
        expect(typeof o).toBe("object");
        expect(Array.isArray(o)).toBe(false);
      }
    }
  });

  it("mixes ~70% NDJSON with text lines, and carries the realistic parts", () => {
    expect(share(demo, (l) => l.startsWith("{"))).toBeGreaterThan(0.65);
    expect(share(demo, (l) => l.startsWith("{"))).toBeLessThan(0.75);
    const all = demo.join("\n");
    for (const needle of [
      '"meta.user"',
      '"meta.project"',
      '"correlation_id"',
      '"remote_ip"',
      '"key":"private_token","value":"glpat-',
      '"exception.backtrace":[',
      '"author_name"',
      '"entity_path"',
      '"target_details"',
      '"event_name"',
      "Authorization: Bearer ",
      "project_path=acme/",
      ".internal",
      ".corp.example",
      "alice@acme.example",
    ]) {
      expect(all, needle).toContain(needle);
    }
    // user_id: a bare 20-digit JSON number.
    expect(all).toMatch(/"user_id":[1-9]\d{19}[,}]/);
    // Long messages of 2-20 KB, occasionally.
    const long = demo.filter((l) => l.length > 2048 && l.includes('"message":"'));
    expect(long.length).toBeGreaterThan(N * 0.005);
    expect(long.length).toBeLessThan(N * 0.03);
  });

  it("names another account's project on about otherProjectShare of the lines, an owned one on the rest", () => {
    const others = share(demo, (l) => names(l, DEMO.others.projects));
    expect(others).toBeGreaterThan(0.04);
    expect(others).toBeLessThan(0.06);
    expect(share(demo, (l) => names(l, DEMO.owned.projects) || names(l, DEMO.others.projects))).toBe(1);
    // Other identifiers (users, emails) appear only on those lines.
    const otherIds = [...DEMO.others.users.map((u) => `user=${u}`), ...DEMO.others.emails];
    for (const l of demo) if (otherIds.some((id) => l.includes(id))) expect(names(l, DEMO.others.projects)).toBe(true);
    expect(share(demo, (l) => l.includes("mallory"))).toBeGreaterThan(0.01);

    const heavy = take({ ...DEMO, otherProjectShare: 0.3 }, 10_000);
    const s = share(heavy, (l) => names(l, DEMO.others.projects));
    expect(s).toBeGreaterThan(0.27);
    expect(s).toBeLessThan(0.33);
    expect(take({ ...DEMO, otherProjectShare: 0 }, 5000).some((l) => names(l, DEMO.others.projects))).toBe(false);
  });

  it("stamps every line inside the window unless outsideWindowShare says otherwise", () => {
    const from = DEMO.from.getTime();
    const to = DEMO.to.getTime();
    const inside = (l: string) => {
      const t = lineTime(l);
      expect(t, l.slice(0, 200)).not.toBeNull();
      return t!.getTime() >= from && t!.getTime() <= to;
    };
    expect(share(demo, inside)).toBe(1);
    // The clock wraps inside the window: a short spread covers it several times.
    expect(share(take({ ...DEMO, spreadLines: 1000 }, 5000), inside)).toBe(1);

    const mixed = take({ ...DEMO, outsideWindowShare: 0.2 }, 10_000);
    const out = 1 - share(mixed, inside);
    expect(out).toBeGreaterThan(0.17);
    expect(out).toBeLessThan(0.23);
  });
});

describe("writeLogFile", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "logdesk-gen-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes the requested size, stopping at the first line that reaches it", async () => {
    const file = path.join(dir, "one-mb.log");
    const want = 1024 * 1024;
    const res = await writeLogFile(file, want, DEMO);
    expect(statSync(file).size).toBe(res.bytes);
    expect(res.bytes).toBeGreaterThanOrEqual(want);
    const text = readFileSync(file, "utf8");
    expect(text.endsWith("\n")).toBe(true);
    const lines = text.slice(0, -1).split("\n");
    expect(lines.length).toBe(res.lines);
    // The same lines as the generator, and without the last one the file would be short.
    expect(lines).toEqual(take(DEMO, res.lines));
    expect(res.bytes - Buffer.byteLength(lines[lines.length - 1]) - 1).toBeLessThan(want);
  });

  it("writes an empty file for 0 bytes", async () => {
    const file = path.join(dir, "empty.log");
    expect(await writeLogFile(file, 0, DEMO)).toEqual({ lines: 0, bytes: 0 });
    expect(statSync(file).size).toBe(0);
  });
});
