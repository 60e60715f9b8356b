#!/usr/bin/env bash
# Runs the whole product locally: Keycloak (deploy/keycloak.sh) and the application with its
# embedded VOSpace service on http://127.0.0.1:8080. Ctrl-C stops both (a Keycloak that was
# already running stays up). Data persists in ./data.
#
# This is the demo: it runs with the repository's built-in secrets (demo realm client secret,
# placeholder session key, Keycloak admin/admin), which only a demo start accepts
# (VOSPACE_DEMO=true). A production start refuses them; see deploy/README.md.
#
# Environment: APP_PORT (8080), SKIP_BUILD=1 (use the jar already built), KEYCLOAK_HOST /
# KEYCLOAK_PORT (127.0.0.1 / 8180), JAVA_OPTS.
set -euo pipefail
cd "$(dirname "$0")/.."

APP_PORT="${APP_PORT:-8080}"
KEYCLOAK_HOST="${KEYCLOAK_HOST:-127.0.0.1}"
KEYCLOAK_PORT="${KEYCLOAK_PORT:-8180}"
export KEYCLOAK_HOST KEYCLOAK_PORT
export KEYCLOAK_URL="${KEYCLOAK_URL:-http://$KEYCLOAK_HOST:$KEYCLOAK_PORT}"
export VOSPACE_DEMO="${VOSPACE_DEMO:-true}"
app_pid=""
started_keycloak=0

stop_all() {
  trap - INT TERM EXIT
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
    echo "run.sh: stopping the application"
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  if [ "$started_keycloak" = "1" ]; then
    deploy/keycloak.sh stop || true
  fi
}
trap stop_all INT TERM EXIT

if [ "${SKIP_BUILD:-0}" != "1" ]; then
  echo "run.sh: building the application (mvn package, tests skipped)..."
  mvn -B -q -DskipTests package
fi
if ! deploy/keycloak.sh status >/dev/null 2>&1; then
  started_keycloak=1
fi
deploy/keycloak.sh start

echo "run.sh: starting the application on http://127.0.0.1:${APP_PORT}"
# the JDK's per-thread direct-buffer cache bounded (DirectMemoryBounds) and glibc held to two
# malloc arenas, which kept RSS lower and flatter under the soak (deploy/README.md 'Memory')
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
java -Djdk.nio.maxCachedBufferSize=262144 ${JAVA_OPTS:-} -Dquarkus.http.port="$APP_PORT" -jar target/quarkus-app/quarkus-run.jar &
app_pid=$!

for _ in $(seq 1 120); do
  if curl -fsS -o /dev/null "http://127.0.0.1:${APP_PORT}/vault/availability"; then
    break
  fi
  if ! kill -0 "$app_pid" 2>/dev/null; then
    echo "run.sh: the application exited during start-up" >&2
    exit 1
  fi
  sleep 1
done

cat <<MSG

  Ready.
    Storage portal  : http://127.0.0.1:${APP_PORT}/storage   (log in with a demo user)
    VOSpace service : http://127.0.0.1:${APP_PORT}/vault     (capabilities: /vault/capabilities)
    Keycloak        : ${KEYCLOAK_URL}                 (admin / admin)
    Demo users      : alice / alice-pw, bob / bob-pw, carol / carol-pw   (alice and bob: survey-team)
    A token for the command line:  deploy/token.sh alice

  Demo secrets in use: never expose this instance beyond this machine.
  Press Ctrl-C to stop.
MSG
wait "$app_pid"
