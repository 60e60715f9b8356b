#!/usr/bin/env bash
# Small files and per-request CPU (issue 13, section 5): N files of SIZE bytes sent the way
# `vsync --nstreams STREAMS` sends them to the embedded VOSpace service of the packaged app (H2,
# local disk), then looked at again (per-file node GET, as a vsync of files already up to date)
# and listed (vls: ?limit=0 + the full listing), each beside nginx WebDAV PUT / HEAD / autoindex
# of the same files in the same rounds. Server CPU = utime+stime of the app's JVM (of nginx's
# master and worker) read by bench/SmallFiles.java just before and after each phase.
#
#   bench/smallfiles.sh                   # uses target/quarkus-app (build it first)
#   SF_JFR=1 bench/smallfiles.sh          # also records a JFR profile of the app (target/bench-small/app.jfr)
#
# Knobs: SF_FILES (1000), SF_SIZE (3072), SF_STREAMS (4), SF_ROUNDS (5), SF_WARM (300 files, not
# counted), SF_LIST_REPS (20 listings per round), SF_APP_PORT (8096), SF_NGINX_PORT (18096),
# KEYCLOAK_PORT (8180), SF_APP_OPTS (extra JVM options), SF_JAR (the app, default
# target/quarkus-app/quarkus-run.jar: another build to compare), SF_KEEP=1 keeps target/bench-small.
# Prints a Markdown table (median and min-max over the rounds, never the best run) on stdout and
# writes it to target/bench-small/result.md. It does not touch docs/BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
N="${SF_FILES:-1000}"
SIZE="${SF_SIZE:-3072}"
STREAMS="${SF_STREAMS:-4}"
ROUNDS="${SF_ROUNDS:-5}"
WARM="${SF_WARM:-300}"
LIST_REPS="${SF_LIST_REPS:-20}"
APP_PORT="${SF_APP_PORT:-8096}"
NGINX_PORT="${SF_NGINX_PORT:-18096}"
KC_PORT="${KEYCLOAK_PORT:-8180}"
W="$ROOT/target/bench-small"
APP="http://127.0.0.1:$APP_PORT"
NGX="http://127.0.0.1:$NGINX_PORT"
app_pid=""
nginx_pid=""

log() { printf '[smallfiles %s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }
cleanup() {
  local rc=$?
  set +e
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
    if [ "${SF_JFR:-0}" = 1 ]; then jcmd "$app_pid" JFR.dump name=sf filename="$W/app.jfr" >/dev/null 2>&1; fi
    kill -TERM "$app_pid"; for _ in $(seq 1 60); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$app_pid" 2>/dev/null; wait "$app_pid" 2>/dev/null
  fi
  if [ -n "$nginx_pid" ] && kill -0 "$nginx_pid" 2>/dev/null; then kill -TERM "$nginx_pid"; wait "$nginx_pid" 2>/dev/null; fi
  [ "$rc" != 0 ] && [ -f "$W/app.log" ] && tail -n 20 "$W/app.log" >&2
  if [ "${SF_KEEP:-0}" != 1 ]; then rm -rf "$W/data" "$W/nginx/www"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_free() { ! ss -ltn 2>/dev/null | awk '{print $4}' | grep -qE "[:.]$1\$"; }
for p in "$APP_PORT" "$NGINX_PORT"; do port_free "$p" || die "port $p is in use"; done
command -v nginx >/dev/null || die "nginx is missing: apt-get install -y nginx"
JAR="${SF_JAR:-target/quarkus-app/quarkus-run.jar}"
[ -f "$JAR" ] || die "build first: mvn -B -q -DskipTests package ($JAR is missing)"
rm -rf "$W"; mkdir -p "$W/classes" "$W/nginx/www/put" "$W/nginx/tmp"
javac -d "$W/classes" bench/SmallFiles.java
drive() { java -cp "$W/classes" SmallFiles "$@"; }

cat > "$W/nginx/nginx.conf" <<CONF
user root;
worker_processes 1;
pid $W/nginx/nginx.pid;
error_log $W/nginx/error.log warn;
events { worker_connections 256; }
http {
    access_log off;
    client_body_temp_path $W/nginx/tmp;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $W/nginx/www;
        location /put/ {
            dav_methods PUT;
            create_full_put_path on;
            autoindex on;
            autoindex_format json;
        }
    }
}
CONF
nginx -e "$W/nginx/error.log" -p "$W/nginx" -c "$W/nginx/nginx.conf" -g 'daemon off;' &
nginx_pid=$!
for _ in $(seq 1 50); do curl -fsS -o /dev/null "$NGX/put/" 2>/dev/null && break; sleep 0.2; done
nginx_pids="$nginx_pid,$(cat "/proc/$nginx_pid/task/$nginx_pid/children" | tr ' ' ',' | sed 's/,*$//')"

JFR_OPTS=""
[ "${SF_JFR:-0}" = 1 ] && JFR_OPTS="-XX:StartFlightRecording=name=sf,settings=profile,filename=$W/app.jfr"
# shellcheck disable=SC2086
VOSPACE_DEMO=true KEYCLOAK_URL="http://127.0.0.1:$KC_PORT" java -Xmx256m $JFR_OPTS ${SF_APP_OPTS:-} \
  -Dquarkus.http.port="$APP_PORT" -Dvospace.service.base-url="$APP/vault" \
  -Dvospace.service.data-dir="$W/data" -Dvospace.service.home-quota=100G \
  -jar "$JAR" > "$W/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 300); do
  curl -fsS -o /dev/null "$APP/vault/availability" 2>/dev/null && break
  kill -0 "$app_pid" 2>/dev/null || die "the app exited"
  sleep 0.2
done
TOKEN="$(KEYCLOAK_PORT="$KC_PORT" deploy/token.sh alice)"
mkcontainer() {
  local s
  s="$(curl -sS -o /dev/null -w '%{http_code}' -X PUT -H "Authorization: Bearer $TOKEN" -H 'Content-Type: text/xml' \
    --data-binary "<vos:node xmlns:vos=\"http://www.ivoa.net/xml/VOSpace/v2.0\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"vos:ContainerNode\" uri=\"vos://opencadc.org~vault/alice/$1\"><vos:properties/><vos:nodes/></vos:node>" \
    "$APP/vault/nodes/alice/$1")"
  [ "$s" = 201 ] || die "PUT /nodes/alice/$1 -> $s"
}
mkcontainer sf

