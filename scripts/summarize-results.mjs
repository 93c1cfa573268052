// Prints one closing line for `npm test`: every test counted across the
// vitest (PGlite and PostgreSQL) and Playwright runs, from their JSON reports.
import { existsSync, readFileSync } from "node:fs";

const dir = process.argv[2] ?? "tmp/test-results";
let passed = 0;
let failed = 0;
let skipped = 0;
const parts = [];
for (const name of ["vitest-pglite", "vitest-postgres"]) {
  const file = `${dir}/${name}.json`;
  if (!existsSync(file)) continue;
  const r = JSON.parse(readFileSync(file, "utf8"));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  parts.push(`${name}: ${r.numPassedTests} passed`);
}
const e2e = `${dir}/playwright.json`;
if (existsSync(e2e)) {
  const s = JSON.parse(readFileSync(e2e, "utf8")).stats;
  passed += s.expected + s.flaky;
  failed += s.unexpected;
  skipped += s.skipped;
  parts.push(`playwright: ${s.expected + s.flaky} passed${s.flaky ? ` (${s.flaky} after a retry)` : ""}`);
}
console.log(parts.join("; "));
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
