// bench/log-generator.ts: deterministic for a seed, valid lines, the requested shares of other
// accounts and of out-of-window timestamps, and writeLogFile's size and planted groups.
// bench/leak-corpus.ts: deterministic, every named position planted in JSON and text lines, and
// labels consistent with the lines (an ideal redactor that removes exactly the must-go
// identifiers scores 100%).
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  DEMO_GENERATOR_OPTIONS as DEMO,
  lineTime,
  logLines,
  MAX_LINE_BYTES,
  plantTime,
  writeLogFile,
  type GeneratorOptions,
} from "@/bench/log-generator";
import {
  buildLabels,
  DEMO_CORPUS_OPTIONS as CORPUS,
  isMustGo,
  labelFor,
  leakCorpus,
  leakRecords,
  MUST_GO_LABELS,
  MUST_STAY_LABELS,
  NAMED_POSITIONS,
  occurrences,
  REPLACEMENT_SAMPLES,
  requiredCount,
  runCorpus,
  tally,
  withinCaseScope,
  type CorpusLine,
} from "@/bench/leak-corpus";
import type { Redactor } from "@/lib/redaction";

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

/**
 * The redactor the labels describe: each must-go identifier of a line replaced, nothing else.
 * Lines come in corpus order, as runCorpus feeds them.
 */
function idealRedactor(corpus: readonly CorpusLine[], disclose: boolean): Redactor {
  let i = 0;
  return {
    redactLine(line: string) {
      const cl = corpus[i++];
      expect(cl.line).toBe(line);
      const go = [...new Set(cl.plants.filter((p) => isMustGo(labelFor(p, disclose))).map((p) => p.id))].sort((a, b) => b.length - a.length);
      let out = line;
      for (const id of go) out = out.split(id).join("[X]");
      return out;
    },
    summary: () => ({ lines: i, redactions: { secret: 0, system: 0, "other-account": 0, "personal-data": 0 } }),
  };
}