# one phase: LABEL MODE URL N SIZE PIDS [TOKEN] -> appends "LABEL round key=value..." to results
phase() {
  local label="$1" round="$2"; shift 2
  local out
  out="$(drive "$@")" || die "$label round $round: $out"
  printf '%s %s %s\n' "$label" "$round" "$out" >> "$W/results.txt"
  log "$label r$round: $out"
}

log "warm-up: $WARM files each way (not counted)"
mkcontainer sf/warm
drive vos-put "$APP/vault/nodes/alice/sf/warm" "$WARM" "$STREAMS" "$SIZE" "$app_pid" "$TOKEN" >/dev/null
drive vos-stat "$APP/vault/nodes/alice/sf/warm" "$WARM" "$STREAMS" "$SIZE" "$app_pid" "$TOKEN" >/dev/null
drive vos-list "$APP/vault/nodes/alice/sf/warm" 5 "$STREAMS" "$WARM" "$app_pid" "$TOKEN" >/dev/null
drive nginx-put "$NGX/put/warm" "$WARM" "$STREAMS" "$SIZE" "$nginx_pids" >/dev/null

START_LOAD="$(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq 1 "$ROUNDS"); do
  mkcontainer "sf/r$r"
  phase "vos-put" "$r" vos-put "$APP/vault/nodes/alice/sf/r$r" "$N" "$STREAMS" "$SIZE" "$app_pid" "$TOKEN"
  phase "nginx-put" "$r" nginx-put "$NGX/put/r$r" "$N" "$STREAMS" "$SIZE" "$nginx_pids"
  phase "vos-stat" "$r" vos-stat "$APP/vault/nodes/alice/sf/r$r" "$N" "$STREAMS" "$SIZE" "$app_pid" "$TOKEN"
  phase "nginx-stat" "$r" nginx-stat "$NGX/put/r$r" "$N" "$STREAMS" "$SIZE" "$nginx_pids"
  phase "vos-list" "$r" vos-list "$APP/vault/nodes/alice/sf/r$r" "$LIST_REPS" "$STREAMS" "$N" "$app_pid" "$TOKEN"
  phase "nginx-list" "$r" nginx-list "$NGX/put/r$r" "$LIST_REPS" "$STREAMS" "$N" "$nginx_pids"
done
END_LOAD="$(cut -d' ' -f1-3 /proc/loadavg)"

# median and min-max of files/s and CPU-ms per file per phase; ratios app/nginx per round
{
  printf 'Run %s: %s files of %s bytes, %s streams, %s rounds (median, min-max), load average %s -> %s, %s CPUs.\n\n' \
    "$(date -u +%FT%TZ)" "$N" "$SIZE" "$STREAMS" "$ROUNDS" "$START_LOAD" "$END_LOAD" "$(nproc)"
  echo '| phase | files/s | server CPU-ms per file | requests per file |'
  echo '|---|---|---|---|'
  awk '
    function kv(k,   i, p) { for (i = 3; i <= NF; i++) { split($i, p, "="); if (p[1] == k) return p[2] } }
    { ph[$1] = 1; n[$1]++; fps[$1, n[$1]] = kv("files_per_s"); cpf[$1, n[$1]] = kv("cpu_ms_per_file");
      rq[$1] = kv("requests") / kv("files") }
    function stat(arr, p, k,   i, j, t, v, m) {
      for (i = 1; i <= k; i++) v[i] = arr[p, i] + 0
      for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
      m = (k % 2) ? v[(k + 1) / 2] : (v[k / 2] + v[k / 2 + 1]) / 2
      return sprintf("%.2f (%.2f-%.2f)", m, v[1], v[k])
    }
    END {
      split("vos-put nginx-put vos-stat nginx-stat vos-list nginx-list", order, " ")
      for (o = 1; o <= 6; o++) { p = order[o]; if (!(p in ph)) continue
        printf "| %s | %s | %s | %.2f |\n", p, stat(fps, p, n[p]), stat(cpf, p, n[p]), rq[p] }
      printf "\n| ratio, per round (median, min-max) | files/s app / nginx | CPU per file app / nginx |\n|---|---|---|\n"
      split("put stat list", kinds, " ")
      for (o = 1; o <= 3; o++) { k = kinds[o]; a = "vos-" k; b = "nginx-" k
        for (i = 1; i <= n[a]; i++) { rf[k, i] = fps[a, i] / fps[b, i]; rc[k, i] = (cpf[b, i] > 0) ? cpf[a, i] / cpf[b, i] : 0 }
        printf "| %s | %s | %s |\n", k, stat(rf, k, n[a]), stat(rc, k, n[a]) }
    }' "$W/results.txt"
} | tee "$W/result.md"
log "app RSS at the end: $(awk '/^VmHWM/ {print $2 " kB peak"}' "/proc/$app_pid/status")"
