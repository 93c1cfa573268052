// npm run sample-extract -- [file] [--mb N] [--days D] [--labels labels.json] [--seed S] [--unnamed]
//
// Writes a realistic log extract for the demo account Acme, timestamped over the last D days
// (default 9) up to an hour ago, to try the artefact flow of the README: file a request for
// acme/infra/api covering the last 10 days (it goes to SIRT), then upload the file as SIRT.
//
// The file is the bulk mix of bench/log-generator.ts (application, audit and text lines naming
// Acme's acme/infra/api, its users and emails, tokens, internal hosts and IPs; about 2% of them
// stamped outside the window) with the labelled records of bench/leak-corpus.ts planted through
// it: every position contract section 2 names, in JSON and text lines, naming other demo accounts
// (globex, initech, the look-alike acme-x...) and Acme's resources outside the case, each planted
// identifier unique and labelled. Planted lines are stamped inside the window. The bulk names no
// other account, so everything about other accounts in the file is labelled.
//
// --labels <file.json> writes the ground truth (bench/leak-corpus.ts, LabelsFile): each planted
// identifier with its label (and its label when personal data is disclosed) and line number, each
// planted line with the resources it names and whether it lies outside the case scope, and the
// lists a test of the released file checks: mustGo (none may be in it), mustStay and
// mustStayWhenOutsideScopeDropped.
// --unnamed also plants the forms the contract does not name yet (reported by `npm run
// leak-report`); they leak by design, so they stay out of the default demo file.
// --seed S plants the same identifiers in the same lines (default: from the clock); the
// timestamps follow the clock.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { buildLabels, DEMO_CASE_RESOURCES, DEMO_CORPUS_OPTIONS, leakRecords, type CorpusSet } from "../bench/leak-corpus";
import { DEMO_GENERATOR_OPTIONS, plantTime, writeLogFile } from "../bench/log-generator";
import { DEMO_ACCOUNTS, DEMO_REDACTION_SETTINGS } from "../lib/demo/data";

const VALUE_OPTIONS = new Set(["--mb", "--days", "--labels", "--seed"]);
const FLAGS = new Set(["--unnamed"]);

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

for (const a of process.argv.slice(2)) {
  if (a.startsWith("--") && !VALUE_OPTIONS.has(a) && !FLAGS.has(a)) fail(`unknown option ${a}; options: ${[...VALUE_OPTIONS, ...FLAGS].join(", ")}`);
}

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  if (i < 0) return undefined;
  const v = process.argv[i + 1];
  if (v === undefined || v.startsWith("--")) fail(`${name} needs a value`);
  return v;
}

function positiveNumber(name: string, fallback: number): number {
  const raw = option(name);
  const v = raw === undefined ? fallback : Number(raw);
  if (!Number.isFinite(v) || v <= 0) fail(`${name} needs a positive number`);
  return v;
}

const base = process.env.INIT_CWD ?? process.cwd();
const positional = process.argv.slice(2).filter((a, i, all) => !a.startsWith("--") && !VALUE_OPTIONS.has(all[i - 1] ?? ""));
const file = path.resolve(base, positional[0] ?? "sample-extract.ndjson");
const mb = positiveNumber("--mb", 5);
const days = positiveNumber("--days", 9);
const labelsArg = option("--labels");
const seedArg = option("--seed");
const seed = seedArg === undefined ? Date.now() % 100_000 : Number(seedArg);
if (!Number.isInteger(seed) || seed < 0) fail("--seed needs a whole number");
const sets: CorpusSet[] = process.argv.includes("--unnamed") ? ["named", "unnamed"] : ["named"];

const acme = DEMO_ACCOUNTS.find((a) => a.slug === "acme")!;
const of = (kind: string) => acme.resources.filter((r) => r.kind === kind).map((r) => r.path);
const to = new Date(Date.now() - 3_600_000);
const from = new Date(to.getTime() - days * 86_400_000);
const bytes = mb * 1024 * 1024;

