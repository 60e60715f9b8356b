#!/usr/bin/env bash
# Fetch, start, stop a local development Keycloak with the "vospace" realm imported.
#
#   deploy/keycloak.sh start|stop|status|restart|reset|log
#
# The Keycloak distribution is fetched once through Maven (from Maven Central) and unpacked into
# deploy/.keycloak/ (gitignored), where it stays cached across runs. The realm JSON in
# deploy/realm/ is imported on start; when the JSON changes, the dev database is wiped on the next
# start so that the new realm is imported (Keycloak skips the import of a realm that exists).
#
# Environment (all optional):
#   KEYCLOAK_VERSION        default 26.4.7
#   KEYCLOAK_HOST           default 127.0.0.1
#   KEYCLOAK_PORT           default 8180
#   KEYCLOAK_HOME_DIR       cache/work directory, default <this dir>/.keycloak
#   KEYCLOAK_ADMIN_USER     bootstrap admin user, default admin
#   KEYCLOAK_ADMIN_PASSWORD bootstrap admin password, default admin (demo only: refused when
#                           KEYCLOAK_HOST is not a loopback address)
#   KEYCLOAK_REALM_FILE     realm JSON to import, default <this dir>/realm/vospace-realm.json
#   KEYCLOAK_START_TIMEOUT  seconds to wait for the realm to answer, default 180
#   KEYCLOAK_REALM          realm checked for readiness, default vospace
# One Keycloak per KEYCLOAK_HOME_DIR (they would share the dev H2 database).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
KEYCLOAK_VERSION="${KEYCLOAK_VERSION:-26.4.7}"
KEYCLOAK_HOST="${KEYCLOAK_HOST:-127.0.0.1}"
KEYCLOAK_PORT="${KEYCLOAK_PORT:-8180}"
KEYCLOAK_HOME_DIR="${KEYCLOAK_HOME_DIR:-$SCRIPT_DIR/.keycloak}"
KEYCLOAK_ADMIN_USER="${KEYCLOAK_ADMIN_USER:-admin}"
KEYCLOAK_ADMIN_PASSWORD="${KEYCLOAK_ADMIN_PASSWORD:-admin}"
KEYCLOAK_START_TIMEOUT="${KEYCLOAK_START_TIMEOUT:-180}"
KEYCLOAK_REALM="${KEYCLOAK_REALM:-vospace}"

REALM_FILE="${KEYCLOAK_REALM_FILE:-$SCRIPT_DIR/realm/vospace-realm.json}"
DIST_DIR="$KEYCLOAK_HOME_DIR/keycloak-$KEYCLOAK_VERSION"
DOWNLOAD_DIR="$KEYCLOAK_HOME_DIR/download"
LOG_FILE="$KEYCLOAK_HOME_DIR/keycloak.log"
PID_FILE="$KEYCLOAK_HOME_DIR/keycloak.pid"
PORT_FILE="$KEYCLOAK_HOME_DIR/keycloak.port"
REALM_SUM_FILE="$KEYCLOAK_HOME_DIR/realm.sha256"
BASE_URL="http://$KEYCLOAK_HOST:$KEYCLOAK_PORT"
READY_URL="$BASE_URL/realms/$KEYCLOAK_REALM/.well-known/openid-configuration"

