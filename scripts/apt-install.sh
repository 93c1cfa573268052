#!/usr/bin/env bash
# apt-install.sh <package>...: installs Debian packages for the test and start
# scripts (root, or sudo without a password), waiting for the package
# manager's locks when another install holds them instead of failing.
#   - `apt-get install` waits by itself with -o DPkg::Lock::Timeout.
#   - `apt-get update` does not (it exits 100 at once while the lists lock is
#     held), so it is retried until APT_LOCK_WAIT seconds have passed.
set -euo pipefail
wait_s=${APT_LOCK_WAIT:-300}
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo -n"
apt() { DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout="$wait_s" "$@"; }

start=$(date +%s); said=""
until out=$(apt update -qq 2>&1); do
  if [ $(( $(date +%s) - start )) -ge "$wait_s" ]; then
    echo "$out" >&2
    echo "apt-get update still failed after ${wait_s} s (another install holding the package manager's lock, or no package mirror). Install $* by hand, or run again." >&2
    exit 1
  fi
  if [ -z "$said" ]; then echo "    (waiting for the package manager: another apt-get is running)" >&2; said=1; fi
  sleep 3
done
if ! apt install -y -qq "$@" >/dev/null; then
  echo "apt-get install $* failed (waited up to ${wait_s} s for the package manager's lock)." >&2
  exit 1
fi
