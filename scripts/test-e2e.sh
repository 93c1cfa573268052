#!/usr/bin/env bash
# Browser tests: one production build, then Playwright drives Debian's chromium
# against a server it starts on its own data folder.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-chromium.sh
bash scripts/build.sh
npx --no-install playwright test "$@"
