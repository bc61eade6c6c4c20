#!/usr/bin/env bash
# Where the CPU of a token request goes: starts keymint as bench/run.sh does (java @jvm.options -jar,
# plus -XX:+PreserveFramePointer), drives POST /oauth2/token with wrk at 64 connections, records
# keymint's JVM, its embedded MariaDB and wrk with `perf record -g`, and sorts every sample into a
# part of the request (bench/profile-buckets.awk): share of the samples and CPU microseconds per
# request, each part's samples / frequency / requests served while perf recorded.
#
#   bench/profile.sh [--alg RS256|ES256] [--mode token|unknown|locked] [--seconds S] [--warmup S] [--skip-build] [--port N]
#
# --mode token: the bootstrap key gets tokens (default); unknown: a random unknown client ID per
# request; locked: a wrong secret for the bootstrap key, which locks it after the first failures,
# so that nearly every request is a locked-key reject (the reject paths). Needs perf (installed with apt-get when missing) and a JDK 21 or newer
# (JAVA_HOME or PATH). Writes to bench/out/profile-<timestamp>/; traffic goes to 127.0.0.1 only.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

ALG=RS256
MODE=token
SECONDS_RECORDED=15
WARMUP=45
BUILD=1
PORT=19091
FREQ=499
while [ $# -gt 0 ]; do
  case "$1" in
    --alg) ALG=$2; shift ;;
    --mode) MODE=$2; shift ;;
    --seconds) SECONDS_RECORDED=$2; shift ;;
    --warmup) WARMUP=$2; shift ;;
    --skip-build) BUILD=0 ;;
    --port) PORT=$2; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

JAVA=${JAVA_HOME:+$JAVA_HOME/bin/java}
JAVA=${JAVA:-$(command -v java)}
JDK_BIN=$(dirname "$(readlink -f "$JAVA")")
install() { if [ "$(id -u)" = 0 ]; then apt-get update && apt-get install -y "$@"; else sudo apt-get update && sudo apt-get install -y "$@"; fi; }
command -v perf >/dev/null || install linux-perf
command -v wrk >/dev/null || install wrk
if [ "$BUILD" = 1 ]; then
  # shellcheck disable=SC2086
  ./mvnw -q -B ${MAVEN_ARGS:-} package -DskipTests
fi
JAR="$ROOT/$(ls target/keymint-*.jar | grep -v original | head -1)"
OUT="$ROOT/bench/out/profile-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
ADMIN_ID=kmc_profile_admin
SECRET="kms_profile_$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' | head -c 40)"
# shellcheck source=bench/rate-limits.sh
. "$ROOT/bench/rate-limits.sh"
rate_limits on

http_get() { # PATH: the body, over bash's /dev/tcp (no curl needed)
  exec 3<>"/dev/tcp/127.0.0.1/$PORT" || return 1
  printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$1" >&3
  sed '1,/^\r$/d' <&3
  exec 3>&-
}
requests_served() { # every request the token endpoint answered, from its timer
  http_get /actuator/prometheus | awk '/^keymint_token_request_seconds_count/ { n += $NF } END { printf "%d", n }'
}

MALLOC_ARENA_MAX=2 "$JAVA" @"$ROOT/jvm.options" -XX:+PreserveFramePointer -jar "$JAR" \
  --server.port="$PORT" --server.address=127.0.0.1 --keymint.issuer="http://127.0.0.1:$PORT" \
  --keymint.embedded-database.directory="$OUT/data" --keymint.signing.keys-directory="$OUT/keys" \
  --keymint.bootstrap.client-id="$ADMIN_ID" --keymint.bootstrap.client-secret="$SECRET" \
  --keymint.token.algorithm="$ALG" "${RATE_LIMIT_ARGS[@]}" >"$OUT/keymint.log" 2>&1 &
KEYMINT=$!
trap 'kill $KEYMINT 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 1 180); do
  http_get /actuator/health/readiness 2>/dev/null | grep -q '"UP"' && break
  kill -0 "$KEYMINT" 2>/dev/null || { echo "keymint did not start; see $OUT/keymint.log" >&2; exit 1; }
  sleep 1
done
db_pid() { # the embedded MariaDB server of this run
  local cmdline
  for cmdline in /proc/[0-9]*/cmdline; do
    if tr '\0' ' ' <"$cmdline" 2>/dev/null | grep -q "mariadbd.*--datadir=$OUT/data/db"; then
      basename "$(dirname "$cmdline")"
      return
    fi
  done
}
DB=$(db_pid)

load() { # SECONDS
  if [ "$MODE" = unknown ]; then
    BENCH_MODE=unknown BENCH_SECRET="$SECRET" wrk -t1 -c64 -d"${1}s" --timeout 10s -s bench/keymint.lua "http://127.0.0.1:$PORT/oauth2/token"
  elif [ "$MODE" = locked ]; then
    BENCH_MODE=one BENCH_CLIENT_ID="$ADMIN_ID" BENCH_SECRET="${SECRET}wrong" \
      wrk -t1 -c64 -d"${1}s" --timeout 10s -s bench/keymint.lua "http://127.0.0.1:$PORT/oauth2/token"
  else
    BENCH_MODE=one BENCH_CLIENT_ID="$ADMIN_ID" BENCH_SECRET="$SECRET" \
      wrk -t1 -c64 -d"${1}s" --timeout 10s -s bench/keymint.lua "http://127.0.0.1:$PORT/oauth2/token"
  fi
}
echo "keymint $ALG, $MODE, warm-up ${WARMUP}s (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
load "$WARMUP" >"$OUT/warmup.txt"
load $((SECONDS_RECORDED + 4)) >"$OUT/wrk.txt" &
WRK_SHELL=$!
sleep 2
WRK=$(pgrep -P "$WRK_SHELL" -x wrk)
before=$(requests_served)
perf record -F "$FREQ" -e cpu-clock -g -p "$KEYMINT,$DB,$WRK" -o "$OUT/perf.data" -- sleep "$SECONDS_RECORDED" 2>"$OUT/perf-record.txt"
after=$(requests_served)
"$JDK_BIN/jcmd" "$KEYMINT" Compiler.perfmap >/dev/null
wait "$WRK_SHELL" || true
perf script -i "$OUT/perf.data" -F comm,pid,tid,ip,sym,dso 2>/dev/null >"$OUT/stacks.txt"
rm -f "/tmp/perf-$KEYMINT.map"
{
  echo "keymint $ALG $MODE: $((after - before)) requests in ${SECONDS_RECORDED}s ($(( (after - before) / SECONDS_RECORDED ))/s)," \
    "load average $(cut -d' ' -f1-3 /proc/loadavg), $(grep -c '' "$OUT/stacks.txt") stack lines"
  echo "share of the samples of keymint's JVM, its MariaDB and wrk; CPU microseconds per request"
  awk -v keymint="$KEYMINT" -v db="$DB" -v wrk="$WRK" -v hz="$FREQ" -v requests=$((after - before)) \
    -f bench/profile-buckets.awk "$OUT/stacks.txt"
} | tee "$OUT/profile.txt"
