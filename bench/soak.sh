#!/usr/bin/env bash
# The soak of issue "Trust": SOAK_USERS (50) real users mixing portal and service listings,
# uploads, downloads, ZIPs, moves and permission changes for SOAK_SECONDS (300) against the app
# jar at -Xmx256m; zero 5xx, every file's MD5 checked at the end, RSS sampled every 5 s.
#
#   bench/soak.sh                 # build, soak, write bench/SOAK.md (included in docs/BENCHMARKS.md)
#   SKIP_BUILD=1 bench/soak.sh    # use the jar already in target/quarkus-app
#
# Keycloak: the one on KEYCLOAK_PORT (8180) when it answers (left running), otherwise started by
# this script on SOAK_KEYCLOAK_PORT (8188) and stopped at the end. The soak users (soak-01 …)
# are created in the realm through the demo admin account (KEYCLOAK_ADMIN_USER/_PASSWORD).
# SOAK_APP_OPTS: extra JVM options (e.g. -XX:NativeMemoryTracking=summary). Loopback only; the app gets port SOAK_APP_PORT (8085, a redirect URI of the demo realm; not at the same time as bench/run.sh) and its own data dir under target/soak.
set -euo pipefail
cd "$(dirname "$0")/.."

USERS="${SOAK_USERS:-50}"
SECONDS_RUN="${SOAK_SECONDS:-300}"
APP_PORT="${SOAK_APP_PORT:-8085}"
OUT="${SOAK_OUT:-bench/SOAK.md}"
W="$PWD/target/soak"
APP="http://127.0.0.1:$APP_PORT"
KC_PORT="${KEYCLOAK_PORT:-8180}"
app_pid=""
sampler_pid=""
kc_started=0

log() { printf '[soak %s] %s\n' "$(date +%T)" "$*" >&2; }
cleanup() {
  local rc=$?
  set +e
  [ -n "$sampler_pid" ] && kill "$sampler_pid" 2>/dev/null
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
    kill -TERM "$app_pid"; for _ in $(seq 1 60); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$app_pid" 2>/dev/null
  fi
  [ "$kc_started" = 1 ] && KEYCLOAK_PORT="$KC_PORT" deploy/keycloak.sh stop
  if [ "$rc" != 0 ] && [ -f "$W/app.log" ]; then log "last lines of the app log:"; tail -n 30 "$W/app.log" >&2; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

rm -rf "$W"; mkdir -p "$W/classes"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  log "building: mvn -B -q -DskipTests package"
  mvn -B -q -DskipTests package
fi
javac -d "$W/classes" bench/Soak.java bench/LoadDriver.java

kc_ready() { curl -fsS -o /dev/null --max-time 5 "http://127.0.0.1:$1/realms/vospace/.well-known/openid-configuration"; }
if ! kc_ready "$KC_PORT" 2>/dev/null; then
  KC_PORT="${SOAK_KEYCLOAK_PORT:-8188}"
  if ! kc_ready "$KC_PORT" 2>/dev/null; then kc_started=1; fi
  KEYCLOAK_PORT="$KC_PORT" deploy/keycloak.sh start
fi

export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" # as deploy/run.sh (deploy/README.md 'Memory')
# the demo: the built-in secrets of the demo realm are refused without it (docs/SECURITY.md)
KEYCLOAK_URL="http://127.0.0.1:$KC_PORT" VOSPACE_DEMO=true java -Xmx256m -Djdk.nio.maxCachedBufferSize=262144 ${SOAK_APP_OPTS:-} \
  -Dquarkus.http.port="$APP_PORT" -Dvospace.service.base-url="$APP/vault" \
  -Dportal.services.vault.capabilities="$APP/vault/capabilities" \
  -Dvospace.service.data-dir="$W/data" -jar target/quarkus-app/quarkus-run.jar > "$W/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 600); do
  curl -fsS -o /dev/null "$APP/vault/availability" 2>/dev/null && break
  kill -0 "$app_pid" 2>/dev/null || { log "the app exited during start-up"; exit 1; }
  sleep 0.1
done
log "app up (pid $app_pid); soaking $USERS users for $SECONDS_RUN s"

( while kill -0 "$app_pid" 2>/dev/null; do
    printf '%s %s\n' "$(date +%s)" "$(awk '/^VmRSS/ {print $2}' "/proc/$app_pid/status" 2>/dev/null)"
    sleep 5
  done ) > "$W/rss.samples" 2>/dev/null &
sampler_pid=$!

t0="$(date +%s)"
set +e
java -cp "$W/classes" Soak "$APP" "http://127.0.0.1:$KC_PORT" "$USERS" "$SECONDS_RUN" > "$W/result.txt" 2> "$W/driver.log"
driver_rc=$?
set -e
t1="$(date +%s)"
cat "$W/driver.log" >&2
RESULT="$(cat "$W/result.txt")"
log "$RESULT"

# RSS over the load window (from the driver's start of load: user creation and logins left out):
# the mean of each minute, and the peak
load_t0="$(grep -o 'load starts at [0-9]*' "$W/driver.log" | awk '{print $4}')"
[ -n "$load_t0" ] && t0="$load_t0"
RSS="$(awk -v a="$t0" -v b="$t1" '$2 > 0 && $1 >= a && $1 <= b { m = int(($1 - a) / 60); s[m] += $2; n[m]++; if (m > last) last = m; if ($2 > p) p = $2 }
  END { if (p == 0) { print "n/a"; exit }
        for (i = 0; i <= last; i++) if (n[i] > 0) out = out sprintf("%s%.0f", (i ? ", " : ""), s[i] / n[i] / 1024)
        printf "mean of each minute %s MiB; peak %.0f MiB", out, p / 1024 }' "$W/rss.samples")"
SERVER_ERRORS="$(grep -c -E 'ERROR' "$W/app.log" || true)"
OOM="$(grep -c OutOfMemoryError "$W/app.log" || true)"

cat > "$OUT" <<MD
## Soak (bench/soak.sh)

$(date -u +%F), $(nproc) CPUs, app at -Xmx256m on loopback, $USERS real Keycloak users for $SECONDS_RUN s,
each in its own folder: 22 % uploads (1 B-8 KiB, a quarter up to 2 MiB, some replacing a file), 18 %
downloads (MD5 compared), 12 % service listings (names compared), 12 % portal pages (logged in through
Keycloak's form), 8 % ZIPs (every entry's MD5 compared), 14 % moves (UWS job, polled), 14 %
permission changes; at the end every folder listed and every file downloaded and compared.

- driver: \`$RESULT\` (exit $driver_rc)
- RSS (sampled every 5 s): $RSS
- app log: $SERVER_ERRORS lines with ERROR, $OOM OutOfMemoryError
MD
log "wrote $OUT"
[ "$driver_rc" = 0 ] && [ "$OOM" = 0 ]