describe("leakCorpus", () => {
  const corpus = leakCorpus(CORPUS);
  const named = corpus.filter((l) => l.set === "named");
  const unnamed = corpus.filter((l) => l.set === "unnamed");

  it("is deterministic for a seed and differs across seeds", () => {
    expect(leakCorpus(CORPUS)).toEqual(corpus);
    const other = leakCorpus({ ...CORPUS, seed: CORPUS.seed + 1 });
    expect(other.map((l) => l.line)).not.toEqual(corpus.map((l) => l.line));
    // Same forms, same positions: only the identifiers differ.
    expect(other.map((l) => `${l.set}/${l.format}/${l.plants.map((p) => `${p.position}:${p.label}`).join(",")}`)).toEqual(
      corpus.map((l) => `${l.set}/${l.format}/${l.plants.map((p) => `${p.position}:${p.label}`).join(",")}`),
    );
  });

  it("plants every position contract section 2 names in the line formats it declares, and every label", () => {
    for (const [position, formats] of Object.entries(NAMED_POSITIONS)) {
      for (const format of formats) {
        expect(named.some((l) => l.format === format && l.plants.some((p) => p.position === position)), `${position} in a ${format} line`).toBe(true);
      }
    }
    const planted = new Set(named.flatMap((l) => l.plants.map((p) => p.position)));
    expect([...planted].filter((p) => !(p in NAMED_POSITIONS)), "positions planted but not declared").toEqual([]);
    for (const label of [...MUST_GO_LABELS, ...MUST_STAY_LABELS]) {
      expect(named.some((l) => l.plants.some((p) => p.label === label || p.disclosed === label)), label).toBe(true);
    }
    // Both settings of disclosePersonalData differ somewhere: owned emails, IPs of owned acting users.
    expect(named.flatMap((l) => l.plants).filter((p) => p.disclosed !== undefined && p.disclosed !== p.label).length).toBeGreaterThan(5);
    expect(named.length).toBeGreaterThan(60);
    expect(named.reduce((n, l) => n + l.plants.length, 0)).toBeGreaterThan(400);
  });

  it("writes valid lines: JSON lines parse to objects, text lines are not JSON objects, none holds a newline", () => {
    for (const l of corpus) {
      expect(l.line).not.toMatch(/[\0\n\r]/);
      if (l.format === "json") {
        const o = JSON.parse(l.line);
        expect(typeof o === "object" && o !== null && !Array.isArray(o), l.line).toBe(true);
      } else {
        expect(l.line.trimStart().startsWith("{"), l.line).toBe(false);
      }
    }
  });

  it("keeps labels consistent with the lines", () => {
    for (const l of corpus) {
      for (const p of l.plants) {
        expect(occurrences(l.line, p.id), `${p.position}/${p.form}: ${p.id} in ${l.line}`).toBeGreaterThan(0);
        for (const disclose of [false, true]) {
          const label = labelFor(p, disclose);
          if (isMustGo(label)) {
            // A must-go id is never inside a replacement text, nor inside a must-stay id of its line.
            for (const r of REPLACEMENT_SAMPLES) expect(r.includes(p.id), `${p.id} in ${r}`).toBe(false);
            for (const q of l.plants) if (!isMustGo(labelFor(q, disclose))) expect(q.id.includes(p.id), `${p.id} inside must-stay ${q.id}`).toBe(false);
          } else {
            // A must-stay id is in the line at least once outside the must-go ids.
            expect(requiredCount(l.line, p.id, l.plants, disclose), `${p.id} only inside must-go ids of ${l.line}`).toBeGreaterThan(0);
          }
        }
      }
    }
  });

  it("never labels one identifier must-go and must-stay in one setting, nor puts a must-go id inside a must-stay one, across the corpus", () => {
    for (const disclose of [false, true]) {
      const go = new Set<string>();
      const stay = new Set<string>();
      for (const l of named) for (const p of l.plants) (isMustGo(labelFor(p, disclose)) ? go : stay).add(p.id);
      expect([...go].filter((id) => stay.has(id))).toEqual([]);
      const inside = [...go].filter((g) => [...stay].some((s) => s.includes(g)));
      expect(inside, `must-go ids inside must-stay ids (disclosePersonalData ${disclose})`).toEqual([]);
    }
  });

  it("is scored 100% recall and 100% preservation by a redactor that removes exactly the must-go identifiers", () => {
    for (const disclose of [false, true]) {
      const run = runCorpus(corpus, idealRedactor(corpus, disclose), disclose);
      const bad = run.outcomes.filter((o) => !o.ok).map((o) => `${o.plant.position}/${o.plant.form}: ${o.plant.id}`);
      expect(bad, `disclosePersonalData ${disclose}`).toEqual([]);
      const rows = tally(run.outcomes, (o) => o.set);
      expect(rows.map((r) => [r.key, r.recall, r.preservation])).toEqual([
        ["named", 1, 1],
        ["unnamed", 1, 1],
      ]);
    }
  });

  it("names a group or project as a resource for every path planted, lower case and decoded", () => {
    for (const l of corpus) {
      for (const r of l.resources) {
        expect(r).toBe(r.toLowerCase());
        expect(r).not.toMatch(/%2f/i);
      }
    }
    const otherPaths = named.flatMap((l) => l.plants.filter((p) => p.label === "other-account" && /^[a-z][\w.-]*\/[\w./-]+$/i.test(p.id)).map((p) => [p.id, l] as const));
    expect(otherPaths.length).toBeGreaterThan(30);
    for (const [id, l] of otherPaths) expect(l.resources, id).toContain(id.toLowerCase());
  });

  it("copies every unnamed form from a documented log format and cites it", () => {
    expect(unnamed.length).toBeGreaterThan(15);
    for (const l of unnamed) expect(l.source, l.line).toMatch(/^https:\/\//);
    expect(new Set(unnamed.flatMap((l) => l.plants.map((p) => p.position))).size).toBeGreaterThan(15);
  });

  it("stamps each record with the time it is given, and keeps the sets apart", () => {
    const from = new Date("2026-11-01T00:00:00Z");
    const to = new Date("2026-11-11T00:00:00Z");
    const records = leakRecords({ ...CORPUS, from, to, sets: ["named"] }, (i, n) => plantTime(i, n, from, to));
    expect(records.every((r) => r.set === "named")).toBe(true);
    records.forEach((r, i) => {
      const t = plantTime(i, records.length, from, to).getTime();
      for (const l of r.lines) {
        const when = lineTime(l.line);
        if (when === null) continue; // PEM body and END lines carry no time
        expect(Math.abs(when.getTime() - t), l.line).toBeLessThan(1000);
      }
    });
    expect(records.filter((r) => r.lines.some((l) => lineTime(l.line) === null)).map((r) => r.position)).toEqual(["pem-block"]);
  });
});

describe("writeLogFile with planted groups and their labels", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "logdesk-plant-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const from = new Date("2026-11-01T00:00:00Z");
  const to = new Date("2026-11-10T00:00:00Z");
  const records = leakRecords({ ...CORPUS, from, to, sets: ["named"] }, (i, n) => plantTime(i, n, from, to));
  const gen: GeneratorOptions = { ...DEMO, from, to, otherProjectShare: 0, spreadLines: 600 };

  it("places every group, spread through the file, at the line numbers it reports, inside the window", async () => {
    const file = path.join(dir, "planted.ndjson");
    const res = await writeLogFile(file, 512 * 1024, gen, { count: records.length, lines: (i) => records[i].lines.map((l) => l.line) });
    const lines = readFileSync(file, "utf8").slice(0, -1).split("\n");
    expect(lines.length).toBe(res.lines);
    expect(res.planted.map((p) => p.index)).toEqual(records.map((_, i) => i));
    for (const p of res.planted) expect(lines.slice(p.line - 1, p.line - 1 + p.lines)).toEqual(records[p.index].lines.map((l) => l.line));
    // Spread: the first group in the first tenth of the file, the last in the last tenth.
    expect(res.planted[0].line).toBeLessThan(res.lines / 10);
    expect(res.planted[res.planted.length - 1].line).toBeGreaterThan(res.lines * 0.85);
    // The bulk between them is the generator's, in order.
    const plantedNos = new Set(res.planted.flatMap((p) => Array.from({ length: p.lines }, (_, k) => p.line + k)));
    const bulk = lines.filter((_, i) => !plantedNos.has(i + 1));
    expect(bulk).toEqual(take(gen, bulk.length));
    for (const p of res.planted) {
      const t = lineTime(lines[p.line - 1])!;
      expect(t.getTime()).toBeGreaterThan(from.getTime());
      expect(t.getTime()).toBeLessThan(to.getTime());
    }
  });

  it("writes every group even when the size is reached first", async () => {
    const file = path.join(dir, "tiny.ndjson");
    const res = await writeLogFile(file, 1, gen, { count: records.length, lines: (i) => records[i].lines.map((l) => l.line) });
    expect(res.planted.length).toBe(records.length);
    expect(res.lines).toBe(1 + records.reduce((n, r) => n + r.lines.length, 0));
  });

  it("labels each planted identifier at its line, with the lines outside the case scope and what a released file must hold", async () => {
    const file = path.join(dir, "labelled.ndjson");
    const res = await writeLogFile(file, 256 * 1024, gen, { count: records.length, lines: (i) => records[i].lines.map((l) => l.line) });
    const lines = readFileSync(file, "utf8").slice(0, -1).split("\n");
    const labels = buildLabels(records, res.planted, { file: "labelled.ndjson", seed: CORPUS.seed, totalLines: res.lines, from, to, opts: CORPUS });
    expect(labels.case.resources).toEqual(["acme/infra/api"]);
    expect(labels.planted.length).toBe(records.reduce((n, r) => n + r.lines.reduce((m, l) => m + l.plants.length, 0), 0));
    for (const p of labels.planted) expect(lines[p.line - 1], p.id).toContain(p.id);
    const info = new Map(labels.plantedLines.map((l) => [l.line, l]));
    for (const l of labels.plantedLines) {
      expect(l.outsideCaseScope).toBe(l.resources.some((r) => !withinCaseScope(r, ["acme/infra/api"])));
    }
    // Lines naming only other accounts are outside the scope; Acme's other projects are too.
    expect(labels.plantedLines.filter((l) => l.onlyOtherAccounts).every((l) => l.outsideCaseScope || l.resources.length === 0)).toBe(true);
    expect(labels.plantedLines.some((l) => l.resources.includes("acme/web/storefront") && l.outsideCaseScope)).toBe(true);
    expect(withinCaseScope("acme", ["acme/infra/api"])).toBe(true);
    expect(withinCaseScope("acme/infra/api/issues", ["acme/infra/api"])).toBe(true);
    expect(withinCaseScope("acme-x/robots", ["acme/infra/api"])).toBe(false);
    for (const setting of ["disclosePersonalData=false", "disclosePersonalData=true"] as const) {
      const e = labels.expect[setting];
      expect(e.mustGo.length).toBeGreaterThan(150);
      expect(e.mustGo.filter((id) => e.mustStay.includes(id))).toEqual([]);
      expect(e.mustStayWhenOutsideScopeDropped.every((id) => e.mustStay.includes(id))).toBe(true);
      // Kept when dropping: the id is on at least one line inside the scope.
      for (const id of e.mustStayWhenOutsideScopeDropped) {
        expect(labels.planted.some((p) => p.id === id && !info.get(p.line)!.outsideCaseScope)).toBe(true);
      }
    }
    expect(labels.expect["disclosePersonalData=false"].mustGo).toContain("alice@acme.example");
    expect(labels.expect["disclosePersonalData=true"].mustStay).toContain("alice@acme.example");
  });
});
