// npm run sample-extract -- [file] [--mb N] [--days D]
// Writes a realistic log extract for the demo account Acme (acme/infra/api), timestamped over the
// last D days (default 9), to try the artefact flow: file a request for acme/infra/api covering
// that window, then upload the file as SIRT. Lines name other accounts, secrets, internal hosts,
// IPs and emails, so the redaction has work to do.
import path from "node:path";
import { DEMO_GENERATOR_OPTIONS, writeLogFile } from "../bench/log-generator";
import { DEMO_ACCOUNTS } from "../lib/demo/data";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const v = i > 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) {
    console.error(`${name} needs a positive number`);
    process.exit(2);
  }
  return v;
}

const positional = process.argv.slice(2).filter((a, i, all) => !a.startsWith("--") && !all[i - 1]?.startsWith("--"));
const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), positional[0] ?? "sample-extract.ndjson");
const mb = arg("--mb", 5);
const days = arg("--days", 9);
const acme = DEMO_ACCOUNTS.find((a) => a.slug === "acme")!;
const of = (kind: string) => acme.resources.filter((r) => r.kind === kind).map((r) => r.path);
const to = new Date(Date.now() - 3_600_000);
const from = new Date(to.getTime() - days * 86_400_000);

const written = await writeLogFile(file, mb * 1024 * 1024, {
  ...DEMO_GENERATOR_OPTIONS,
  seed: Date.now() % 100_000,
  owned: { groups: of("group"), projects: ["acme/infra/api"], users: of("user"), emails: acme.resources.filter((r) => r.email).map((r) => r.email!) },
  from,
  to,
  outsideWindowShare: 0.02,
});
console.log(`wrote ${file}: ${written.lines.toLocaleString("en")} lines, ${(written.bytes / 1024 / 1024).toFixed(1)} MB, ${from.toISOString()} to ${to.toISOString()}`);
