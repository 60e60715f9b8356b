#!/usr/bin/env bash
# Performance of the portal and its embedded VOSpace service, each figure beside its baseline in
# the same run (issue "Benchmarks"). One command:
#
#   bench/run.sh                 # build, measure, write docs/BENCHMARKS.md, clean up
#   SKIP_BUILD=1 bench/run.sh    # use the jar already in target/quarkus-app
#
# What it does (everything on 127.0.0.1, every loop bounded in count and time):
#   1. builds the app (mvn -B -q -DskipTests package) unless SKIP_BUILD=1;
#   2. starts Keycloak with deploy/keycloak.sh start unless one already answers (and then leaves
#      it running at the end), the app jar with -Xmx256m on port 8085 (data dir target/bench/data;
#      start-up time to the first answer and idle RSS recorded) and nginx from Debian on port 8086
#      (the loopback baseline, config under target/bench/nginx);
#   3. streaming: a random file of BENCH_SIZE_MB (2048) MiB is uploaded to the service (POST
#      /vault/synctrans pushToVoSpace -> 303 -> transfer document -> curl -T endpoint) and
#      downloaded (GET /vault/files/... -> 303 -> curl Location), MD5 checked, peak RSS (VmHWM,
#      reset per phase through /proc/PID/clear_refs) and CPU time of the JVM recorded;
#   4. BENCH_ROUNDS (3) interleaved download rounds: service byte endpoint, portal
#      (/storage/vault/download/... with a session cookie from a real Keycloak login, 303
#      followed) and nginx; upload rounds: service, portal (PUT /storage/vault/upload/...), nginx
#      WebDAV PUT (+ its fsync), dd conv=fsync, and md5sum of the same bytes for scale;
#   5. ZIP: BENCH_ZIP_FILES (1000) random files of 1 MiB uploaded through the portal, then
#      BENCH_ROUNDS rounds of zip -0 -r (to /dev/null) vs the portal's package path
#      (/selection/archive) vs the portal-built ZIP (/selection/assemble), for the folder and for
#      the big file, with time to first byte; both ZIPs of the folder checked once with unzip -t;
#   6. listing: containers with 100 / 10,000 / 100,000 empty DataNodes (created with parallel
#      PUT /vault/nodes/... by bench/CreateChildren.java), then BENCH_LAT_N (50) requests each of
#      GET /vault/nodes/{dir}?limit=100 and of the portal page /storage/vault/list/{dir} (after 5
#      warm-ups): median / p90; for the largest also a page from the middle and a full listing;
#   7. BENCH_USERS (50) concurrent users for BENCH_LOAD_SECONDS (60) s, service then portal
#      (bench/LoadDriver.java: each user logs in through Keycloak, then lists and downloads);
#   8. stops what it started, writes docs/BENCHMARKS.md (summary of the targets first, then the
#      raw numbers, then bench/SOAK.md from bench/soak.sh's last run, then bench/NOTES.md), deletes
#      target/bench (BENCH_KEEP=1 keeps it).
#
# Keycloak: the shared one on 127.0.0.1:8180 is used if it answers (and left running); otherwise
# this script starts its own from this checkout's deploy/.keycloak on BENCH_KEYCLOAK_PORT (8187, so
# that nobody else comes to depend on it) and stops it at the end. One token is fetched up front
# (valid 30 min) and only replaced when Keycloak answers, so a Keycloak restarted by someone else
# in the middle of the run does not break it.
#
# Knobs: BENCH_SIZE_MB, BENCH_ROUNDS, BENCH_LAT_N, BENCH_LIST_SIZES ("100 10000 100000"),
# BENCH_UP_ROUNDS (5), BENCH_ZIP_FILES, BENCH_USERS, BENCH_LOAD_SECONDS, BENCH_LOAD_MAX_REQUESTS (1000000),
# BENCH_THREADS (8, PUT driver), BENCH_APP_PORT (8085), BENCH_NGINX_PORT (8086),
# BENCH_KEYCLOAK_PORT (8187), BENCH_APP_OPTS (extra JVM options, e.g.
# -Dquarkus.http.limits.max-chunk-size=8K to see the upload before that setting),
# BENCH_OUT (docs/BENCHMARKS.md), BENCH_KEEP.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

SIZE_MB="${BENCH_SIZE_MB:-2048}"
ROUNDS="${BENCH_ROUNDS:-3}"
# the upload baselines swing most (the disk is shared): more rounds there
UP_ROUNDS="${BENCH_UP_ROUNDS:-5}"
LAT_N="${BENCH_LAT_N:-50}"
LIST_SIZES="${BENCH_LIST_SIZES-100 10000 100000}"
THREADS="${BENCH_THREADS:-8}"
APP_PORT="${BENCH_APP_PORT:-8085}"
NGINX_PORT="${BENCH_NGINX_PORT:-8086}"
OUT="${BENCH_OUT:-docs/BENCHMARKS.md}"
W="$ROOT/target/bench"
APP="http://127.0.0.1:$APP_PORT"
BASE="$APP/vault"
NGX="http://127.0.0.1:$NGINX_PORT"
AUTHORITY="opencadc.org~vault"
BUSER="alice"
SHARED_KC_PORT="${KEYCLOAK_PORT:-8180}"
OWN_KC_PORT="${BENCH_KEYCLOAK_PORT:-8187}"
kc_ready_url() { printf 'http://127.0.0.1:%s/realms/vospace/.well-known/openid-configuration' "$1"; }
COMMAND="$(printf '%q ' "$0" "$@")"
[ "${SKIP_BUILD:-0}" = 1 ] && COMMAND="SKIP_BUILD=1 $COMMAND"

app_pid=""
nginx_pid=""
sampler_pid=""
kc_started=0

log() { printf '[bench %s] %s\n' "$(date +%T)" "$*" >&2; }
die() {
  log "FAILED: $*"
  if [ -n "$app_pid" ] && ! kill -0 "$app_pid" 2>/dev/null; then
    log "the app (pid $app_pid) is no longer running: something outside this script stopped it (see its log below)"
  fi
  if [ -n "$nginx_pid" ] && ! kill -0 "$nginx_pid" 2>/dev/null; then
    log "nginx (pid $nginx_pid) is no longer running"
  fi
  exit 1
}

