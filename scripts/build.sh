#!/usr/bin/env bash
# `next build`, skipped when nothing that goes into the build changed since the last one.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
stamp=.next/logdesk-source-hash
hash=$( (git ls-files -z -- app components lib prisma public next.config.mjs postcss.config.mjs package-lock.json tsconfig.json 2>/dev/null \
          | xargs -0 sha256sum 2>/dev/null; git status --porcelain -- app components lib prisma public 2>/dev/null) | sha256sum | cut -d' ' -f1)
if [ -f .next/BUILD_ID ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$hash" ]; then
  exit 0
fi
echo "==> Building the portal (next build)"
npx --no-install next build
echo "$hash" > "$stamp"
