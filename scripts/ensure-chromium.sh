#!/usr/bin/env bash
# Playwright cannot download its own browsers here; Debian's chromium is used.
# Installs it when missing (root, or sudo without a password).
set -euo pipefail
bin=${PLAYWRIGHT_CHROMIUM_PATH:-/usr/bin/chromium}
if [ -x "$bin" ]; then exit 0; fi
echo "==> Installing Debian's chromium for the browser tests"
bash "$(dirname "$0")/apt-install.sh" chromium
[ -x "$bin" ] || { echo "chromium was not installed at $bin" >&2; exit 1; }
