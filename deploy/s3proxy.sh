#!/usr/bin/env bash
# Fetch, start, stop a local S3 API server (s3proxy over its filesystem store) for the S3 blob
# backend's tests and for trying the backend by hand.
#
#   deploy/s3proxy.sh start|stop|status|reset|log
#
# s3proxy's self-contained jar is fetched once through Maven (Maven Central) into
# deploy/.s3proxy/ (gitignored); objects are kept under deploy/.s3proxy/data.
#
# Environment (all optional):
#   S3PROXY_VERSION     default 2.6.0
#   S3PROXY_HOST        default 127.0.0.1
#   S3PROXY_PORT        default 23900
#   S3PROXY_IDENTITY    access key, default vospace
#   S3PROXY_CREDENTIAL  secret key, default vospace-secret
#   S3PROXY_HOME_DIR    cache/work directory, default <this dir>/.s3proxy
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
S3PROXY_VERSION="${S3PROXY_VERSION:-2.6.0}"
S3PROXY_HOST="${S3PROXY_HOST:-127.0.0.1}"
S3PROXY_PORT="${S3PROXY_PORT:-23900}"
S3PROXY_IDENTITY="${S3PROXY_IDENTITY:-vospace}"
S3PROXY_CREDENTIAL="${S3PROXY_CREDENTIAL:-vospace-secret}"
HOME_DIR="${S3PROXY_HOME_DIR:-$SCRIPT_DIR/.s3proxy}"
JAR="$HOME_DIR/s3proxy-$S3PROXY_VERSION-jar-with-dependencies.jar"
DATA_DIR="$HOME_DIR/data-$S3PROXY_PORT"
CONF="$HOME_DIR/s3proxy-$S3PROXY_PORT.conf"
LOG_FILE="$HOME_DIR/s3proxy-$S3PROXY_PORT.log"
PID_FILE="$HOME_DIR/s3proxy-$S3PROXY_PORT.pid"

log() { echo "s3proxy.sh: $*" >&2; }
die() { log "$*"; exit 1; }

answers() { # any HTTP answer (403 without credentials) means it is up
  curl -s -o /dev/null -m 2 "http://$S3PROXY_HOST:$S3PROXY_PORT/" 2>/dev/null
}

running_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid; pid="$(cat "$PID_FILE")"
  kill -0 "$pid" 2>/dev/null && echo "$pid"
}

fetch() {
  [[ -f "$JAR" ]] && return 0
  command -v mvn >/dev/null || die "mvn is required to fetch s3proxy"
  mkdir -p "$HOME_DIR"
  log "fetching org.gaul:s3proxy:$S3PROXY_VERSION through Maven..."
  if ! (cd "$HOME_DIR" && mvn -B -ntp dependency:copy \
        "-Dartifact=org.gaul:s3proxy:$S3PROXY_VERSION:jar:jar-with-dependencies" \
        "-DoutputDirectory=$HOME_DIR" </dev/null > "$HOME_DIR/mvn.log" 2>&1); then
    tail -n 30 "$HOME_DIR/mvn.log" >&2 || true
    die "could not fetch s3proxy"
  fi
}

start() {
  if running_pid >/dev/null && answers; then
    return 0
  fi
  fetch
  mkdir -p "$DATA_DIR"
  cat > "$CONF" <<CONF
s3proxy.authorization=aws-v2-or-v4
s3proxy.endpoint=http://$S3PROXY_HOST:$S3PROXY_PORT
s3proxy.identity=$S3PROXY_IDENTITY
s3proxy.credential=$S3PROXY_CREDENTIAL
jclouds.provider=filesystem
jclouds.filesystem.basedir=$DATA_DIR
CONF
  nohup java -Xmx256m -jar "$JAR" --properties "$CONF" </dev/null > "$LOG_FILE" 2>&1 &
  echo $! > "$PID_FILE"
  for _ in $(seq 1 120); do
    if answers; then
      log "s3proxy $S3PROXY_VERSION on http://$S3PROXY_HOST:$S3PROXY_PORT (data $DATA_DIR)"
      return 0
    fi
    running_pid >/dev/null || { tail -n 30 "$LOG_FILE" >&2; die "s3proxy exited"; }
    sleep 0.5
  done
  tail -n 30 "$LOG_FILE" >&2
  die "s3proxy did not answer within 60 s"
}

stop() {
  local pid
  if pid="$(running_pid)"; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$PID_FILE"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if running_pid >/dev/null && answers; then echo "running on $S3PROXY_HOST:$S3PROXY_PORT"; else echo "stopped"; exit 3; fi ;;
  reset) stop; rm -rf "$DATA_DIR" ;;
  log) cat "$LOG_FILE" ;;
  *) echo "usage: $0 start|stop|status|reset|log" >&2; exit 2 ;;
esac
