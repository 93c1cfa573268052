// npm run leak-report [-- --seed N] [--examples K]
//
// Runs the leak corpus (bench/leak-corpus.ts) through createRedactor (lib/redaction) with the
// scope and settings it was generated for, with disclosePersonalData false and true, and prints:
// - recall (planted must-go identifiers gone) and preservation (planted must-stay identifiers
//   kept) for the named set (positions contract section 2 names), by label and by position;
// - the same for the unnamed set (documented log forms the contract does not name), by form;
// - up to K (default 3) examples, before and after, of every form that leaks or loses, in both
//   sets, each unnamed form with the documentation page it comes from.
// Never fails on a figure: it is a report (tests/unit/redaction-leak-corpus.test.ts asserts).
import { createRedactor } from "../lib/redaction";
import { byLabel, byPosition, corpusScope, DEMO_CORPUS_OPTIONS, describeFailures, formatTable, leakCorpus, runCorpus, tally } from "./leak-corpus";

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isInteger(v) || v < 0) {
    console.error(`${name} needs a whole number`);
    process.exit(2);
  }
  return v;
}

const opts = { ...DEMO_CORPUS_OPTIONS, seed: option("--seed", DEMO_CORPUS_OPTIONS.seed) };
const examples = option("--examples", 3);
const corpus = leakCorpus(opts);
const plants = corpus.reduce((n, l) => n + l.plants.length, 0);
console.log(
  `Leak corpus: ${corpus.length} lines (${corpus.filter((l) => l.set === "named").length} named, ${corpus.filter((l) => l.set === "unnamed").length} unnamed), ${plants} planted identifiers, seed ${opts.seed}; ` +
    `owned: Acme; internal hosts ${opts.internalHosts.join(", ")}; product hosts ${opts.productHosts.join(", ")}`,
);

for (const disclose of [false, true]) {
  const run = runCorpus(corpus, createRedactor(corpusScope(opts, disclose)), disclose);
  const named = run.outcomes.filter((o) => o.set === "named");
  const unnamed = run.outcomes.filter((o) => o.set === "unnamed");
  console.log(`\n==== disclosePersonalData ${disclose} ====`);
  console.log(formatTable("\nNamed set, by label", tally(named, byLabel)));
  console.log(formatTable("\nNamed set, by position", tally(named, byPosition)));
  console.log(formatTable("\nUnnamed set, by label", tally(unnamed, byLabel)));
  console.log(formatTable("\nUnnamed set, by form", tally(unnamed, byPosition)));
  const namedFailures = describeFailures(named, examples);
  console.log(`\nNamed set: what leaks or is lost${namedFailures ? `:\n${namedFailures}` : ": nothing"}`);
  const unnamedFailures = describeFailures(unnamed, examples);
  console.log(`\nUnnamed set: what leaks or is lost${unnamedFailures ? `:\n${unnamedFailures}` : ": nothing"}`);
}