const records = leakRecords({ ...DEMO_CORPUS_OPTIONS, seed, from, to, sets }, (i, n) => plantTime(i, n, from, to));

// Our own systems under a suffix the demo settings do not list yet: what the residue review is
// for. They stay in the redacted file (nothing configured names them) until SIRT proposes the
// suffix from the residue, Admin accepts it in Settings, and the artefact is redacted again.
const UNCONFIGURED_SUFFIX = ".ops.denomas.example";
const unconfiguredHosts = [`gitaly-b7${UNCONFIGURED_SUFFIX}`, `redis-q3${UNCONFIGURED_SUFFIX}`, `web-a1${UNCONFIGURED_SUFFIX}`];
const unconfiguredLines = (): string[] => {
  const at = (k: number) => plantTime(k, 3, from, to).toISOString();
  return [
    JSON.stringify({ time: at(0), severity: "ERROR", correlation_id: "01JDX3F0Q9T3M5S8V2K6W4Y7ZB", "meta.project": "acme/infra/api", "meta.user": "alice", message: `Gitaly call failed: rpc error: code = Unavailable desc = connection refused to ${unconfiguredHosts[0]}:8075` }),
    `${at(1)} WARN Sidekiq::Client retrying push to ${unconfiguredHosts[1]}:6379 for acme/infra/api (attempt 2)`,
    JSON.stringify({ time: at(2), severity: "INFO", correlation_id: "01JDX3F4B7N2P8R5T1V9X3Z6CD", "meta.project": "acme/infra/api", upstream: `http://${unconfiguredHosts[2]}:8181/acme/infra/api/-/jobs/77`, status: 502 }),
  ];
};
const written = await writeLogFile(
  file,
  bytes,
  {
    ...DEMO_GENERATOR_OPTIONS,
    seed,
    owned: { groups: of("group"), projects: DEMO_CASE_RESOURCES, users: of("user"), emails: acme.resources.filter((r) => r.email).map((r) => r.email!) },
    internalHosts: DEMO_REDACTION_SETTINGS.internalHosts,
    from,
    to,
    outsideWindowShare: 0.02,
    // Other accounts appear only in the planted, labelled lines.
    otherProjectShare: 0,
    // The bulk's timestamps cross the window once over the file (about 940 bytes a line).
    spreadLines: Math.max(1000, Math.round(bytes / 940)),
  },
  { count: records.length + 1, lines: (i) => (i < records.length ? records[i].lines.map((l) => l.line) : unconfiguredLines()) },
);

const planted = written.planted.reduce((n, p) => n + p.lines, 0);
console.log(
  `wrote ${file}: ${written.lines.toLocaleString("en")} lines (${planted} planted: ${records.length} labelled records, ${sets.join(" + ")}), ${(written.bytes / 1024 / 1024).toFixed(1)} MB, ${from.toISOString()} to ${to.toISOString()}, seed ${seed}`,
);

if (labelsArg !== undefined) {
  const labelsFile = path.resolve(base, labelsArg);
  const labels = buildLabels(records, written.planted, {
    file: path.basename(file),
    seed,
    totalLines: written.lines,
    from,
    to,
    opts: DEMO_REDACTION_SETTINGS,
  });
  const first = written.planted.find((p) => p.index === records.length)!.line;
  labels.unconfiguredInternal = { suffix: UNCONFIGURED_SUFFIX, hosts: unconfiguredHosts, lines: [first, first + 1, first + 2] };
  writeFileSync(labelsFile, JSON.stringify(labels, null, 2) + "\n");
  const e = labels.expect["disclosePersonalData=false"];
  console.log(
    `wrote ${labelsFile}: ${labels.planted.length} planted identifiers on ${labels.plantedLines.length} lines (${labels.plantedLines.filter((l) => l.outsideCaseScope).length} outside the case scope); ${e.mustGo.length} must go, ${e.mustStay.length} must stay (${e.mustStayWhenOutsideScopeDropped.length} when lines outside the scope are dropped)`,
  );
}
