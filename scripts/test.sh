#!/usr/bin/env bash
# npm test: every test. Installs what is missing, then runs
#   1. type check, unit tests and integration tests on PGlite in memory,
#   2. the same integration tests on a real PostgreSQL server,
#   3. browser tests in Chromium against a production build.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
bash scripts/setup.sh

results=tmp/test-results
rm -rf "$results" && mkdir -p "$results"

echo "==> Type check"
npx --no-install tsc --noEmit -p .
echo "==> Unit and integration tests (PGlite)"
npx --no-install vitest run --reporter=default --reporter=json --outputFile.json="$results/vitest-pglite.json"
echo "==> Integration tests (PostgreSQL)"
bash scripts/test-postgres.sh --reporter=default --reporter=json --outputFile.json="$results/vitest-postgres.json"
echo "==> Browser tests (Playwright + Chromium)"
PLAYWRIGHT_JSON_OUTPUT_NAME="$results/playwright.json" bash scripts/test-e2e.sh
echo "==> All tests passed"
node scripts/summarize-results.mjs "$results"
