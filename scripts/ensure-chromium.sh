#!/usr/bin/env bash
# Playwright cannot download its own browsers here; Debian's chromium is used.
# Installs it when missing (root, or sudo without a password).
set -euo pipefail
bin=${PLAYWRIGHT_CHROMIUM_PATH:-/usr/bin/chromium}
if [ -x "$bin" ]; then exit 0; fi
echo "==> Installing Debian's chromium for the browser tests"
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo -n"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
[ -x "$bin" ] || { echo "chromium was not installed at $bin" >&2; exit 1; }
