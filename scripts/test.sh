#!/usr/bin/env bash
# npm test: every test. Installs what is missing, then runs
#   1. type check, lint (ESLint), unit tests and integration tests on PGlite in memory,
#   2. the same integration tests on a real PostgreSQL server, and the crash test's short run
#      (10 SIGKILLs of the production server on a fresh PostgreSQL database; npm run crash-test),
#      and the several-instances test (two production servers on one PostgreSQL; npm run instances-test),
#   3. browser tests in Chromium against a production build.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
# What the checkout looks like before the run (a developer may have local
# changes); the last step fails if the run itself changed a tracked file.
tracked_state() {
  git status --porcelain --untracked-files=no | cut -c4- | while read -r f; do
    echo "$f $(git hash-object "$f" 2>/dev/null || echo deleted)"
  done
}
in_git=""; git rev-parse --is-inside-work-tree >/dev/null 2>&1 && in_git=1
before=""; [ -z "$in_git" ] || before=$(tracked_state)

bash scripts/setup.sh

results=tmp/test-results
rm -rf "$results" && mkdir -p "$results"

echo "==> Type check"
npx --no-install tsc --noEmit -p .
echo "==> Lint (ESLint)"
# Cached in node_modules/.cache/eslint (by content): a warm run takes seconds, a cold one about 20 s.
npm run --silent lint
echo "==> Unit and integration tests (PGlite)"
npx --no-install vitest run --reporter=default --reporter=json --outputFile.json="$results/vitest-pglite.json"
echo "==> Integration tests (PostgreSQL)"
bash scripts/test-postgres.sh --reporter=default --reporter=json --outputFile.json="$results/vitest-postgres.json"
echo "==> Crash test (10 kills, PostgreSQL)"
# Fails when a kill loses an acknowledged write, leaves a broken artefact, a temp file or a stuck job (decision 0016).
npm run --silent crash-test -- --kills 10 --db postgres --seed 14
echo "==> Crash test (3 kills, PostgreSQL, blobs in S3 on an s3rver)"
# The same checks with BLOB_STORE_URL (issue 15): no blob half-stored at its content address, no temp left.
npm run --silent crash-test -- --kills 3 --db postgres --seed 15 --blobs s3
echo "==> Several instances (two servers on one PostgreSQL, one killed mid-redaction)"
# Fails when a job runs twice, a session or a file is seen by one instance only, or the kill loses or half-stores a redaction (scripts/instances-test.ts).
npm run --silent instances-test
echo "==> Browser tests (Playwright + Chromium)"
PLAYWRIGHT_JSON_OUTPUT_NAME="$results/playwright.json" bash scripts/test-e2e.sh

# Last: the run must leave the checkout as it found it (no rewritten lock,
# no generated file over a committed one).
if [ -n "$in_git" ]; then
  after=$(tracked_state)
  if [ "$before" != "$after" ]; then
    echo "npm test changed tracked files (no test or install step may write them):" >&2
    diff <(echo "$before") <(echo "$after") | sed -n 's/^[<>] \(.*\) [^ ]*$/  \1/p' | sort -u >&2
    exit 1
  fi
fi
echo "==> All tests passed"
node scripts/summarize-results.mjs "$results"

