#!/usr/bin/env bash
# chromium-setup.sh — make headless Chromium available at /usr/bin/chromium.
#
# Idempotent. The tests of the HTML reports (contract.html, the API reference)
# open them in headless Chromium through playwright-core, which cannot
# download its own browsers here, so Debian's `chromium` package is used.
# Does nothing when /usr/bin/chromium already runs; otherwise installs it
# with apt (as root, or through sudo).
#
# Usage: scripts/chromium-setup.sh
# Env:
#   CHROMIUM_APT_LOG  apt output (default: /tmp/chromium-setup.log)
set -euo pipefail

CHROMIUM=/usr/bin/chromium
APT_LOG="${CHROMIUM_APT_LOG:-/tmp/chromium-setup.log}"

log() { printf 'chromium-setup: %s\n' "$*" >&2; }
die() { printf 'chromium-setup: ERROR: %s\n' "$*" >&2; exit 1; }
usage() { printf 'chromium-setup: %s\n' "$*" >&2; exit 2; }

for arg in "$@"; do
  case "$arg" in
    -h|--help) sed -n '2,12p' "$0" >&2; exit 0 ;;
    *) usage "unknown argument: $arg (usage: $0)" ;;
  esac
done

chromium_ok() { [ -x "$CHROMIUM" ] && "$CHROMIUM" --headless --version >/dev/null 2>&1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else die "need root to run: $* (run this script as root, or install sudo)"
  fi
}

if chromium_ok; then
  log "$("$CHROMIUM" --version 2>/dev/null) already installed; nothing to do"
  exit 0
fi

command -v apt-get >/dev/null 2>&1 || die "no $CHROMIUM and no apt-get to install Debian's chromium package"
export DEBIAN_FRONTEND=noninteractive

# An index that was never fetched (fresh image) has no chromium in it: update only then, or when
# the first install attempt fails on a stale index.
if ! apt-cache show chromium >/dev/null 2>&1; then
  log "apt index has no chromium; running apt-get update (log: $APT_LOG)"
  as_root apt-get update >>"$APT_LOG" 2>&1 || die "apt-get update failed (see $APT_LOG)"
fi

log "installing chromium via apt, no recommends (log: $APT_LOG)"
if ! as_root apt-get install -y --no-install-recommends chromium >>"$APT_LOG" 2>&1; then
  log "install failed; refreshing the apt index and trying once more"
  as_root apt-get update >>"$APT_LOG" 2>&1 || die "apt-get update failed (see $APT_LOG)"
  as_root apt-get install -y --no-install-recommends chromium >>"$APT_LOG" 2>&1 \
    || die "apt-get install chromium failed (see $APT_LOG)"
fi

chromium_ok || die "chromium installed but $CHROMIUM does not run (see $APT_LOG)"
echo "chromium ready: $("$CHROMIUM" --version 2>/dev/null)"