log() { printf 'keycloak.sh: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

http_status() {
  curl -s -o /dev/null -w '%{http_code}' --connect-timeout 2 --max-time 5 "$1" 2>/dev/null || true
}

is_loopback() { [[ "$1" == "127.0.0.1" || "$1" == "localhost" || "$1" == "::1" ]]; }

is_ready() { [[ "$(http_status "$READY_URL")" == "200" ]]; }

# Something (maybe not our Keycloak) is listening on the port.
port_in_use() { [[ "$(http_status "$BASE_URL/")" != "000" ]]; }

# Prints the pid from the pid file if that process is alive and is a Keycloak JVM.
our_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(tr -dc '0-9' < "$PID_FILE")"
  [[ -n "$pid" ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  if [[ -r "/proc/$pid/cmdline" ]] && ! tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q 'keycloak'; then
    return 1
  fi
  printf '%s\n' "$pid"
}

log_tail() {
  if [[ -f "$LOG_FILE" ]]; then
    log "last lines of $LOG_FILE:"
    tail -n "${1:-40}" "$LOG_FILE" >&2 || true
  fi
}

ensure_dist() {
  if [[ -x "$DIST_DIR/bin/kc.sh" ]]; then
    return 0
  fi
  command -v unzip >/dev/null || die "unzip is required (apt-get install -y unzip)"
  mkdir -p "$DOWNLOAD_DIR"
  local zip="$DOWNLOAD_DIR/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip"
  if [[ ! -s "$zip" ]]; then
    command -v mvn >/dev/null || die "mvn is required to fetch Keycloak"
    log "fetching org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip through Maven..."
    # Run in the download dir (no pom.xml there) so the project's own pom is not involved.
    if ! (cd "$DOWNLOAD_DIR" && mvn -B -ntp dependency:copy \
          "-Dartifact=org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" \
          "-DoutputDirectory=$DOWNLOAD_DIR" </dev/null > "$DOWNLOAD_DIR/mvn.log" 2>&1); then
      tail -n 30 "$DOWNLOAD_DIR/mvn.log" >&2 || true
      die "Maven could not fetch Keycloak $KEYCLOAK_VERSION"
    fi
    [[ -s "$zip" ]] || die "Maven ran but $zip is missing"
  fi
  log "unpacking $zip..."
  local tmp="$KEYCLOAK_HOME_DIR/unpack.$$"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  unzip -q "$zip" -d "$tmp"
  [[ -x "$tmp/keycloak-$KEYCLOAK_VERSION/bin/kc.sh" ]] || die "unexpected layout in $zip"
  rm -rf "$DIST_DIR"
  mv "$tmp/keycloak-$KEYCLOAK_VERSION" "$DIST_DIR"
  rm -rf "$tmp"
  # The zip is not needed once unpacked (it stays in ~/.m2 anyway).
  rm -f "$zip"
}

install_realm() {
  [[ -f "$REALM_FILE" ]] || die "realm file $REALM_FILE is missing"
  local sum old=""
  sum="$(sha256sum "$REALM_FILE" | cut -d' ' -f1)"
  [[ -f "$REALM_SUM_FILE" ]] && old="$(cat "$REALM_SUM_FILE")"
  if [[ "$sum" != "$old" && -d "$DIST_DIR/data/h2" ]]; then
    log "realm JSON changed since the last import: wiping the dev database so it is imported again"
    rm -rf "$DIST_DIR/data/h2"
  fi
  mkdir -p "$DIST_DIR/data/import"
  cp "$REALM_FILE" "$DIST_DIR/data/import/vospace-realm.json"
  printf '%s\n' "$sum" > "$REALM_SUM_FILE"
}

wait_ready() {
  local pid="$1" deadline=$((SECONDS + KEYCLOAK_START_TIMEOUT))
  while (( SECONDS < deadline )); do
    if is_ready; then
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      log "Keycloak (pid $pid) exited during start-up"
      rm -f "$PID_FILE"
      log_tail 60
      return 1
    fi
    sleep 1
  done
  log "Keycloak did not answer $READY_URL within ${KEYCLOAK_START_TIMEOUT}s"
  log_tail 60
  return 1
}

# Warns when the running Keycloak imported another realm JSON than the current one.
warn_if_realm_changed() {
  [[ -f "$REALM_SUM_FILE" && -f "$REALM_FILE" ]] || return 0
  if [[ "$(sha256sum "$REALM_FILE" | cut -d' ' -f1)" != "$(cat "$REALM_SUM_FILE")" ]]; then
    log "note: $REALM_FILE changed since this Keycloak imported it; '$0 restart' applies the change"
  fi
}

cmd_start() {
  if is_ready; then
    log "already running: $READY_URL answers"
    warn_if_realm_changed
    return 0
  fi
  local pid
  if pid="$(our_pid)"; then
    local running_port
    running_port="$(cat "$PORT_FILE" 2>/dev/null || true)"
    if [[ -n "$running_port" && "$running_port" != "$KEYCLOAK_PORT" ]]; then
      die "the Keycloak of $KEYCLOAK_HOME_DIR (pid $pid) runs on port $running_port; one instance per directory: stop it first"
    fi
    log "Keycloak (pid $pid) is starting; waiting for it"
    wait_ready "$pid"
    log "ready at $BASE_URL (realm $KEYCLOAK_REALM)"
    return 0
  fi
  if [[ "$KEYCLOAK_ADMIN_PASSWORD" == "admin" ]] && ! is_loopback "$KEYCLOAK_HOST"; then
    die "refusing to listen on $KEYCLOAK_HOST with the demo admin password: set KEYCLOAK_ADMIN_PASSWORD"
  fi
  if port_in_use; then
    die "port $KEYCLOAK_PORT on $KEYCLOAK_HOST is taken by something that does not serve realm $KEYCLOAK_REALM"
  fi
  mkdir -p "$KEYCLOAK_HOME_DIR"
  ensure_dist
  install_realm
  command -v java >/dev/null || [[ -n "${JAVA_HOME:-}" ]] || die "java is required"

  log "starting Keycloak $KEYCLOAK_VERSION on $BASE_URL (log: $LOG_FILE)"
  local started=$SECONDS
  {
    printf '\n===== %s keycloak.sh start (port %s) =====\n' "$(date -u +%FT%TZ)" "$KEYCLOAK_PORT"
  } >> "$LOG_FILE"
  # kc.sh execs java, so $! is the JVM's pid. nohup + no stdin: survives the caller, works in CI.
  KC_BOOTSTRAP_ADMIN_USERNAME="$KEYCLOAK_ADMIN_USER" \
  KC_BOOTSTRAP_ADMIN_PASSWORD="$KEYCLOAK_ADMIN_PASSWORD" \
    nohup "$DIST_DIR/bin/kc.sh" start-dev \
      "--http-port=$KEYCLOAK_PORT" "--http-host=$KEYCLOAK_HOST" --import-realm \
      < /dev/null >> "$LOG_FILE" 2>&1 &
  pid=$!
  printf '%s\n' "$pid" > "$PID_FILE"
  printf '%s\n' "$KEYCLOAK_PORT" > "$PORT_FILE"
  if ! wait_ready "$pid"; then
    if kill -0 "$pid" 2>/dev/null; then
      log "stopping the Keycloak that did not become ready (pid $pid)"
      stop_pid "$pid"
    fi
    exit 1
  fi
  log "ready at $BASE_URL (realm $KEYCLOAK_REALM) after $((SECONDS - started))s, pid $pid"
}

stop_pid() {
  local pid="$1" i
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 60; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "pid $pid still alive after 30s: sending KILL"
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 20; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
  fi
  rm -f "$PID_FILE" "$PORT_FILE"
}

cmd_stop() {
  local pid
  if pid="$(our_pid)"; then
    log "stopping Keycloak (pid $pid)"
    stop_pid "$pid"
    log "stopped"
    return 0
  fi
  rm -f "$PID_FILE"
  if is_ready; then
    die "a Keycloak answers on $BASE_URL but was not started by this script (no live pid in $PID_FILE)"
  fi
  log "not running"
}

cmd_status() {
  local pid=""
  pid="$(our_pid)" || pid=""
  if is_ready; then
    echo "running: $BASE_URL realm $KEYCLOAK_REALM${pid:+ (pid $pid)}"
    return 0
  fi
  if [[ -n "$pid" ]]; then
    echo "starting (pid $pid): $READY_URL does not answer yet"
    return 3
  fi
  echo "stopped"
  return 3
}

cmd_reset() {
  cmd_stop
  rm -rf "$DIST_DIR/data/h2" "$REALM_SUM_FILE"
  log "dev database removed; the realm is imported afresh on the next start"
}

usage() {
  echo "usage: $0 start|stop|status|restart|reset|log" >&2
  exit 2
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  restart) cmd_stop; cmd_start ;;
  reset) cmd_reset ;;
  log) tail -n "${2:-100}" "$LOG_FILE" ;;
  *) usage ;;
esac
