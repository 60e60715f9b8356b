#!/usr/bin/env bash
# A throwaway PostgreSQL 15 for tests: loopback only, trust auth, database/user/password vospace.
#
#   deploy/postgres.sh start|stop|status|restart|reset|psql [ARGS...]
#
# Running as root, the server runs as the `postgres` OS user (PostgreSQL refuses root) with its
# files in /tmp/vosportal-pg-<port>; otherwise as the current user in <project>/target/pgdata.
# Installs Debian's `postgresql` package with apt-get when no server binaries are found.
# Durability is switched off (fsync=off): this database is for tests only.
#
# Environment (all optional):
#   POSTGRES_HOST      listen address, default 127.0.0.1
#   POSTGRES_PORT      default 25432 (below the kernel's ephemeral range 32768-60999, so an outgoing
#                      connection can never hold it when the server starts)
#   POSTGRES_BASE_DIR  directory holding data/ and postgres.log (see above for the default)
#   POSTGRES_BIN       directory with initdb/pg_ctl, default the newest /usr/lib/postgresql/*/bin
#   POSTGRES_DB, POSTGRES_USER, POSTGRES_PASSWORD   default vospace / vospace / vospace
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PROJECT_DIR="$(cd "$SCRIPT_DIR/.." && pwd)"
POSTGRES_HOST="${POSTGRES_HOST:-127.0.0.1}"
POSTGRES_PORT="${POSTGRES_PORT:-25432}"
POSTGRES_DB="${POSTGRES_DB:-vospace}"
POSTGRES_USER="${POSTGRES_USER:-vospace}"
POSTGRES_PASSWORD="${POSTGRES_PASSWORD:-vospace}"

if [[ "$(id -u)" == "0" ]]; then
  RUN_AS=postgres
  POSTGRES_BASE_DIR="${POSTGRES_BASE_DIR:-/tmp/vosportal-pg-$POSTGRES_PORT}"
else
  RUN_AS=""
  POSTGRES_BASE_DIR="${POSTGRES_BASE_DIR:-$PROJECT_DIR/target/pgdata}"
fi
DATA_DIR="$POSTGRES_BASE_DIR/data"
LOG_FILE="$POSTGRES_BASE_DIR/postgres.log"

