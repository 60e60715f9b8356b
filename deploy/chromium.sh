#!/usr/bin/env bash
# Makes sure Debian's Chromium and its chromedriver are installed (for the real-browser tests).
#
#   deploy/chromium.sh [check]
#
# Idempotent: when /usr/bin/chromium and /usr/bin/chromedriver are both there it only prints their
# versions; otherwise it runs `apt-get update && apt-get install -y chromium chromium-driver`
# (as root, or through sudo -n when available). Called by org.vosportal.testsupport.Browsers.
#
# Environment (all optional):
#   CHROMIUM_BIN        default /usr/bin/chromium
#   CHROMEDRIVER_BIN    default /usr/bin/chromedriver
set -euo pipefail

CHROMIUM_BIN="${CHROMIUM_BIN:-/usr/bin/chromium}"
CHROMEDRIVER_BIN="${CHROMEDRIVER_BIN:-/usr/bin/chromedriver}"

log() { printf 'chromium.sh: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

present() { [[ -x "$CHROMIUM_BIN" && -x "$CHROMEDRIVER_BIN" ]]; }

if ! present; then
  [[ "${1:-}" == "check" ]] && die "chromium or chromedriver missing ($CHROMIUM_BIN, $CHROMEDRIVER_BIN)"
  if [[ "$(id -u)" == "0" ]]; then
    SUDO=()
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO=(sudo -n)
  else
    die "chromium/chromedriver missing and not root: install them with apt-get install -y chromium chromium-driver"
  fi
  log "installing Debian's chromium and chromium-driver (about a minute)..."
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -q </dev/null >&2
  "${SUDO[@]}" apt-get install -y -q chromium chromium-driver </dev/null >&2
  present || die "apt-get installed chromium, but $CHROMIUM_BIN or $CHROMEDRIVER_BIN is still missing"
fi
# (the Debian wrapper script may print a harmless shell warning; keep only the version line)
log "$("$CHROMEDRIVER_BIN" --version 2>/dev/null | head -n 1)"
