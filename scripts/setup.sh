#!/usr/bin/env bash
# Installs what Logdesk needs to build and run, when it is missing or stale:
# npm packages (from package-lock.json) and the generated Prisma client.
# Safe to run again: it does nothing when everything is current.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

need_major=20; need_minor=19
ver=$(node -p 'process.versions.node' 2>/dev/null || echo 0.0.0)
major=${ver%%.*}; rest=${ver#*.}; minor=${rest%%.*}
if [ "$major" -lt "$need_major" ] || { [ "$major" -eq "$need_major" ] && [ "$minor" -lt "$need_minor" ]; }; then
  echo "Logdesk needs Node.js >= ${need_major}.${need_minor} (found ${ver})." >&2
  exit 1
fi

# Install exactly what package-lock.json says (`npm ci`) when node_modules is
# missing or older than the lock. The lock holds every platform's optional
# builds (SWC, Tailwind's oxide), so it is complete on any machine and `npm ci`
# never rewrites it. Dependencies' install scripts are decided in package.json
# (`allowScripts`): none of the three that have one is needed here.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "==> Installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --prefer-offline
fi

# Prisma's generator needs no engine download; the stand-in path stops the CLI from trying.
if [ ! -f generated/prisma/client.ts ] || [ prisma/schema.prisma -nt generated/prisma/client.ts ]; then
  echo "==> Generating the Prisma client"
  PRISMA_SCHEMA_ENGINE_BINARY=/bin/true npx --no-install prisma generate >/dev/null
fi
