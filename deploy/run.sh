#!/usr/bin/env bash
# Runs the whole product locally: Keycloak (deploy/keycloak.sh) and the application with its
# embedded VOSpace service on http://127.0.0.1:8080. Ctrl-C stops both. Data persists in ./data.
set -euo pipefail
cd "$(dirname "$0")/.."

APP_PORT="${APP_PORT:-8080}"
app_pid=""

stop_all() {
  trap - INT TERM EXIT
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
    echo "run.sh: stopping the application"
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  deploy/keycloak.sh stop || true
}
trap stop_all INT TERM EXIT

if [ "${SKIP_BUILD:-0}" != "1" ]; then
  echo "run.sh: building the application (mvn package, tests skipped)..."
  mvn -B -q -DskipTests package
fi
deploy/keycloak.sh start

echo "run.sh: starting the application on http://127.0.0.1:${APP_PORT}"
java ${JAVA_OPTS:-} -Dquarkus.http.port="$APP_PORT" -jar target/quarkus-app/quarkus-run.jar &
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
    Keycloak        : http://127.0.0.1:8180                 (admin / admin)
    Demo users      : alice / alice-pw, bob / bob-pw, carol / carol-pw   (alice and bob: survey-team)
    A token for the command line:  deploy/token.sh alice

  Press Ctrl-C to stop both.
MSG
wait "$app_pid"
