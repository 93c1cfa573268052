#!/usr/bin/env bash
# Makes sure PostgreSQL server binaries are present (Debian's postgresql), and
# prints their bin directory. Installs them when missing (root, or sudo -n).
set -euo pipefail
find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
bindir=$(find_bin || true)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "==> Installing Debian's postgresql for the PostgreSQL tests" >&2
  bash "$(dirname "$0")/apt-install.sh" postgresql >&2
  bindir=$(find_bin)
fi
echo "$bindir"