log() { printf 'postgres.sh: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

find_bin() {
  if [[ -n "${POSTGRES_BIN:-}" ]]; then
    [[ -x "$POSTGRES_BIN/pg_ctl" ]] || die "POSTGRES_BIN=$POSTGRES_BIN has no pg_ctl"
    return 0
  fi
  local d
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [[ -n "$d" && -x "$d/pg_ctl" && -x "$d/initdb" && -x "$d/postgres" ]]; then
    POSTGRES_BIN="$d"
    return 0
  fi
  return 1
}

ensure_bin() {
  find_bin && return 0
  [[ "$(id -u)" == "0" ]] || die "PostgreSQL server binaries not found; install them: apt-get install -y postgresql"
  log "PostgreSQL not found: installing Debian's postgresql package..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q </dev/null >&2
  apt-get install -y -q postgresql </dev/null >&2
  find_bin || die "postgresql installed but no /usr/lib/postgresql/*/bin/pg_ctl found"
}

# Run a command as the server's OS user, from a directory that user can enter.
as_pg() {
  if [[ -n "$RUN_AS" ]]; then
    (cd / && runuser -u "$RUN_AS" -- "$@")
  else
    "$@"
  fi
}

pg_ctl_() { as_pg "$POSTGRES_BIN/pg_ctl" -D "$DATA_DIR" "$@"; }

is_running() {
  [[ -f "$DATA_DIR/PG_VERSION" ]] || return 1
  pg_ctl_ status >/dev/null 2>&1
}

psql_() {
  local psql="$POSTGRES_BIN/psql"
  [[ -x "$psql" ]] || psql="psql"
  PGCONNECT_TIMEOUT=5 "$psql" -X -q -v ON_ERROR_STOP=1 -h "$POSTGRES_HOST" -p "$POSTGRES_PORT" "$@"
}

init_cluster() {
  log "initialising a new cluster in $DATA_DIR"
  mkdir -p "$POSTGRES_BASE_DIR"
  if [[ -n "$RUN_AS" ]]; then
    chown "$RUN_AS:" "$POSTGRES_BASE_DIR"
  fi
  chmod 700 "$POSTGRES_BASE_DIR"
  as_pg "$POSTGRES_BIN/initdb" -D "$DATA_DIR" -U postgres -E UTF8 --locale=C \
    --auth-local=trust --auth-host=trust > "$POSTGRES_BASE_DIR/initdb.log" 2>&1 \
    || { tail -n 30 "$POSTGRES_BASE_DIR/initdb.log" >&2; die "initdb failed"; }
  # Loopback only, socket inside the base dir (no dependency on /var/run/postgresql), fast.
  as_pg tee -a "$DATA_DIR/postgresql.conf" >/dev/null <<CONF

# --- deploy/postgres.sh (throwaway test server) ---
listen_addresses = '$POSTGRES_HOST'
port = $POSTGRES_PORT
unix_socket_directories = '$POSTGRES_BASE_DIR'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 100
log_min_messages = warning
CONF
}

ensure_database() {
  local has_role has_db
  has_role="$(psql_ -U postgres -d postgres -tA -c "SELECT 1 FROM pg_roles WHERE rolname = '$POSTGRES_USER'")"
  if [[ "$has_role" != "1" ]]; then
    psql_ -U postgres -d postgres -c "CREATE ROLE \"$POSTGRES_USER\" LOGIN PASSWORD '$POSTGRES_PASSWORD'"
  fi
  has_db="$(psql_ -U postgres -d postgres -tA -c "SELECT 1 FROM pg_database WHERE datname = '$POSTGRES_DB'")"
  if [[ "$has_db" != "1" ]]; then
    psql_ -U postgres -d postgres -c "CREATE DATABASE \"$POSTGRES_DB\" OWNER \"$POSTGRES_USER\""
  fi
}

cmd_start() {
  ensure_bin
  if is_running; then
    ensure_database
    log "already running on $POSTGRES_HOST:$POSTGRES_PORT (data $DATA_DIR)"
    return 0
  fi
  if (exec 3<>"/dev/tcp/$POSTGRES_HOST/$POSTGRES_PORT") 2>/dev/null; then
    die "port $POSTGRES_PORT on $POSTGRES_HOST is taken by another process"
  fi
  [[ -f "$DATA_DIR/PG_VERSION" ]] || init_cluster
  log "starting PostgreSQL ($POSTGRES_BIN) on $POSTGRES_HOST:$POSTGRES_PORT (log: $LOG_FILE)"
  if ! pg_ctl_ -l "$LOG_FILE" -w -t 60 start >/dev/null; then
    tail -n 30 "$LOG_FILE" >&2 || true
    die "PostgreSQL did not start"
  fi
  ensure_database
  log "ready: jdbc:postgresql://$POSTGRES_HOST:$POSTGRES_PORT/$POSTGRES_DB (user $POSTGRES_USER)"
}

cmd_stop() {
  if ! find_bin || ! is_running; then
    log "not running"
    return 0
  fi
  pg_ctl_ -m fast -w -t 60 stop >/dev/null
  log "stopped"
}

cmd_status() {
  if find_bin && is_running; then
    echo "running: $POSTGRES_HOST:$POSTGRES_PORT database $POSTGRES_DB (data $DATA_DIR)"
    return 0
  fi
  echo "stopped"
  return 3
}

cmd_reset() {
  cmd_stop
  rm -rf "$POSTGRES_BASE_DIR"
  log "removed $POSTGRES_BASE_DIR"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  restart) cmd_stop; cmd_start ;;
  reset) cmd_reset ;;
  psql) shift; ensure_bin; PGPASSWORD="$POSTGRES_PASSWORD" psql_ -U "$POSTGRES_USER" -d "$POSTGRES_DB" "$@" ;;
  *) echo "usage: $0 start|stop|status|restart|reset|psql [ARGS...]" >&2; exit 2 ;;
esac