cleanup() {
  local rc=$?
  set +e
  trap - EXIT INT TERM
  if [ -n "$sampler_pid" ] && kill -0 "$sampler_pid" 2>/dev/null; then
    kill "$sampler_pid" 2>/dev/null
    wait "$sampler_pid" 2>/dev/null
  fi
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
    log "stopping the app (pid $app_pid)"
    kill -TERM "$app_pid" 2>/dev/null
    for _ in $(seq 1 60); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$app_pid" 2>/dev/null && kill -KILL "$app_pid" 2>/dev/null
    wait "$app_pid" 2>/dev/null
  fi
  if [ -n "$nginx_pid" ] && kill -0 "$nginx_pid" 2>/dev/null; then
    log "stopping nginx (pid $nginx_pid)"
    kill -TERM "$nginx_pid" 2>/dev/null
    for _ in $(seq 1 20); do kill -0 "$nginx_pid" 2>/dev/null || break; sleep 0.5; done
    wait "$nginx_pid" 2>/dev/null
  fi
  if [ "$kc_started" = 1 ]; then
    log "stopping the Keycloak this run started (port $KC_PORT)"
    KEYCLOAK_PORT="$KC_PORT" deploy/keycloak.sh stop
  fi
  if [ "${BENCH_KEEP:-0}" != 1 ]; then
    if [ "$rc" != 0 ] && [ -f "$W/app.log" ]; then
      log "last lines of the app log:"; tail -n 30 "$W/app.log" >&2
    fi
    rm -rf "$W"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ------------------------------------------------------------------------- small helpers

now() { date +%s.%N; }
# $1 - $2 in seconds, 3 decimals
dt() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.3f", a - b}'; }
# MiB/s for $1 bytes in $2 seconds
mibs() { awk -v b="$1" -v s="$2" 'BEGIN{ if (s > 0) printf "%.1f", b / 1048576 / s; else print "n/a" }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
kb2mib() { awk -v k="$1" 'BEGIN{printf "%.0f", k / 1024}'; }
# reads numbers (seconds), prints "median p90 min max mean" in ms (p90 = nearest rank)
stats_ms() {
  sort -g | awk '{a[NR] = $1 * 1000; s += $1 * 1000}
    END { if (NR == 0) { print "n/a n/a n/a n/a n/a"; exit }
          med = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
          r = 0.9 * NR; i = int(r); if (i < r) i++
          printf "%.1f %.1f %.1f %.1f %.1f\n", med, a[i], a[1], a[NR], s / NR }'
}
median() { sort -g | awk '{a[NR] = $1} END { if (NR == 0) print "n/a"; else if (NR % 2) print a[(NR + 1) / 2]; else printf "%.1f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

port_free() { ! ss -ltn 2>/dev/null | awk '{print $4}' | grep -qE "[:.]$1\$"; }

# JVM memory and CPU (from /proc; the pid is the java process itself)
hwm_reset() { echo 5 > "/proc/$app_pid/clear_refs" 2>/dev/null || true; }
hwm_kb() { awk '/^VmHWM/ {print $2}' "/proc/$app_pid/status"; }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$app_pid/status"; }
CLK_TCK="$(getconf CLK_TCK)"
# user and system CPU seconds of a pid: "user sys"
cpu_of() { awk -v t="$CLK_TCK" '{ sub(/^.*\) /, ""); printf "%.2f %.2f\n", $12 / t, $13 / t }' "/proc/$1/stat"; }
# CPU used between two cpu_of samples: "U user + S sys", or the total with $3 decimals
cpu_split() { awk -v a="$1" -v b="$2" 'BEGIN{split(a,x," "); split(b,y," "); printf "%.1f user + %.1f sys", y[1]-x[1], y[2]-x[2]}'; }
cpu_total() { awk -v a="$1" -v b="$2" -v d="${3:-2}" 'BEGIN{split(a,x," "); split(b,y," "); printf "%." d "f", y[1]-x[1]+y[2]-x[2]}'; }
# per thread group of the JVM (request workers, event loops, everything else):
# "worker_user worker_sys worker_ctxsw loop_user loop_sys loop_ctxsw other_user other_sys" (ticks)
threads_snap() {
  local t comm
  for t in /proc/"$app_pid"/task/*; do
    comm="$(tr ' ' '_' < "$t/comm" 2>/dev/null)" || continue
    printf '%s %s %s\n' "$comm" "$(sed 's/^.*) //' "$t/stat" 2>/dev/null | awk '{print $12, $13}')" \
      "$(awk '/ctxt_switches/ {c += $2} END {print c + 0}' "$t/status" 2>/dev/null)"
  done | awk '$1 ~ /^executor-thread/ {a += $2; b += $3; c += $4; next}
              $1 ~ /^vert\.x-eventloo/ {d += $2; e += $3; f += $4; next}
              {g += $2; h += $3}
              END {print a + 0, b + 0, c + 0, d + 0, e + 0, f + 0, g + 0, h + 0}'
}
# describes the difference of two threads_snap lines
threads_diff() {
  awk -v a="$1" -v b="$2" -v t="$CLK_TCK" 'BEGIN { split(a, x, " "); split(b, y, " ");
    for (i = 1; i <= 8; i++) d[i] = y[i] - x[i];
    printf "request worker %.1f user + %.1f sys, event loop %.1f user + %.1f sys, other threads (GC, JIT, ...) %.1f user + %.1f sys; %d context switches of workers and event loops",
      d[1] / t, d[2] / t, d[4] / t, d[5] / t, d[7] / t, d[8] / t, d[3] + d[6] }'
}
# whole machine: "busy_ticks total_ticks"
machine_ticks() { awk '/^cpu / { t = 0; for (i = 2; i <= NF; i++) t += $i; print t - $5 - $6, t }' /proc/stat; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

# section bookkeeping: machine busy % and the app's share
declare -A SEC_LOAD SEC_BUSY SEC_APPCPU SEC_T0 SEC_M0 SEC_A0
section_begin() {
  SEC_LOAD[$1]="$(loadavg)"
  SEC_T0[$1]="$(now)"
  SEC_M0[$1]="$(machine_ticks)"
  SEC_A0[$1]="$(cpu_of "$app_pid")"
}
section_end() {
  local m1 a1
  m1="$(machine_ticks)"
  a1="$(cpu_of "$app_pid")"
  SEC_BUSY[$1]="$(awk -v a="${SEC_M0[$1]}" -v b="$m1" -v n="$(nproc)" 'BEGIN{
      split(a, x, " "); split(b, y, " "); tt = y[2] - x[2];
      if (tt > 0) printf "%.0f%% of %d CPUs", 100 * (y[1] - x[1]) / tt, n; else print "n/a" }')"
  SEC_APPCPU[$1]="$(awk -v a="${SEC_A0[$1]}" -v b="$a1" -v t0="${SEC_T0[$1]}" -v t1="$(now)" 'BEGIN{
      split(a, x, " "); split(b, y, " "); c = (y[1] - x[1]) + (y[2] - x[2]);
      printf "%.1f CPU-s in %.0f s wall", c, t1 - t0 }')"
  SEC_LOAD[$1]="${SEC_LOAD[$1]} -> $(loadavg)"
}

TOKEN=""
refresh_token() {
  local t
  if t="$(KEYCLOAK_PORT="$KC_PORT" deploy/token.sh "$BUSER" 2>"$W/token.err")"; then
    TOKEN="$t"
  elif [ -n "$TOKEN" ]; then
    log "could not refresh the token ($(head -c 200 "$W/token.err")); keeping the previous one"
  else
    die "no token: $(cat "$W/token.err")"
  fi
}
auth() { printf 'Authorization: Bearer %s' "$TOKEN"; }

# PUT a ContainerNode /$BUSER/$1
mkcontainer() {
  local code
  code="$(curl -sS -o "$W/mk.resp" -w '%{http_code}' -X PUT -H "$(auth)" -H 'Content-Type: text/xml' \
    --data-binary "<vos:node xmlns:vos=\"http://www.ivoa.net/xml/VOSpace/v2.0\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"vos:ContainerNode\" uri=\"vos://$AUTHORITY/$BUSER/$1\"/>" \
    "$BASE/nodes/$BUSER/$1")"
  [ "$code" = 201 ] || die "PUT container /$BUSER/$1 -> $code: $(head -c 300 "$W/mk.resp")"
}

# negotiates a pushToVoSpace of vos path $1; prints the first endpoint
negotiate_push() {
  local loc doc ep
  cat > "$W/push.xml" <<XML
<vos:transfer xmlns:vos="http://www.ivoa.net/xml/VOSpace/v2.0" version="2.1">
  <vos:target>vos://$AUTHORITY$1</vos:target>
  <vos:direction>pushToVoSpace</vos:direction>
  <vos:protocol uri="ivo://ivoa.net/vospace/core#httpput"/>
</vos:transfer>
XML
  loc="$(curl -sS -o /dev/null -w '%{http_code} %{redirect_url}' -X POST -H "$(auth)" \
    -H 'Content-Type: text/xml' --data-binary @"$W/push.xml" "$BASE/synctrans")"
  [ "${loc%% *}" = 303 ] || die "POST /synctrans -> $loc"
  doc="$(curl -sS -L --max-redirs 5 -H "$(auth)" "${loc#* }")"
  ep="$(printf '%s' "$doc" | grep -o '<vos:endpoint>[^<]*' | head -n 1 | sed 's/^<vos:endpoint>//; s/&amp;/\&/g')"
  [ -n "$ep" ] || die "no endpoint in the transfer document: $(printf '%s' "$doc" | head -c 500)"
  printf '%s\n' "$ep"
}

# logs $BUSER in through the portal (Keycloak code flow, as a browser does); cookie jar $PJAR,
# CSRF token (echoed in X-CSRF-Token / the csrf field) in $PCSRF
PJAR=""; PCSRF=""
portal_login() {
  local action
  PJAR="$W/portal.jar"; rm -f "$PJAR"
  curl -sS -c "$PJAR" -b "$PJAR" -L -o "$W/login.html" "$APP/storage/login" || die "GET /storage/login failed"
  action="$(grep -o 'id="kc-form-login"[^>]*' "$W/login.html" | grep -o 'action="[^"]*"' | sed 's/^action="//; s/"$//; s/&amp;/\&/g')"
  [ -n "$action" ] || die "no Keycloak login form behind /storage/login"
  r="$(curl -sS -c "$PJAR" -b "$PJAR" -L -o /dev/null -w '%{http_code} %{url_effective}' \
    --data-urlencode "username=$BUSER" --data-urlencode "password=$BUSER-pw" "$action")"
  case "$r" in "200 $APP/storage/"*) ;; *) die "portal login ended at $r" ;; esac
  # the token is bound to the session and carried by the pages (not the value of a cookie)
  curl -sS -c "$PJAR" -b "$PJAR" -o "$W/home.html" "$APP/storage/vault/list/$BUSER" || die "GET the home failed"
  PCSRF="$(grep -o 'data-csrf="[^"]*"' "$W/home.html" | head -1 | sed 's/^data-csrf="//; s/"$//')"
  [ -n "$PCSRF" ] || die "no CSRF token in the portal's page after the login"
}

# PUT file $2 through the portal's upload route to vos path $1; prints "code bytes seconds"
portal_put() {
  curl -sS -o "$W/pput.resp" -w '%{http_code} %{size_upload} %{time_total}' -b "$PJAR" \
    -H "X-CSRF-Token: $PCSRF" -H 'X-Create-Parents: true' -T "$2" "$APP/storage/vault/upload$1"
}

# GET /vault/files/$1 with the token; prints the 303 Location
files_location() {
  local r
  r="$(curl -sS -o /dev/null -w '%{http_code} %{redirect_url}' -H "$(auth)" "$BASE/files$1")"
  [ "${r%% *}" = 303 ] || die "GET /files$1 -> $r"
  printf '%s\n' "${r#* }"
}

# ------------------------------------------------------------------------- preparation

mkdir -p "$W"
log "work dir $W"
for p in "$APP_PORT" "$NGINX_PORT"; do
  port_free "$p" || die "port $p on 127.0.0.1 is in use"
done
command -v nginx >/dev/null || die "nginx is missing: apt-get update && apt-get install -y nginx"
for c in curl java awk md5sum python3 ss zip unzip split; do command -v "$c" >/dev/null || die "$c is missing"; done

need_kb=$(( (SIZE_MB * 5 + 5120) * 1024 ))
avail_kb="$(df -Pk "$W" | awk 'NR == 2 {print $4}')"
log "disk: $(df -h "$W" | awk 'NR == 2 {print $4 " free on " $1 " (" $6 ")"}'); this run needs about $((need_kb / 1048576)) GiB"
[ "$avail_kb" -ge "$need_kb" ] || die "not enough free disk space under $W"

START_DATE="$(date -u +%FT%TZ)"
START_LOAD="$(loadavg)"
# the second sample of top = CPU use over the last second
START_TOP="$(top -b -n 2 -d 1 -o %CPU 2>/dev/null | awk '/^top -/ {n++} n == 2 && $1 ~ /^[0-9]+$/ && $9 + 0 > 1 {printf "%s %s%%; ", $12, $9}' | head -c 300)"
[ -n "$START_TOP" ] || START_TOP="nothing above 1 %"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  log "building: mvn -B -q -DskipTests package"
  mvn -B -q -DskipTests package
fi
[ -f target/quarkus-app/quarkus-run.jar ] || die "target/quarkus-app/quarkus-run.jar is missing (build first)"

if curl -fsS -o /dev/null --max-time 5 "$(kc_ready_url "$SHARED_KC_PORT")" 2>/dev/null; then
  KC_PORT="$SHARED_KC_PORT"
  KC_NOTE="the shared Keycloak on port $KC_PORT (already running, left running)"
  log "Keycloak already answers on port $KC_PORT: using it, and leaving it running afterwards"
else
  KC_PORT="$OWN_KC_PORT"
  KC_NOTE="Keycloak started by this run on port $KC_PORT (deploy/keycloak.sh start), stopped at the end"
  if ! curl -fsS -o /dev/null --max-time 5 "$(kc_ready_url "$KC_PORT")" 2>/dev/null; then
    log "starting Keycloak on port $KC_PORT (deploy/keycloak.sh start)"
    kc_started=1
  fi
  KEYCLOAK_PORT="$KC_PORT" deploy/keycloak.sh start
fi
refresh_token

# the test file (random, so nothing on the way can compress it)
mkdir -p "$W/files"
SRC="$W/files/big.bin"
SIZE_BYTES=$((SIZE_MB * 1048576))
log "writing $SIZE_MB MiB of random data to $SRC"
head -c "$SIZE_BYTES" /dev/urandom > "$SRC"
SRC_MD5="$(md5sum "$SRC" | cut -d' ' -f1)"
SRC_MD5_B64="$(python3 -c 'import base64, sys; print(base64.b64encode(bytes.fromhex(sys.argv[1])).decode())' "$SRC_MD5")"
log "md5 $SRC_MD5"

# nginx: GET serves www/ (big.bin is a hard link of the source), PUT (WebDAV) writes www/put/
mkdir -p "$W/nginx/www/put" "$W/nginx/tmp/body" "$W/nginx/tmp/proxy" "$W/nginx/tmp/fastcgi" \
  "$W/nginx/tmp/uwsgi" "$W/nginx/tmp/scgi"
ln "$SRC" "$W/nginx/www/big.bin"
cat > "$W/nginx/nginx.conf" <<CONF
user root;
worker_processes 1;
pid $W/nginx/nginx.pid;
error_log $W/nginx/error.log warn;
events { worker_connections 64; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    client_body_temp_path $W/nginx/tmp/body;
    proxy_temp_path $W/nginx/tmp/proxy;
    fastcgi_temp_path $W/nginx/tmp/fastcgi;
    uwsgi_temp_path $W/nginx/tmp/uwsgi;
    scgi_temp_path $W/nginx/tmp/scgi;
    default_type application/octet-stream;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $W/nginx/www;
        location /put/ {
            dav_methods PUT;
            client_max_body_size 0;
            client_body_buffer_size 256k;
        }
    }
}
CONF
log "starting nginx on $NGX"
nginx -e "$W/nginx/error.log" -p "$W/nginx" -c "$W/nginx/nginx.conf" -g 'daemon off;' &
nginx_pid=$!
for _ in $(seq 1 50); do
  curl -fsS -o /dev/null -r 0-0 "$NGX/big.bin" 2>/dev/null && break
  kill -0 "$nginx_pid" 2>/dev/null || die "nginx exited: $(cat "$W/nginx/error.log")"
  sleep 0.2
done
nginx_worker="$(cat "/proc/$nginx_pid/task/$nginx_pid/children" 2>/dev/null | awk '{print $1}')"
[ -n "$nginx_worker" ] || nginx_worker="$nginx_pid"

# shellcheck disable=SC2206
JAVA_CMD=(java -Xmx256m -Djdk.nio.maxCachedBufferSize=262144 ${BENCH_APP_OPTS:-} -Dquarkus.http.port="$APP_PORT" -Dvospace.service.base-url="$BASE"
  -Dvospace.service.data-dir="$W/data" -Dvospace.service.home-quota=100G
  -jar target/quarkus-app/quarkus-run.jar)
log "starting the app: ${JAVA_CMD[*]}"
# the dev realm's demo secrets: a production start refuses them unless VOSPACE_DEMO=true
VOSPACE_DEMO=true KEYCLOAK_URL="http://127.0.0.1:$KC_PORT" "${JAVA_CMD[@]}" > "$W/app.log" 2>&1 &
app_pid=$!
app_t0="$(now)"
for _ in $(seq 1 600); do
  curl -fsS -o /dev/null "$BASE/availability" 2>/dev/null && break
  kill -0 "$app_pid" 2>/dev/null || die "the app exited during start-up"
  sleep 0.1
done
curl -fsS -o /dev/null "$BASE/availability" || die "the app did not answer within 60 s"
APP_STARTUP="$(dt "$(now)" "$app_t0")"
# the first portal page (anonymous root: the homes anyone can read) right after, not warmed
r="$(curl -sS -o /dev/null -w '%{http_code} %{time_total}' "$APP/storage/vault/list/")"
[ "${r%% *}" = 200 ] || die "GET /storage/vault/list/ after start-up -> $r"
PORTAL_FIRST_PAGE="$(printf '%.3f' "${r#* }")"
log "app up after ${APP_STARTUP}s (pid $app_pid); first portal page ${PORTAL_FIRST_PAGE}s"
sleep 5
RSS_IDLE0_KB="$(rss_kb)"

# RSS sampler (a cross-check of VmHWM): "epoch_seconds rss_kB", every 0.2 s
( while kill -0 "$app_pid" 2>/dev/null; do
    printf '%s %s\n' "$(date +%s.%N)" "$(awk '/^VmRSS/ {print $2}' "/proc/$app_pid/status" 2>/dev/null)"
    sleep 0.2
  done ) > "$W/rss.samples" 2>/dev/null &
sampler_pid=$!
sampled_max_kb() { awk -v a="$1" -v b="$2" '$1 >= a && $1 <= b && $2 > m {m = $2} END {print m + 0}' "$W/rss.samples"; }

# first authenticated request provisions the home
curl -fsS -o /dev/null -H "$(auth)" "$BASE/nodes/$BUSER?limit=0" || die "GET /nodes/$BUSER failed"
RSS_IDLE_KB="$(rss_kb)"
HWM_STARTUP_KB="$(hwm_kb)"
mkcontainer stream

# ------------------------------------------------------------------------- 1. streaming

VPATH="/$BUSER/stream/big.bin"
section_begin stream

# upload, end to end: negotiate + PUT
log "upload (end to end) of $SIZE_MB MiB to $VPATH"
hwm_reset
cpu0="$(cpu_of "$app_pid")"
th0="$(threads_snap)"
t0="$(now)"
EP="$(negotiate_push "$VPATH")"
t1="$(now)"
r="$(curl -sS -o "$W/put.resp" -w '%{http_code} %{size_upload} %{time_total}' -H "Digest: md5=$SRC_MD5_B64" \
  -T "$SRC" "$EP")"
t2="$(now)"
read -r code up_bytes up_time <<<"$r"
[ "$code" = 201 ] || die "upload -> $code: $(head -c 300 "$W/put.resp")"
[ "$up_bytes" = "$SIZE_BYTES" ] || die "curl sent $up_bytes of $SIZE_BYTES bytes"
UP_NEG="$(dt "$t1" "$t0")"
UP_PUT="$(printf '%.3f' "$up_time")"
UP_E2E="$(dt "$t2" "$t0")"
UP_MIBS="$(mibs "$SIZE_BYTES" "$UP_PUT")"
UP_E2E_MIBS="$(mibs "$SIZE_BYTES" "$UP_E2E")"
UP_HWM_KB="$(hwm_kb)"
UP_SAMPLED_KB="$(sampled_max_kb "$t0" "$t2")"
UP_CPU="$(cpu_split "$cpu0" "$(cpu_of "$app_pid")")"
UP_THREADS="$(threads_diff "$th0" "$(threads_snap)")"
log "upload: ${UP_PUT}s (${UP_MIBS} MiB/s), end to end ${UP_E2E}s, VmHWM $(kb2mib "$UP_HWM_KB") MiB"

# the service's own record of the bytes
head_resp="$(curl -sS -I -H "$(auth)" "$BASE/files$VPATH")"
SVC_DIGEST="$(printf '%s' "$head_resp" | tr -d '\r' | awk -F': ' 'tolower($1) == "digest" {print $2}')"
SVC_LEN="$(printf '%s' "$head_resp" | tr -d '\r' | awk -F': ' 'tolower($1) == "content-length" {print $2}')"
[ "$SVC_DIGEST" = "md5=$SRC_MD5_B64" ] || die "HEAD /files$VPATH: Digest '$SVC_DIGEST', expected md5=$SRC_MD5_B64"
[ "$SVC_LEN" = "$SIZE_BYTES" ] || die "HEAD /files$VPATH: length $SVC_LEN"

# download, end to end: 303 + GET, the bytes piped into md5sum (no copy on disk)
log "download (end to end, MD5 checked) of $VPATH"
hwm_reset
cpu0="$(cpu_of "$app_pid")"
th0="$(threads_snap)"
t0="$(now)"
LOC="$(files_location "$VPATH")"
t1="$(now)"
DL_MD5="$(curl -sS -w '%{stderr}%{http_code} %{size_download} %{time_total}\n' "$LOC" 2>"$W/dl.w" | md5sum | cut -d' ' -f1)" || die "download failed: $(cat "$W/dl.w")"
t2="$(now)"
read -r code dl_bytes dl_time < <(tail -n 1 "$W/dl.w")
[ "$code" = 200 ] || die "download -> $code: $(cat "$W/dl.w")"
[ "$dl_bytes" = "$SIZE_BYTES" ] || die "downloaded $dl_bytes of $SIZE_BYTES bytes"
[ "$DL_MD5" = "$SRC_MD5" ] || die "MD5 of the download $DL_MD5 != $SRC_MD5"
DL_NEG="$(dt "$t1" "$t0")"
DL_GET="$(printf '%.3f' "$dl_time")"
DL_E2E="$(dt "$t2" "$t0")"
DL_MIBS="$(mibs "$SIZE_BYTES" "$DL_GET")"
DL_E2E_MIBS="$(mibs "$SIZE_BYTES" "$DL_E2E")"
DL_HWM_KB="$(hwm_kb)"
DL_SAMPLED_KB="$(sampled_max_kb "$t0" "$t2")"
DL_CPU="$(cpu_split "$cpu0" "$(cpu_of "$app_pid")")"
DL_THREADS="$(threads_diff "$th0" "$(threads_snap)")"
log "download: ${DL_GET}s (${DL_MIBS} MiB/s) into md5sum, MD5 ok, VmHWM $(kb2mib "$DL_HWM_KB") MiB"
section_end stream

# ------------------------------------------------------------------------- 2. download vs nginx

section_begin download
portal_login
log "download rounds (to /dev/null): service byte endpoint vs portal vs nginx, $ROUNDS rounds"
# warm the file into the page cache once (not measured)
curl -sS -o /dev/null "$(files_location "$VPATH")"
curl -sS -o /dev/null "$NGX/big.bin"
DL_ROWS=""
hwm_reset
: > "$W/dl_app.times"; : > "$W/dl_ngx.times"; : > "$W/dl_portal.times"
for i in $(seq 1 "$ROUNDS"); do
  loc="$(files_location "$VPATH")"
  c0="$(cpu_of "$app_pid")"
  r="$(curl -sS -o /dev/null -w '%{http_code} %{size_download} %{time_total}' "$loc")"
  read -r code b ta <<<"$r"
  [ "$code" = 200 ] && [ "$b" = "$SIZE_BYTES" ] || die "app download round $i -> $r"
  ta="$(printf '%.3f' "$ta")"
  ca="$(cpu_total "$c0" "$(cpu_of "$app_pid")")"
  # the portal: the user's click, /storage/vault/download/... with the session cookie -> 303 -> bytes
  r="$(curl -sS -L -b "$PJAR" -o /dev/null -w '%{http_code} %{size_download} %{time_total} %{num_redirects}' "$APP/storage/vault/download$VPATH")"
  read -r code b tp nr <<<"$r"
  [ "$code" = 200 ] && [ "$b" = "$SIZE_BYTES" ] || die "portal download round $i -> $r"
  tp="$(printf '%.3f' "$tp")"
  c0="$(cpu_of "$nginx_worker")"
  r="$(curl -sS -o /dev/null -w '%{http_code} %{size_download} %{time_total}' "$NGX/big.bin")"
  read -r code b tn <<<"$r"
  [ "$code" = 200 ] && [ "$b" = "$SIZE_BYTES" ] || die "nginx download round $i -> $r"
  tn="$(printf '%.3f' "$tn")"
  cn="$(cpu_total "$c0" "$(cpu_of "$nginx_worker")")"
  echo "$ta" >> "$W/dl_app.times"; echo "$tn" >> "$W/dl_ngx.times"; echo "$tp" >> "$W/dl_portal.times"
  DL_ROWS+="| $i | $ta | $(mibs "$SIZE_BYTES" "$ta") | $ca | $tp | $(mibs "$SIZE_BYTES" "$tp") | $tn | $(mibs "$SIZE_BYTES" "$tn") | $cn | $(ratio "$(mibs "$SIZE_BYTES" "$tp")" "$(mibs "$SIZE_BYTES" "$tn")") |"$'\n'
  log "round $i: service ${ta}s ($(mibs "$SIZE_BYTES" "$ta") MiB/s, ${ca} CPU-s), portal ${tp}s ($(mibs "$SIZE_BYTES" "$tp") MiB/s), nginx ${tn}s ($(mibs "$SIZE_BYTES" "$tn") MiB/s, ${cn} CPU-s)"
done
DLR_HWM_KB="$(hwm_kb)"
DLR_APP_MIBS="$(mibs "$SIZE_BYTES" "$(median < "$W/dl_app.times")")"
DLR_PORTAL_MIBS="$(mibs "$SIZE_BYTES" "$(median < "$W/dl_portal.times")")"
DLR_NGX_MIBS="$(mibs "$SIZE_BYTES" "$(median < "$W/dl_ngx.times")")"
DLR_RATIO="$(ratio "$DLR_APP_MIBS" "$DLR_NGX_MIBS")"
DLR_PORTAL_RATIO="$(ratio "$DLR_PORTAL_MIBS" "$DLR_NGX_MIBS")"
section_end download

# ------------------------------------------------------------------------- 3. upload vs baselines

section_begin upload
portal_login
PVPATH="/$BUSER/stream/portal.bin"
log "upload rounds: service (negotiate + PUT) vs portal (PUT /storage/vault/upload/...) vs nginx WebDAV PUT (+ fsync) vs dd conv=fsync, $UP_ROUNDS rounds"
UP_ROWS=""
hwm_reset
: > "$W/up_app.times"; : > "$W/up_portal.times"; : > "$W/up_ngx.times"; : > "$W/up_ngxsync.times"; : > "$W/up_dd.times"; : > "$W/up_md5.times"
for i in $(seq 1 "$UP_ROUNDS"); do
  ep="$(negotiate_push "$VPATH")"
  r="$(curl -sS -o "$W/put.resp" -w '%{http_code} %{size_upload} %{time_total}' -H "Digest: md5=$SRC_MD5_B64" -T "$SRC" "$ep")"
  read -r code b ta <<<"$r"
  [ "$code" = 201 ] && [ "$b" = "$SIZE_BYTES" ] || die "app upload round $i -> $r $(head -c 300 "$W/put.resp")"
  ta="$(printf '%.3f' "$ta")"

  # the portal: one streamed PUT with the session cookie; the portal negotiates and forwards
  th0="$(threads_snap)"
  r="$(portal_put "$PVPATH" "$SRC")"
  UPP_THREADS="$(threads_diff "$th0" "$(threads_snap)")"
  read -r code b tp <<<"$r"
  [ "$code" = 201 ] && [ "$b" = "$SIZE_BYTES" ] || die "portal upload round $i -> $r $(head -c 300 "$W/pput.resp")"
  tp="$(printf '%.3f' "$tp")"

  rm -f "$W/nginx/www/put/big.bin"
  r="$(curl -sS -o /dev/null -w '%{http_code} %{size_upload} %{time_total}' -T "$SRC" "$NGX/put/big.bin")"
  read -r code b tn <<<"$r"
  [ "$code" = 201 ] && [ "$b" = "$SIZE_BYTES" ] || die "nginx PUT round $i -> $r"
  tn="$(printf '%.3f' "$tn")"
  s0="$(now)"
  python3 -c 'import os, sys; fd = os.open(sys.argv[1], os.O_RDONLY); os.fsync(fd); os.close(fd)' "$W/nginx/www/put/big.bin"
  ts="$(dt "$(now)" "$s0")"
  tns="$(awk -v a="$tn" -v b="$ts" 'BEGIN{printf "%.3f", a + b}')"
  rm -f "$W/nginx/www/put/big.bin"

  # the checksum the protocol requires, alone: md5sum of the same (cached) bytes
  s0="$(now)"
  md5sum "$SRC" > /dev/null
  tm="$(dt "$(now)" "$s0")"
  echo "$tm" >> "$W/up_md5.times"

  s0="$(now)"
  dd if="$SRC" of="$W/files/dd.bin" bs=1M conv=fsync status=none
  td="$(dt "$(now)" "$s0")"
  rm -f "$W/files/dd.bin"

  echo "$ta" >> "$W/up_app.times"; echo "$tp" >> "$W/up_portal.times"; echo "$tn" >> "$W/up_ngx.times"
  echo "$tns" >> "$W/up_ngxsync.times"; echo "$td" >> "$W/up_dd.times"
  UP_ROWS+="| $i | $ta | $(mibs "$SIZE_BYTES" "$ta") | $tp | $(mibs "$SIZE_BYTES" "$tp") | $tn | $(mibs "$SIZE_BYTES" "$tn") | $tns | $(mibs "$SIZE_BYTES" "$tns") | $td | $(mibs "$SIZE_BYTES" "$td") |"$'\n'
  log "round $i: service ${ta}s ($(mibs "$SIZE_BYTES" "$ta") MiB/s), portal ${tp}s ($(mibs "$SIZE_BYTES" "$tp") MiB/s), nginx PUT ${tn}s (+fsync ${tns}s), dd ${td}s"
done
UPR_HWM_KB="$(hwm_kb)"
UPR_APP_MIBS="$(mibs "$SIZE_BYTES" "$(median < "$W/up_app.times")")"
UPR_PORTAL_MIBS="$(mibs "$SIZE_BYTES" "$(median < "$W/up_portal.times")")"
UPR_NGX_MIBS="$(mibs "$SIZE_BYTES" "$(median < "$W/up_ngx.times")")"
UPR_NGXS_MIBS="$(mibs "$SIZE_BYTES" "$(median < "$W/up_ngxsync.times")")"
UPR_DD_MIBS="$(mibs "$SIZE_BYTES" "$(median < "$W/up_dd.times")")"
UPR_MD5_MIBS="$(mibs "$SIZE_BYTES" "$(median < "$W/up_md5.times")")"
# the last uploads must still read back intact, through either path
FINAL_MD5="$(curl -sS "$(files_location "$VPATH")" | md5sum | cut -d' ' -f1)"
[ "$FINAL_MD5" = "$SRC_MD5" ] || die "MD5 after the upload rounds $FINAL_MD5 != $SRC_MD5"
PORTAL_MD5="$(curl -sS -L -b "$PJAR" "$APP/storage/vault/download$PVPATH" | md5sum | cut -d' ' -f1)"
[ "$PORTAL_MD5" = "$SRC_MD5" ] || die "MD5 of the portal upload $PORTAL_MD5 != $SRC_MD5"
curl -sS -o /dev/null -X DELETE -H "$(auth)" "$BASE/nodes$PVPATH" || true
section_end upload

# ------------------------------------------------------------------------- 4. ZIP packages

# one timed archive request: POST /storage/vault/selection/$1 (archive = the service's package
# proxied, assemble = built by the portal) for vos path $2, body to /dev/null;
# prints "seconds first_byte_seconds bytes"
portal_zip() {
  local r code
  r="$(curl -sS -o "${3:-/dev/null}" -b "$PJAR" -w '%{http_code} %{time_total} %{time_starttransfer} %{size_download}' \
    --data-urlencode "csrf=$PCSRF" --data-urlencode action=zip --data-urlencode "path=$2" \
    "$APP/storage/vault/selection/$1")"
  code="${r%% *}"
  [ "$code" = 200 ] || die "POST /storage/vault/selection/$1 ($2) -> $r"
  printf '%s\n' "${r#* }" | awk '{printf "%.3f %.3f %s\n", $1, $2, $3}'
}
# checks a saved ZIP: every entry's CRC (unzip -t) and the number of file entries ($2)
zip_check() {
  local n
  unzip -tq "$1" > "$W/unzip.out" 2>&1 || die "unzip -t $1: $(head -c 300 "$W/unzip.out")"
  n="$(unzip -Z1 "$1" | grep -vc '/$')"
  [ "$n" = "$2" ] || die "$1 has $n file entries, expected $2"
}

section_begin zip
portal_login
ZN="${BENCH_ZIP_FILES:-1000}"
ZDIR="$W/files/many"
mkdir -p "$ZDIR"
log "writing $ZN random files of 1 MiB to $ZDIR"
head -c $((ZN * 1048576)) /dev/urandom | (cd "$ZDIR" && split -b 1048576 -a 4 -d - f)
ZBYTES=$((ZN * 1048576))
log "uploading them through the portal (4 parallel streamed PUTs, X-Create-Parents)"
t0="$(now)"
( cd "$ZDIR" && ls | xargs -P 4 -I{} curl -sS -o /dev/null -w '%{http_code}\n' -b "$PJAR" \
    -H "X-CSRF-Token: $PCSRF" -H 'X-Create-Parents: true' -T {} "$APP/storage/vault/upload/$BUSER/many/{}" ) > "$W/many.codes"
ZUP_S="$(dt "$(now)" "$t0")"
ok="$(grep -c '^201$' "$W/many.codes" || true)"
[ "$ok" = "$ZN" ] || die "only $ok of $ZN small uploads answered 201: $(sort "$W/many.codes" | uniq -c | tr '\n' ' ')"
log "$ZN uploads in ${ZUP_S}s"

hwm_reset
: > "$W/zip.rows"
ZIP_ROWS=""
zip_case() { # $1 label, $2 local dir, $3 local name, $4 vos path, $5 bytes
  local label="$1" i t0 tz rz ra rb
  # baseline: zip -0 -r of the same files (warm in the page cache) to /dev/null
  (cd "$2" && zip -0 -r -q - "$3" > /dev/null)   # warm-up, not timed
  : > "$W/z_base.times"; : > "$W/z_pkg.times"; : > "$W/z_own.times"; : > "$W/z_pkg.fb"; : > "$W/z_own.fb"
  for i in $(seq 1 "$ROUNDS"); do
    t0="$(now)"; (cd "$2" && zip -0 -r -q - "$3" > /dev/null); tz="$(dt "$(now)" "$t0")"
    read -r ra fa ba < <(portal_zip archive "$4")
    read -r rb fb bb < <(portal_zip assemble "$4")
    [ "$ba" -ge "$5" ] && [ "$bb" -ge "$5" ] || die "ZIP of $4 too short: package $ba, portal-built $bb, files $5"
    echo "$tz" >> "$W/z_base.times"; echo "$ra" >> "$W/z_pkg.times"; echo "$rb" >> "$W/z_own.times"
    echo "$fa" >> "$W/z_pkg.fb"; echo "$fb" >> "$W/z_own.fb"
    ZIP_ROWS+="| $label | $i | $tz | $(mibs "$5" "$tz") | $ra | $fa | $(mibs "$5" "$ra") | $rb | $fb | $(mibs "$5" "$rb") |"$'\n'
    log "ZIP $label round $i: zip -0 ${tz}s, package ${ra}s (first byte ${fa}s), portal-built ${rb}s (first byte ${fb}s)"
  done
  local mz ma mb
  mz="$(mibs "$5" "$(median < "$W/z_base.times")")"
  ma="$(mibs "$5" "$(median < "$W/z_pkg.times")")"
  mb="$(mibs "$5" "$(median < "$W/z_own.times")")"
  printf '%s|%s|%s|%s|%s|%s|%s|%s\n' "$label" "$mz" "$ma" "$(ratio "$ma" "$mz")" "$(sort -g "$W/z_pkg.fb" | tail -n 1)" \
    "$mb" "$(ratio "$mb" "$mz")" "$(sort -g "$W/z_own.fb" | tail -n 1)" >> "$W/zip.rows"
}
zip_case "$ZN × 1 MiB" "$W/files" many "/$BUSER/many" "$ZBYTES"
zip_case "1 × $SIZE_MB MiB" "$W/files" big.bin "$VPATH" "$SIZE_BYTES"
ZIP_HWM_KB="$(hwm_kb)"
# correctness, once per path (saved, not timed): every CRC and the entry count
log "checking the $ZN-file ZIPs (unzip -t)"
portal_zip archive "/$BUSER/many" "$W/pkg.zip" > /dev/null; zip_check "$W/pkg.zip" "$ZN"; rm -f "$W/pkg.zip"
portal_zip assemble "/$BUSER/many" "$W/own.zip" > /dev/null; zip_check "$W/own.zip" "$ZN"; rm -f "$W/own.zip"
section_end zip

# the 2 GiB blob is not needed any more: free the disk before the listing part
curl -sS -o /dev/null -X DELETE -H "$(auth)" "$BASE/nodes$VPATH" || true
rm -f "$W/nginx/www/big.bin" "$SRC"

# ------------------------------------------------------------------------- 4. listing

LIST_MD="(The listing part was skipped: BENCH_LIST_SIZES was empty.)"
LIST_SUMMARY="skipped"
largest=""
if [ -n "$LIST_SIZES" ]; then
  section_begin listing
  refresh_token
  LIST_ROWS=""
  CREATE_ROWS=""
  largest=""
  for n in $LIST_SIZES; do
    dir="list$n"
    mkcontainer "$dir"
    log "creating $n empty DataNodes in /$BUSER/$dir ($THREADS parallel PUTs)"
    java bench/CreateChildren.java "$BASE" "$TOKEN" "/$BUSER/$dir" "$n" "$THREADS" "$AUTHORITY" > "$W/create.out" \
      || die "creating children of /$BUSER/$dir failed: $(cat "$W/create.out")"
    # "created N in S s (R/s), F failed"
    read -r tc rate < <(awk '{r = $6; gsub(/[^0-9.]/, "", r); print $4, r}' "$W/create.out")
    CREATE_ROWS+="| $n | $tc | $rate |"$'\n'
    largest="$n"
  done
  # the JVM's peak while the nodes were created (includes the H2 cache)
  CREATE_HWM_KB="$(hwm_kb)"
  refresh_token
  hwm_reset
  portal_login
  # warm the JIT on the listing paths once, on the largest container (not measured)
  for _ in $(seq 1 50); do curl -fsS -o /dev/null -H "$(auth)" "$BASE/nodes/$BUSER/list$largest?limit=100"; done
  for _ in $(seq 1 50); do curl -fsS -o /dev/null -b "$PJAR" "$APP/storage/vault/list/$BUSER/list$largest"; done
  for n in $LIST_SIZES; do
    dir="list$n"
    url="$BASE/nodes/$BUSER/$dir?limit=100"
    for _ in 1 2 3 4 5; do curl -fsS -o /dev/null -H "$(auth)" "$url"; done
    : > "$W/lat.times"
    for _ in $(seq 1 "$LAT_N"); do
      r="$(curl -sS -o "$W/page.xml" -w '%{http_code} %{time_total}' -H "$(auth)" "$url")"
      [ "${r%% *}" = 200 ] || die "GET $url -> $r"
      echo "${r#* }" >> "$W/lat.times"
    done
    got="$(grep -o '<vos:node ' "$W/page.xml" | wc -l)"
    got=$((got - 1))   # the container itself
    want=$(( n < 100 ? n : 100 ))
    [ "$got" = "$want" ] || die "GET $url listed $got children, expected $want"
    read -r med p90 mn mx mean < <(stats_ms < "$W/lat.times")
    LIST_ROWS+="| $n | service: first page, \`GET /vault/nodes/…?limit=100\` | $LAT_N | $med | $p90 | $mn | $mx | $mean |"$'\n'
    echo "$med" > "$W/svc_med.$n"
    log "$n children: service limit=100 median ${med} ms, p90 ${p90} ms"
    # the portal's page: the same first 100 rows, fetched from the service and rendered to HTML
    purl="$APP/storage/vault/list/$BUSER/$dir"
    for _ in 1 2 3 4 5; do curl -fsS -o /dev/null -b "$PJAR" "$purl"; done
    : > "$W/lat.times"
    for _ in $(seq 1 "$LAT_N"); do
      r="$(curl -sS -o "$W/page.html" -w '%{http_code} %{time_total}' -b "$PJAR" "$purl")"
      [ "${r%% *}" = 200 ] || die "GET $purl -> $r"
      echo "${r#* }" >> "$W/lat.times"
    done
    got="$(grep -o '<tr class="row ' "$W/page.html" | wc -l)"
    [ "$got" = "$want" ] || die "GET $purl showed $got rows, expected $want"
    read -r med p90 mn mx mean < <(stats_ms < "$W/lat.times")
    LIST_ROWS+="| $n | portal: first page, \`GET /storage/vault/list/…\` (HTML) | $LAT_N | $med | $p90 | $mn | $mx | $mean |"$'\n'
    echo "$med" > "$W/portal_med.$n"
    log "$n children: portal page median ${med} ms, p90 ${p90} ms"
  done
  # the largest: a page from the middle (keyset start uri=...), and one full listing
  n="$largest"; dir="list$n"
  mid="$(printf 'f%07d' $((n / 2)))"
  url="$BASE/nodes/$BUSER/$dir?limit=100&uri=vos%3A%2F%2F$AUTHORITY%2F$BUSER%2F$dir%2F$mid"
  for _ in 1 2 3 4 5; do curl -fsS -o /dev/null -H "$(auth)" "$url"; done
  : > "$W/lat.times"
  for _ in $(seq 1 "$LAT_N"); do
    r="$(curl -sS -o "$W/page.xml" -w '%{http_code} %{time_total}' -H "$(auth)" "$url")"
    [ "${r%% *}" = 200 ] || die "GET $url -> $r"
    echo "${r#* }" >> "$W/lat.times"
  done
  grep -q "/$dir/$mid\"" "$W/page.xml" || die "the middle page does not start at $mid"
  read -r med p90 mn mx mean < <(stats_ms < "$W/lat.times")
  LIST_ROWS+="| $n | page from the middle, \`?limit=100&uri=…/$mid\` | $LAT_N | $med | $p90 | $mn | $mx | $mean |"$'\n'
  LIST_HWM_KB="$(hwm_kb)"
  log "$n children: middle page median ${med} ms, p90 ${p90} ms"
  log "full listing of /$BUSER/$dir (no limit)"
  hwm_reset
  r="$(curl -sS -o "$W/full.xml" -w '%{http_code} %{size_download} %{time_total}' -H "$(auth)" "$BASE/nodes/$BUSER/$dir")"
  read -r code FULL_BYTES FULL_TIME <<<"$r"
  FULL_TIME="$(printf '%.3f' "$FULL_TIME")"
  [ "$code" = 200 ] || die "full listing -> $r"
  FULL_COUNT=$(( $(grep -o '<vos:node ' "$W/full.xml" | wc -l) - 1 ))
  [ "$FULL_COUNT" = "$n" ] || die "the full listing has $FULL_COUNT children, expected $n"
  FULL_HWM_KB="$(hwm_kb)"
  rm -f "$W/full.xml"
  log "full listing: $FULL_COUNT children, $FULL_BYTES bytes in ${FULL_TIME}s, VmHWM $(kb2mib "$FULL_HWM_KB") MiB"
  section_end listing
  smallest="${LIST_SIZES%% *}"
  LIST_SVC_RATIO="$(ratio "$(cat "$W/svc_med.$largest")" "$(cat "$W/svc_med.$smallest")")"
  LIST_PORTAL_RATIO="$(ratio "$(cat "$W/portal_med.$largest")" "$(cat "$W/portal_med.$smallest")")"
  LIST_SUMMARY="service $(cat "$W/svc_med.$smallest") → $(cat "$W/svc_med.$largest") ms (**${LIST_SVC_RATIO}×**); portal page $(cat "$W/portal_med.$smallest") → $(cat "$W/portal_med.$largest") ms (**${LIST_PORTAL_RATIO}×**)"
LIST_MD="$(cat <<MD
## 5. First page of a large container: service and portal (keyset paging on name)

Children are empty DataNodes \`f0000000…\`, created through HTTP (\`PUT /vault/nodes/…\`,
$THREADS parallel keep-alive connections, \`bench/CreateChildren.java\`):

| children | seconds | nodes/s |
|---|---|---|
${CREATE_ROWS}
Then (after 50 untimed requests per path to warm the JIT), per container, 5 warm-up requests and $LAT_N timed ones, one \`curl\` each (new connection).
Service: bearer token validated every time, \`detail\` default = max, ~73 KB of XML for a 100-child page.
Portal: the session cookie (tokens decrypted from it), one \`limit=101\` call to the service over
loopback HTTP with the user's token, the whole page rendered (100 rows, quota bar, dialogs).
Milliseconds from curl's \`time_total\`:

| children | request | n | median ms | p90 ms | min ms | max ms | mean ms |
|---|---|---|---|---|---|---|---|
${LIST_ROWS}
Full listing of the $largest-child container (no \`limit\`, streamed in keyset batches of 1000):
$FULL_COUNT children, $FULL_BYTES bytes in ${FULL_TIME} s; JVM peak RSS during it $(kb2mib "$FULL_HWM_KB") MiB.
JVM peak RSS while creating the nodes: $(kb2mib "$CREATE_HWM_KB") MiB; during the paged requests: $(kb2mib "$LIST_HWM_KB") MiB.
Load: ${SEC_LOAD[listing]}; machine busy ${SEC_BUSY[listing]}; app ${SEC_APPCPU[listing]}.
MD
)"
fi

# ------------------------------------------------------------------------- 6. concurrent users

USERS="${BENCH_USERS:-50}"
LOAD_S="${BENCH_LOAD_SECONDS:-60}"
LOAD_MAX="${BENCH_LOAD_MAX_REQUESTS:-1000000}"
section_begin load
refresh_token
LOAD_ROWS=""
for mode in service portal; do
  log "$USERS concurrent users ($mode) for ${LOAD_S}s: first page of /$BUSER/many ($ZN files), download of a 1 MiB file, alternately"
  [ "$mode" = portal ] && sleep 40 # the service run's idle workers end (keep-alive 30 s) before the portal's count
  hwm_reset
  c0="$(cpu_of "$app_pid")"
  # worker threads (Quarkus' executor-thread-N) and all threads, every 0.5 s while the users run
  ( while kill -0 "$app_pid" 2>/dev/null; do
      printf '%s %s\n' "$(cat /proc/"$app_pid"/task/*/comm 2>/dev/null | grep -c '^executor-thread')" \
        "$(awk '/^Threads/ {print $2}' "/proc/$app_pid/status" 2>/dev/null)"
      sleep 0.5
    done ) > "$W/threads.samples" 2>/dev/null &
  threads_pid=$!
  if [ "$mode" = portal ]; then
    java bench/LoadDriver.java portal "$APP" "$USERS" "$LOAD_S" "$LOAD_MAX" "/$BUSER/many" "/$BUSER/many/f0001" "$BUSER" "$BUSER-pw" \
      > "$W/load.out" 2> "$W/load.err" || log "the $mode load run reported errors: $(head -c 600 "$W/load.err")"
  else
    java bench/LoadDriver.java service "$APP" "$USERS" "$LOAD_S" "$LOAD_MAX" "/$BUSER/many" "/$BUSER/many/f0001" "$TOKEN" \
      > "$W/load.out" 2> "$W/load.err" || log "the $mode load run reported errors: $(head -c 600 "$W/load.err")"
  fi
  kill "$threads_pid" 2>/dev/null; wait "$threads_pid" 2>/dev/null || true # killed: non-zero
  L_workers="$(awk '$1 > m {m = $1} END {print m + 0}' "$W/threads.samples")"
  L_threads="$(awk '$2 > m {m = $2} END {print m + 0}' "$W/threads.samples")"
  grep -q '^mode=' "$W/load.out" || die "the $mode load driver printed no result: $(head -c 600 "$W/load.err")"
  # key=value pairs -> L_<key>
  unset L_requests L_errors L_rps L_mibs L_list_p50 L_list_p99 L_dl_p50 L_dl_p99 L_seconds
  for kv in $(cat "$W/load.out"); do printf -v "L_${kv%%=*}" '%s' "${kv#*=}"; done
  ca="$(cpu_total "$c0" "$(cpu_of "$app_pid")" 0)"
  LOAD_ROWS+="| $mode | $USERS | $L_seconds | $L_requests | **$L_errors** | $L_rps | $L_mibs | $L_list_p50 | $L_list_p99 | $L_dl_p50 | $L_dl_p99 | $ca | $(kb2mib "$(hwm_kb)") MiB | $L_workers / $L_threads |"$'\n'
  printf -v "LOAD_ERR_$mode" '%s' "$L_errors"
  printf -v "LOAD_RPS_$mode" '%s' "$L_rps"
  log "$mode: $(cat "$W/load.out")"
done
section_end load

RUN_HWM_MAX_KB="$(awk '$2 > m {m = $2} END {print m + 0}' "$W/rss.samples")"
HEAP_INFO="$(jcmd "$app_pid" GC.heap_info 2>/dev/null | sed -n '2,4p' | sed 's/^ *//' || true)"
END_LOAD="$(loadavg)"

# ------------------------------------------------------------------------- report

log "writing $OUT"
CPU_MODEL="$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
MEM_TOTAL="$(free -h | awk '/^Mem:/ {print $2}')"
DISK="$(df -h "$W" | awk 'NR == 2 {print $1 ", " $2 " total, " $4 " free (" $6 ")"}')"
DISK_DEV="$(df -P "$W" | awk 'NR == 2 {print $1}' | sed 's:^/dev/::')"
DISK_ROT="$(cat "/sys/block/$DISK_DEV/queue/rotational" 2>/dev/null || echo '?')"
JAVA_VER="$(java -version 2>&1 | head -n 2 | tr '\n' ' ')"
NGINX_VER="$(nginx -v 2>&1)"
CURL_VER="$(curl --version | head -n 1 | cut -d' ' -f1-2)"
ZIP_VER="$(zip -v 2>/dev/null | sed -n '2p' | sed 's/^ *//; s/ by .*//; s/\.$//')"
GIT_REV="$(git rev-parse --short HEAD 2>/dev/null || echo '?')"
mkdir -p "$(dirname "$OUT")"
target_met() { awk -v a="$1" -v b="$2" 'BEGIN{ if (a == "n/a") print "n/a"; else if (a + 0 >= b + 0) print "met"; else print "**missed**" }'; }
target_max() { awk -v a="$1" -v b="$2" 'BEGIN{ if (a == "n/a") print "n/a"; else if (a + 0 <= b + 0) print "met"; else print "**missed**" }'; }
ZIP_SUMMARY=""
ZIP_TABLE=""
while IFS='|' read -r label mz ma ra fa mb rb fb; do
  ZIP_SUMMARY+="| ZIP of $label | package path ${ra}× of \`zip -0\`, first byte ≤ ${fa} s; portal-built ${rb}× , first byte ≤ ${fb} s | ≥ 0.7×, first byte < 1 s | $(target_met "$ra" 0.7)/$(target_met "$rb" 0.7); $(target_max "$fa" 1)/$(target_max "$fb" 1) |"$'\n'
  ZIP_TABLE+="| $label | $mz | $ma | **$ra** | $fa | $mb | **$rb** | $fb |"$'\n'
done < "$W/zip.rows"
cat > "$OUT" <<MD
# Benchmarks

Measured by \`bench/run.sh\` (one command; see the header of the script). All traffic is on
127.0.0.1; the app (portal and embedded service in one JVM) runs as \`java -Xmx256m -jar
target/quarkus-app/quarkus-run.jar\` with the embedded H2 database and the local blob store under
\`target/bench\`. **These are single runs on a shared 2-CPU machine**: other builds and tests may
run at the same time (see *Load*), so treat every figure as ±20 % or worse; the ratios against the
baselines (measured in the same minutes, interleaved) are more telling than the absolute numbers.

## Summary

| what | result (medians) | target | |
|---|---|---|---|
| download of $SIZE_MB MiB | portal $DLR_PORTAL_MIBS MiB/s (**${DLR_PORTAL_RATIO}×** nginx), service $DLR_APP_MIBS MiB/s (${DLR_RATIO}×), nginx $DLR_NGX_MIBS MiB/s | portal ≥ 0.8× | $(target_met "$DLR_PORTAL_RATIO" 0.8) |
| upload of $SIZE_MB MiB | portal $UPR_PORTAL_MIBS MiB/s (**$(ratio "$UPR_PORTAL_MIBS" "$UPR_NGXS_MIBS")×** nginx PUT+fsync at $UPR_NGXS_MIBS MiB/s, $(ratio "$UPR_PORTAL_MIBS" "$UPR_NGX_MIBS")× nginx PUT), service $UPR_APP_MIBS MiB/s ($(ratio "$UPR_APP_MIBS" "$UPR_NGXS_MIBS")×); the MD5 alone (\`md5sum\`) runs at $UPR_MD5_MIBS MiB/s: portal $(ratio "$UPR_PORTAL_MIBS" "$UPR_MD5_MIBS")× of it | portal ≥ 0.7× | $(target_met "$(ratio "$UPR_PORTAL_MIBS" "$UPR_NGXS_MIBS")" 0.7) |
${ZIP_SUMMARY}| first page, ${LIST_SIZES// / / } children | $LIST_SUMMARY | largest ≤ 1.5× smallest | $(target_max "${LIST_PORTAL_RATIO:-n/a}" 1.5) |
| $USERS users for ${LOAD_S} s | portal ${LOAD_RPS_portal} req/s, **${LOAD_ERR_portal} errors**; service ${LOAD_RPS_service} req/s, ${LOAD_ERR_service} errors (p50/p99 in §6) | zero errors | $( [ "${LOAD_ERR_portal}${LOAD_ERR_service}" = 00 ] && echo met || echo '**missed**') |
| memory at -Xmx256m | no OutOfMemoryError; peak RSS $(kb2mib "$RUN_HWM_MAX_KB") MiB (sampled every 0.2 s over the whole run) | no OOM | $(grep -q OutOfMemoryError "$W/app.log" && echo '**OOM**' || echo met) |
| start-up | ${APP_STARTUP} s to the first answer; idle RSS $(kb2mib "$RSS_IDLE0_KB") MiB | report | — |

## Run

| | |
|---|---|
| command | \`$COMMAND\` (commit \`$GIT_REV\`) |
| started | $START_DATE |
| app | \`${JAVA_CMD[*]}\` |
| machine | $(nproc) CPUs ($CPU_MODEL), $MEM_TOTAL RAM, kernel $(uname -r) |
| disk | $DISK (virtio block device; the kernel reports rotational=$DISK_ROT) |
| Keycloak | $KC_NOTE |
| java | $JAVA_VER |
| baselines | $NGINX_VER (1 worker, \`sendfile on\`, WebDAV PUT), $ZIP_VER, $CURL_VER |
| load average (1/5/15 min) | start $START_LOAD, end $END_LOAD |
| processes above 1 % CPU at start (top, 1 s) | $START_TOP |
| app start-up | ${APP_STARTUP} s from \`java -jar\` to the first answer of \`/vault/availability\` (polled every 0.1 s); the first portal page (\`/storage/vault/list/\`, anonymous, cold) then took ${PORTAL_FIRST_PAGE} s |
| JVM RSS | $(kb2mib "$RSS_IDLE0_KB") MiB idle 5 s after start-up; $(kb2mib "$RSS_IDLE_KB") MiB after the first authenticated request; $(kb2mib "$RUN_HWM_MAX_KB") MiB the highest sampled in the whole run |

## 1. Streaming a $SIZE_MB MiB file end to end through the service (-Xmx256m)

Upload = \`POST /vault/synctrans\` (pushToVoSpace) → 303 → transfer document → \`curl -T file
endpoint\` (with \`Digest: md5=\`, which the service checks). Download = \`GET /vault/files/…\` with
the token → 303 → \`curl Location | md5sum\`. MiB/s = $SIZE_MB MiB / seconds. Peak RSS = the
JVM's \`VmHWM\`, reset (\`/proc/PID/clear_refs\`) before each phase; "sampled" = the highest
\`VmRSS\` seen by a 0.2 s sampler in the same window.

| | negotiation / 303 | transfer | MiB/s (transfer) | end to end | MiB/s (end to end) | peak RSS (VmHWM) | sampled | JVM CPU |
|---|---|---|---|---|---|---|---|---|
| upload | ${UP_NEG} s | ${UP_PUT} s | **$UP_MIBS** | ${UP_E2E} s | $UP_E2E_MIBS | **$(kb2mib "$UP_HWM_KB") MiB** | $(kb2mib "$UP_SAMPLED_KB") MiB | $UP_CPU s |
| download | ${DL_NEG} s | ${DL_GET} s | **$DL_MIBS** | ${DL_E2E} s | $DL_E2E_MIBS | **$(kb2mib "$DL_HWM_KB") MiB** | $(kb2mib "$DL_SAMPLED_KB") MiB | $DL_CPU s |

- Source MD5 \`$SRC_MD5\`; the service's \`Digest\` after the upload \`$SVC_DIGEST\` (= source);
  MD5 of the downloaded stream \`$DL_MD5\` (**match**); after the upload rounds of §3 the content
  read back again with MD5 \`$FINAL_MD5\` through the service and \`$PORTAL_MD5\` for the file
  uploaded through the portal (**match**).
- The upload time includes the service's MD5, its write to \`data/tmp\`, the \`fsync\` of the file
  before the database points at the blob, and the rename; the download time includes
  \`md5sum\` in the client pipe (a limit of its own on this CPU, see §2 for /dev/null).
- JVM CPU by thread: upload: $UP_THREADS. Download: $DL_THREADS.
- Load in this section: ${SEC_LOAD[stream]}; machine busy ${SEC_BUSY[stream]}; app ${SEC_APPCPU[stream]}.

## 2. Download: service, portal, nginx (same file content, same run)

$ROUNDS interleaved rounds, each a full $SIZE_MB MiB GET to \`/dev/null\` (the files warm in the page
cache). Service = \`GET\` of the pre-authorised URL (the 303 from \`/vault/files\` is fetched before
the clock starts); portal = what the user's click does: \`GET /storage/vault/download/…\` with the
session cookie → 303 to the service's signed URL → the bytes (\`curl -L\`, the redirect inside the
time); nginx = \`GET $NGX/big.bin\`. CPU = CPU seconds (user+sys) the JVM / the nginx worker used.

| round | service s | service MiB/s | service CPU-s | portal s | portal MiB/s | nginx s | nginx MiB/s | nginx CPU-s | portal/nginx |
|---|---|---|---|---|---|---|---|---|---|
${DL_ROWS}
**Median: service $DLR_APP_MIBS MiB/s, portal $DLR_PORTAL_MIBS MiB/s, nginx $DLR_NGX_MIBS MiB/s; service/nginx = $DLR_RATIO, portal/nginx = $DLR_PORTAL_RATIO.**
JVM peak RSS during these rounds: $(kb2mib "$DLR_HWM_KB") MiB.
Load: ${SEC_LOAD[download]}; machine busy ${SEC_BUSY[download]}; app ${SEC_APPCPU[download]}.

## 3. Upload: service, portal, nginx PUT, dd

$UP_ROUNDS interleaved rounds. Service = negotiation (not timed) + \`curl -T\` to the endpoint, overwriting
the same DataNode (MD5 + temporary file + \`fsync\` + rename + database commit). Portal = one
\`curl -T\` to \`/storage/vault/upload/…\` with the session cookie and CSRF header: the portal
negotiates the transfer and streams the body on to the service (Vert.x \`sendStream\`, back-pressured),
so the bytes cross loopback twice inside the same JVM. nginx = WebDAV \`PUT\` (body to a temporary
file, rename, **no fsync**); "+fsync" adds an \`fsync\` of the result afterwards, which makes it
comparable to the app. dd = \`dd bs=1M conv=fsync\` of the source to the same disk (no HTTP).

| round | service s | MiB/s | portal s | MiB/s | nginx PUT s | MiB/s | nginx PUT+fsync s | MiB/s | dd s | MiB/s |
|---|---|---|---|---|---|---|---|---|---|---|
${UP_ROWS}
**Median: service $UPR_APP_MIBS MiB/s; portal $UPR_PORTAL_MIBS MiB/s; nginx PUT $UPR_NGX_MIBS MiB/s; nginx PUT+fsync $UPR_NGXS_MIBS MiB/s; dd+fsync $UPR_DD_MIBS MiB/s.
Portal/nginx PUT+fsync $(ratio "$UPR_PORTAL_MIBS" "$UPR_NGXS_MIBS"), service/nginx PUT+fsync $(ratio "$UPR_APP_MIBS" "$UPR_NGXS_MIBS"), portal/nginx PUT $(ratio "$UPR_PORTAL_MIBS" "$UPR_NGX_MIBS").**
For scale, \`md5sum\` alone (C, one core, the file cached) runs at $UPR_MD5_MIBS MiB/s here: the MD5 that the
service must compute for the \`Digest\` (VOSpace clients compare it) is a ceiling of its own, which
nginx's PUT does not pay. JVM CPU by thread during the last portal upload: $UPP_THREADS.
JVM peak RSS during these rounds: $(kb2mib "$UPR_HWM_KB") MiB.
Load: ${SEC_LOAD[upload]}; machine busy ${SEC_BUSY[upload]}; app ${SEC_APPCPU[upload]}.

## 4. ZIP of a selection: the service's package through the portal, the portal-built ZIP, \`zip -0\`

$ZN random files of 1 MiB, uploaded first through the portal's upload route (4 parallel streamed
PUTs: $ZN files in ${ZUP_S} s), and the $SIZE_MB MiB file of §1-3. Baseline = \`zip -0 -r -q -\`
of the same files (warm in the page cache) to \`/dev/null\`. Package path = \`POST
/storage/vault/selection/archive\` (the portal proxies the service's \`pkg\` ZIP stream); portal-built
= \`POST /storage/vault/selection/assemble\` (the portal lists the selection, fetches each file from
its pre-authorised URL and writes the ZIP itself, the path used for services without a package
capability). Both to \`/dev/null\` with the session cookie; "first byte" = curl's
\`time_starttransfer\`. $ROUNDS interleaved rounds; MiB/s counts the files' bytes.

| selection | round | zip -0 s | MiB/s | package s | first byte s | MiB/s | portal-built s | first byte s | MiB/s |
|---|---|---|---|---|---|---|---|---|---|
${ZIP_ROWS}
| selection | zip -0 MiB/s (median) | package MiB/s | package / zip | package first byte (worst) | portal-built MiB/s | portal-built / zip | portal-built first byte (worst) |
|---|---|---|---|---|---|---|---|
${ZIP_TABLE}
Both $ZN-file archives were also saved once and checked with \`unzip -t\` (every CRC) and their
entry count ($ZN files each). JVM peak RSS during this section: $(kb2mib "$ZIP_HWM_KB") MiB.
Load: ${SEC_LOAD[zip]}; machine busy ${SEC_BUSY[zip]}; app ${SEC_APPCPU[zip]}.

${LIST_MD}

## 6. $USERS concurrent users for ${LOAD_S} s

\`bench/LoadDriver.java\`: $USERS threads, each its own HTTP client (and, for the portal, its own
cookie jar after its own Keycloak login), alternately listing the first page of \`/$BUSER/many\`
($ZN files) and downloading the 1 MiB file \`/$BUSER/many/f0001\` (every byte read), for ${LOAD_S} s
or at most $LOAD_MAX requests. Portal = \`GET /storage/vault/list/…\` (HTML page) and \`GET
/storage/vault/download/…\` (303 followed); service = \`GET /vault/nodes/…?limit=100\` and \`GET
/vault/files/…\` (303 followed) with a bearer token. Latencies in milliseconds (p50/p99 over every
successful request); an error is a failed request, a status other than 200 or a short body.
Threads: the most request workers (\`executor-thread-*\`) and JVM threads seen by a 0.5 s sampler
while the users ran. The load driver runs on the same 2 CPUs as the app.

| path | users | seconds | requests | errors | requests/s | MiB/s | list p50 | list p99 | download p50 | download p99 | JVM CPU-s | peak RSS | peak worker / all threads |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
${LOAD_ROWS}
Load: ${SEC_LOAD[load]}; machine busy ${SEC_BUSY[load]}; app ${SEC_APPCPU[load]}.

## JVM heap at the end

\`\`\`
$HEAP_INFO
\`\`\`
MD
# the interpretation (written by hand, kept next to the script) follows the numbers
# the soak's last result (bench/soak.sh writes it; it is not re-run here: it takes 5 minutes more)
if [ -f bench/SOAK.md ]; then
  { echo; cat bench/SOAK.md; } >> "$OUT"
fi
if [ -f bench/NOTES.md ]; then
  { echo; cat bench/NOTES.md; } >> "$OUT"
fi
log "done: $OUT"
