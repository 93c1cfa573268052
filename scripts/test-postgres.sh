#!/usr/bin/env bash
# Runs the integration suite against a real PostgreSQL server: a throw-away
# cluster in its own folder, on a free loopback port, stopped afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
bindir=$(bash scripts/ensure-postgres.sh)
pgdir=$(mktemp -d /tmp/logdesk-pg.XXXXXX)
port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres:postgres "$pgdir"   # initdb refuses to run as root
  as_pg=(runuser -u postgres --)
fi
cleanup() {
  "${as_pg[@]}" "$bindir/pg_ctl" -D "$pgdir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pgdir"
}
trap cleanup EXIT
"${as_pg[@]}" "$bindir/initdb" -D "$pgdir/data" -A trust -U postgres >/dev/null
"${as_pg[@]}" "$bindir/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w \
  -o "-p $port -k $pgdir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
echo "==> PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
TEST_DATABASE_URL="postgresql://postgres@127.0.0.1:$port/postgres" npx --no-install vitest run --project integration "$@"
