#!/usr/bin/env bash
# npm start: installs what is missing, builds, and starts Logdesk on http://localhost:${PORT:-3000}
# with the embedded database in ./data (or PostgreSQL when DATABASE_URL is set).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
export NODE_ENV=production NEXT_TELEMETRY_DISABLED=1
exec node --import tsx --import ./scripts/register.mjs server.ts
