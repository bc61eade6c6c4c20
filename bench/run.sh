#!/usr/bin/env bash
# keymint token-endpoint benchmark: builds keymint, starts it on a throwaway embedded MariaDB,
# creates benchmark keys with batch SQL, measures the signing ceiling of this JVM, then drives
# POST /oauth2/token with wrk through every scenario of docs/benchmarks.md and prints a table.
#
#   bench/run.sh [--quick] [--skip-build] [--jfr] [--port N] [--keys N] [--duration S] [--soak S]
#
# Environment: JAVA_HOME (a JDK 21 or newer; found on PATH otherwise), MAVEN_ARGS (extra arguments
# for the Maven build, e.g. -o), KEYMINT_JAVA_OPTS (JVM options of the server; default below),
# WRK_THREADS (default 1). Everything it writes goes to bench/out/<timestamp>/ (ignored by git).
# Traffic goes to 127.0.0.1 only, and every load run is bounded in time.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

QUICK=0
BUILD=1
JFR=0
PORT=19090
MILLION=1000000
DURATION=30
WARMUP=15
CEILING_SECONDS=10
SOAK=120
ROUNDS=7
ROUND_SECONDS=8
ROUND_CEILING=6
FLOOD_KEYS=1000
WRK_THREADS=${WRK_THREADS:-1}
# Server JVM for 2 cores and RSS <= 300 MB (reasoning in docs/architecture.md, "Performance"):
# a fixed 88 MB heap whose young generation is more than half of it (40 MB eden, 4 MB survivor
# spaces: what survives a young collection is under 1 MB), so that young collections come every
# ~200 ms instead of every ~90 ms; the old generation keeps 40 MB for a live set of ~35 MB.
# Serial GC, because on 2 cores a young collection takes 2-3 ms on one thread; compact object
# headers and periodic native-heap trimming on JDK 25+.
KEYMINT_JAVA_OPTS_DEFAULT="-Xms88m -Xmx88m -Xmn48m -XX:SurvivorRatio=10 -XX:+UseSerialGC -XX:MetaspaceSize=80m -XX:MaxMetaspaceSize=128m"
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}

while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --skip-build) BUILD=0 ;;
    --jfr) JFR=1 ;;
    --port) PORT=$2; shift ;;
    --keys) MILLION=$2; shift ;;
    --duration) DURATION=$2; shift ;;
    --soak) SOAK=$2; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
if [ "$QUICK" = 1 ]; then
  DURATION=${QUICK_DURATION:-6}
  WARMUP=4
  CEILING_SECONDS=3
  SOAK=15
  ROUNDS=3
  ROUND_SECONDS=5
  ROUND_CEILING=3
  [ "$MILLION" = 1000000 ] && MILLION=100000
fi

log() { printf '\n== %s\n' "$*" >&2; }

# ---------------------------------------------------------------- tools: JDK, wrk, build
java_major() { "$1" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}'; }
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  JAVA="$JAVA_HOME/bin/java"
elif command -v java >/dev/null; then
  JAVA=$(readlink -f "$(command -v java)")
fi
if [ -z "${JAVA:-}" ] || [ "$(java_major "$JAVA")" -lt 21 ]; then
  # Debian keeps JDKs side by side; take the newest one that is new enough
  JAVA=""
  for candidate in /usr/lib/jvm/*/bin/java; do
    [ -x "$candidate" ] || continue
    if [ "$(java_major "$candidate")" -ge 21 ] && { [ -z "$JAVA" ] || [ "$(java_major "$candidate")" -gt "$(java_major "$JAVA")" ]; }; then
      JAVA=$candidate
    fi
  done
fi
[ -n "$JAVA" ] || { echo "keymint needs a JDK 21 or newer (set JAVA_HOME)" >&2; exit 1; }
export JAVA_HOME
JAVA_HOME=$(dirname "$(dirname "$JAVA")")
JDK_BIN="$JAVA_HOME/bin"
if [ "$(java_major "$JAVA")" -ge 25 ]; then
  KEYMINT_JAVA_OPTS_DEFAULT="$KEYMINT_JAVA_OPTS_DEFAULT -XX:+UseCompactObjectHeaders -XX:TrimNativeHeapInterval=5000"
fi
KEYMINT_JAVA_OPTS=${KEYMINT_JAVA_OPTS:-$KEYMINT_JAVA_OPTS_DEFAULT}

if ! command -v wrk >/dev/null; then
  log "installing wrk"
  if [ "$(id -u)" = 0 ]; then
    apt-get update && apt-get install -y wrk
  else
    sudo apt-get update && sudo apt-get install -y wrk
  fi
fi

if [ "$BUILD" = 1 ]; then
  log "building keymint"
  # shellcheck disable=SC2086
  ./mvnw -q -B ${MAVEN_ARGS:-} package -DskipTests
fi
JAR="$ROOT/$(ls target/keymint-*.jar | grep -v original | head -1)"

OUT="$ROOT/bench/out/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT/tools/classes"
RESULTS="$OUT/results.txt"
NIMBUS=$("$JDK_BIN/jar" tf "$JAR" | grep 'BOOT-INF/lib/nimbus-jose-jwt-.*\.jar$')
(cd "$OUT/tools" && "$JDK_BIN/jar" xf "$JAR" "$NIMBUS")
TOOL_CP="$OUT/tools/classes:$OUT/tools/$NIMBUS"
"$JDK_BIN/javac" -nowarn -d "$OUT/tools/classes" -cp "$OUT/tools/$NIMBUS" bench/BenchTool.java
tool() { "$JAVA" -cp "$TOOL_CP" BenchTool "$@"; }

if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  echo "port $PORT is in use; pass --port" >&2
  exit 1
fi

CORES=$(nproc)
SECRET="kms_bench_$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' | head -c 40)"
ADMIN_ID=kmc_bench_admin
GOOD=kmc_bench_0000001
LOCKED=kmc_bench_0000002

# ---------------------------------------------------------------- keymint process
KEYMINT_PID=""
DB_PORT=""
stop_keymint() {
  if [ -n "$KEYMINT_PID" ] && kill -0 "$KEYMINT_PID" 2>/dev/null; then
    kill "$KEYMINT_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do
      kill -0 "$KEYMINT_PID" 2>/dev/null || break
      sleep 0.5
    done
    kill -9 "$KEYMINT_PID" 2>/dev/null || true
  fi
  KEYMINT_PID=""
}
trap stop_keymint EXIT INT TERM

start_keymint() { # ALG
  log "starting keymint ($1) on 127.0.0.1:$PORT, data in $OUT/data"
  # shellcheck disable=SC2086
  "$JAVA" $KEYMINT_JAVA_OPTS -jar "$JAR" \
    --server.port="$PORT" --server.address=127.0.0.1 \
    --keymint.issuer="http://127.0.0.1:$PORT" \
    --keymint.embedded-database.directory="$OUT/data" \
    --keymint.signing.keys-directory="$OUT/keys" \
    --keymint.bootstrap.client-id="$ADMIN_ID" --keymint.bootstrap.client-secret="$SECRET" \
    --keymint.token.algorithm="$1" >"$OUT/keymint-$1.log" 2>&1 &
  KEYMINT_PID=$!
  if ! tool wait "http://127.0.0.1:$PORT/actuator/health" 180; then
    echo "keymint did not become healthy; see $OUT/keymint-$1.log" >&2
    exit 1
  fi
  DB_PORT=$(sed -n 's/.*Embedded MariaDB listens on 127.0.0.1:\([0-9]*\).*/\1/p' "$OUT/keymint-$1.log" | tail -1)
}

sql() {
  "$OUT/data/server/bin/mariadb" --defaults-extra-file="$OUT/data/root.cnf" --skip-ssl --protocol=TCP -h127.0.0.1 -P"$DB_PORT" -N -B keymint -e "$1"
}

rss_mb() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status" 2>/dev/null || echo 0; }
db_pid() { # the embedded MariaDB server of this run (without pgrep, which slim images lack)
  local cmdline
  for cmdline in /proc/[0-9]*/cmdline; do
    if tr '\0' ' ' <"$cmdline" 2>/dev/null | grep -q "mariadbd.*--datadir=$OUT/data/db"; then
      basename "$(dirname "$cmdline")"
      return
    fi
  done
}

insert_keys() { # FROM TO: enabled keys kmc_bench_<n>, all with $SECRET, in batches of 50,000
  local from=$1 to=$2 now chunk
  now=$(($(date +%s) * 1000))
  chunk=50000
  for ((a = from; a <= to; a += chunk)); do
    local b=$((a + chunk - 1))
    [ "$b" -gt "$to" ] && b=$to
    sql "SET unique_checks = 0; SET foreign_key_checks = 0;
      INSERT INTO api_key (client_id, customer_id, role_id, name, status, session_validity_seconds,
          secret_hash, tokens_valid_after, created_at, updated_at)
      SELECT CONCAT('kmc_bench_', LPAD(seq, 7, '0')), '$CUSTOMER', '$ROLE', CONCAT('bench key ', seq),
          'ENABLED', 3600, '$HASH', $now, $now, $now
        FROM seq_${a}_to_${b};"
  done
}

# ---------------------------------------------------------------- wrk
WRK_URL="http://127.0.0.1:$PORT/oauth2/token"

wrk_run() { # LABEL CONNECTIONS SECONDS MODE [VAR=VALUE ...]; prints the RESULT line
  local label=$1 conns=$2 secs=$3 mode=$4
  shift 4
  env BENCH_LABEL="$label" BENCH_MODE="$mode" BENCH_SECRET="$SECRET" BENCH_CLIENT_ID="$GOOD" "$@" \
    wrk -t"$WRK_THREADS" -c"$conns" -d"${secs}s" --timeout 10s -s bench/keymint.lua "$WRK_URL" \
    >"$OUT/wrk-$label.txt" 2>&1 || true
  # CPU of wrk itself: this function runs in a subshell, whose only child was wrk
  times >"$OUT/wrk-$label.times"
  grep '^RESULT' "$OUT/wrk-$label.txt" || echo "RESULT label=$label requests=0 seconds=0 rate=0 p50_ms=0 p99_ms=0 max_ms=0 non2xx=0 socket_errors=0"
}

field() { # RESULT-LINE NAME
  echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"
}

# CPU time (clock ticks) of a process, and of the whole machine less idle time
TICKS_PER_SECOND=$(getconf CLK_TCK)
proc_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
busy_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }
CPU_BEFORE=""
cpu_mark() { CPU_BEFORE="$(proc_ticks "$KEYMINT_PID") $(proc_ticks "$(db_pid)") $(busy_ticks)"; }

declare -A RATE P50 P99 NON2XX RSS CPU KCPU
record() { # SCENARIO RESULT-LINE: figures of the run, and CPU per request since cpu_mark
  RATE[$1]=$(field "$2" rate)
  P50[$1]=$(field "$2" p50_ms)
  P99[$1]=$(field "$2" p99_ms)
  NON2XX[$1]=$(( $(field "$2" non2xx) + $(field "$2" socket_errors) ))
  RSS[$1]=$(rss_mb "$KEYMINT_PID")
  local requests
  requests=$(field "$2" requests)
  # microseconds of CPU per request: keymint JVM / MariaDB / wrk / everything else (kernel, other work)
  local wrk_seconds
  # (the second line of `times`: user and system time of the children)
  wrk_seconds=$(awk 'NR == 2 { for (i = 1; i <= 2; i++) { split($i, p, "m"); sub("s", "", p[2]); t += p[1] * 60 + p[2] } }
    END { print t + 0 }' "$OUT/wrk-$1.times" 2>/dev/null || echo 0)
  CPU[$1]="-"
  KCPU[$1]=""
  if [ -n "$CPU_BEFORE" ]; then
    CPU[$1]=$(echo "$CPU_BEFORE $(proc_ticks "$KEYMINT_PID") $(proc_ticks "$(db_pid)") $(busy_ticks)" | awk \
      -v n="$requests" -v hz="$TICKS_PER_SECOND" -v w="$wrk_seconds" '{ if (n == 0) { print "-"; exit }
        k = ($4 - $1) * 1e6 / hz / n; d = ($5 - $2) * 1e6 / hz / n; t = ($6 - $3) * 1e6 / hz / n; w = w * 1e6 / n;
        printf "%.0f/%.0f/%.0f/%.0f", k, d, w, t - k - d - w }')
    # keymint + MariaDB + wrk per request: the CPU a request needs on an otherwise idle machine
    KCPU[$1]=$(echo "${CPU[$1]}" | awk -F/ '{ print $1 + $2 + $3 }')
  fi
  CPU_BEFORE=""
  echo "$1: $2 rss_mb=${RSS[$1]} cpu_us_per_req(keymint/db/other)=${CPU[$1]}" | tee -a "$OUT/raw.txt" >&2
}

scenario() { # NAME CONNECTIONS MODE [VAR=VALUE ...]: a warm-up pass, then the measured one
  local name=$1 conns=$2 mode=$3 result
  shift 3
  wrk_run "$name-warmup" "$conns" "$WARMUP" "$mode" "$@" >/dev/null
  cpu_mark
  result=$(wrk_run "$name" "$conns" "$DURATION" "$mode" "$@")
  record "$name" "$result"
}

jfr() { # NAME SECONDS: a profile of the next SECONDS into the output folder
  [ "$JFR" = 1 ] || return 0
  "$JDK_BIN/jcmd" "$KEYMINT_PID" JFR.start name="$1" settings=profile duration="${2}s" \
    filename="$OUT/$1.jfr" >/dev/null
}

# The machine's speed drifts (docs/benchmarks.md): a ceiling or a rate measured minutes away from
# the load it is compared with says little about the moment of that load. So (a), (d) and (e) are
# also measured in ROUNDS short rounds, each right after a ceiling, the ceiling measured again at
# the end: a round's ratio is its rate over the higher of the two ceilings around it, and the
# median round is the scenario's rate in units of the ceiling (a64 against 0.85; d and e against
# a64's). During a round of d, the flood of wrong secrets runs with the good key's load only.
declare -A ROUND_MEDIAN ROUND_DETAIL
ceiling_rounds() { # LABEL FLOOD(0|1)
  local label=$1 flood=$2 round ceiling flood_pid=""
  local ceilings=() rates=() ratios=()
  for ((round = 1; round <= ROUNDS; round++)); do
    read -r _ _ ceiling _ < <(tool ceiling RS256 "$ROUND_CEILING" "$CORES")
    ceilings+=("$ceiling")
    if [ "$flood" = 1 ]; then
      wrk_run "$label-flood-$round" 64 $((ROUND_SECONDS + 3)) range BENCH_FROM=3 BENCH_TO="$FLOOD_KEYS" \
        BENCH_SECRET=wrong-secret >/dev/null &
      flood_pid=$!
      sleep 1.5
    fi
    rates+=("$(field "$(wrk_run "$label-round-$round" 64 "$ROUND_SECONDS" one)" rate)")
    if [ -n "$flood_pid" ]; then
      wait "$flood_pid" || true
      flood_pid=""
    fi
  done
  read -r _ _ ceiling _ < <(tool ceiling RS256 "$ROUND_CEILING" "$CORES")
  ceilings+=("$ceiling")
  for ((round = 0; round < ROUNDS; round++)); do
    ratios+=("$(awk -v r="${rates[$round]}" -v a="${ceilings[$round]}" -v b="${ceilings[$((round + 1))]}" \
      'BEGIN { printf "%.3f", r / (a > b ? a : b) }')")
  done
  ROUND_MEDIAN[$label]=$(printf '%s\n' "${ratios[@]}" | sort -n \
    | awk '{ v[NR] = $1 } END { printf "%.3f", (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }')
  ROUND_DETAIL[$label]="ceilings ${ceilings[*]}; rates ${rates[*]}; ratios ${ratios[*]}"
  echo "$label rounds: ${ROUND_DETAIL[$label]}; median ${ROUND_MEDIAN[$label]}" | tee -a "$OUT/raw.txt" >&2
}

# ---------------------------------------------------------------- 1. signing ceiling
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "signing ceiling: $CORES threads, ${CEILING_SECONDS}s each, nothing else of ours running (load average $LOAD_BEFORE)"
read -r _ _ CEILING_RS256_START SIG_CPU_RS256_START < <(tool ceiling RS256 "$CEILING_SECONDS" "$CORES")
read -r _ _ CEILING_ES256_START SIG_CPU_ES256_START < <(tool ceiling ES256 "$CEILING_SECONDS" "$CORES")
echo "ceiling at start: RS256=$CEILING_RS256_START/s (${SIG_CPU_RS256_START} us CPU each) ES256=$CEILING_ES256_START/s (${SIG_CPU_ES256_START} us)" | tee -a "$OUT/raw.txt" >&2

# ---------------------------------------------------------------- 2. keymint and keys
start_keymint RS256
CUSTOMER=$(sql "SELECT customer_id FROM installation WHERE id = 1")
ROLE=$(sql "SELECT id FROM role WHERE customer_id = '$CUSTOMER' AND name = 'API Full Access'")
HASH=$(tool hash "$SECRET")
log "creating $FLOOD_KEYS keys"
insert_keys 1 "$FLOOD_KEYS"
sql "UPDATE api_key SET failed_attempts = 3, locked_until = $((($(date +%s) + 86400) * 1000)) WHERE client_id = '$LOCKED'"

log "warm-up ${WARMUP}s x3"
for _ in 1 2 3; do wrk_run warmup 64 "$WARMUP" one >/dev/null; done

# ---------------------------------------------------------------- 3. scenarios
log "(a) one key, 16 and 64 connections"
scenario a16 16 one
jfr a64 "$DURATION"
scenario a64 64 one

log "(a) at 64 connections, in $ROUNDS rounds between adjacent ceilings"
wrk_run a64-rounds-warmup 64 "$WARMUP" one >/dev/null
ceiling_rounds a64 0

log "(b) a locked key"
scenario b 64 one BENCH_CLIENT_ID="$LOCKED"

log "(c) unknown client IDs"
scenario c 64 unknown

log "(d) a good key while wrong secrets flood keys 3..$FLOOD_KEYS"
wrk_run d-warmup 64 "$WARMUP" one >/dev/null
flood_file="$OUT/d-flood.result"
wrk_run d-flood 64 $((DURATION + 4)) range BENCH_FROM=3 BENCH_TO="$FLOOD_KEYS" BENCH_SECRET=wrong-secret >"$flood_file" &
FLOOD_PID=$!
sleep 2
cpu_mark
result=$(wrk_run d 64 "$DURATION" one)
record d "$result"
wait "$FLOOD_PID" || true
record d-flood "$(cat "$flood_file")"
log "(d) in $ROUNDS rounds between adjacent ceilings"
ceiling_rounds d 1

log "steady state: (a) at 64 connections for ${SOAK}s, RSS every 10s"
SOAK_RSS=()
wrk_run soak 64 "$SOAK" one >"$OUT/soak.result" &
SOAK_WRK=$!
cpu_mark
for ((t = 10; t <= SOAK; t += 10)); do
  sleep 10
  SOAK_RSS+=("$(rss_mb "$KEYMINT_PID")")
done
wait "$SOAK_WRK" || true
record soak "$(cat "$OUT/soak.result")"
echo "soak RSS MB every 10s: ${SOAK_RSS[*]}" | tee -a "$OUT/raw.txt" >&2

log "(e) $MILLION keys in the database"
sql "UPDATE api_key SET failed_attempts = 0, locked_until = NULL WHERE client_id LIKE 'kmc_bench_%' AND client_id <> '$LOCKED'"
started=$(date +%s)
insert_keys $((FLOOD_KEYS + 1)) "$MILLION"
INSERT_SECONDS=$(($(date +%s) - started))
KEY_COUNT=$(sql "SELECT COUNT(*) FROM api_key")
echo "inserted up to $MILLION keys in ${INSERT_SECONDS}s; api_key rows: $KEY_COUNT" | tee -a "$OUT/raw.txt" >&2
scenario e 64 one
log "(e) in $ROUNDS rounds between adjacent ceilings"
ceiling_rounds e 0
scenario e-spread 64 range BENCH_FROM=3 BENCH_TO="$MILLION"

log "(a) with ES256"
stop_keymint
start_keymint ES256
for _ in 1 2; do wrk_run warmup-es 64 "$WARMUP" one >/dev/null; done
scenario a16-es256 16 one
scenario a64-es256 64 one
DB_RSS=$(rss_mb "$(db_pid)")
stop_keymint

# the ceiling again: on a machine shared with other work the two differ, and the ratios below
# use the higher one of each, so that noise never flatters keymint
log "signing ceiling again"
read -r _ _ CEILING_RS256_END SIG_CPU_RS256_END < <(tool ceiling RS256 "$CEILING_SECONDS" "$CORES")
read -r _ _ CEILING_ES256_END SIG_CPU_ES256_END < <(tool ceiling ES256 "$CEILING_SECONDS" "$CORES")
echo "ceiling at end: RS256=$CEILING_RS256_END/s (${SIG_CPU_RS256_END} us CPU each) ES256=$CEILING_ES256_END/s (${SIG_CPU_ES256_END} us)" | tee -a "$OUT/raw.txt" >&2
max() { awk -v a="$1" -v b="$2" 'BEGIN { print (a > b ? a : b) }'; }
min() { awk -v a="$1" -v b="$2" 'BEGIN { print (a < b ? a : b) }'; }
CEILING_RS256=$(max "$CEILING_RS256_START" "$CEILING_RS256_END")
CEILING_ES256=$(max "$CEILING_ES256_START" "$CEILING_ES256_END")
SIG_CPU_RS256=$(min "$SIG_CPU_RS256_START" "$SIG_CPU_RS256_END")
SIG_CPU_ES256=$(min "$SIG_CPU_ES256_START" "$SIG_CPU_ES256_END")
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------- 4. report
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
check() { awk "BEGIN { exit !($1) }" && echo ok || echo MISSED; }
soak_max=$(printf '%s\n' "${SOAK_RSS[@]}" | sort -n | tail -1)
soak_first=${SOAK_RSS[0]}
soak_last=${SOAK_RSS[${#SOAK_RSS[@]}-1]}

{
  echo "keymint benchmark $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "machine: $CORES cores ($(nproc --all) online), $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
  echo "JDK: $("$JAVA" -version 2>&1 | head -1); server JVM options: $KEYMINT_JAVA_OPTS"
  echo "wrk: $WRK_THREADS thread(s); warm-up ${WARMUP}s, measured ${DURATION}s per scenario; mode: $([ "$QUICK" = 1 ] && echo quick || echo full)"
  echo "signing ceiling ($CORES threads), start/end: RS256 $CEILING_RS256_START/$CEILING_RS256_END/s, ES256 $CEILING_ES256_START/$CEILING_ES256_END/s (ratios use the higher)"
  echo "load average (1/5/15 min) at start: $LOAD_BEFORE, at end: $LOAD_AFTER (figures are only meaningful on an otherwise idle machine)"
  echo "keys: $FLOOD_KEYS for (a)-(d); $KEY_COUNT rows for (e), inserted in ${INSERT_SECONDS}s; embedded MariaDB RSS ${DB_RSS} MB"
  echo
  printf '%-12s %5s %9s %7s %7s %8s %6s %6s %-19s %9s  %-26s %s\n' scenario conns rate/s p50_ms p99_ms non2xx rss_MB ratio cpu_us/req cpu_ratio "target" verdict
  row() { # NAME CONNS RATIO TARGET VERDICT [SIGNATURE-CPU]
    local cpu_ratio="-"
    [ -n "${6:-}" ] && [ -n "${KCPU[$1]:-}" ] && cpu_ratio=$(ratio "$6" "${KCPU[$1]}")
    printf '%-12s %5s %9.0f %7s %7s %8s %6s %6s %-19s %9s  %-26s %s\n' "$1" "$2" "${RATE[$1]}" "${P50[$1]}" "${P99[$1]}" \
      "${NON2XX[$1]}" "${RSS[$1]}" "$3" "${CPU[$1]:--}" "$cpu_ratio" "$4" "$5"
  }
  row a16 16 "$(ratio "${RATE[a16]}" "$CEILING_RS256")" "-" "" "$SIG_CPU_RS256"
  row a64 64 "$(ratio "${RATE[a64]}" "$CEILING_RS256")" "p99<=100, 0 non-2xx" \
    "$(check "${P99[a64]} <= 100 && ${NON2XX[a64]} == 0")" "$SIG_CPU_RS256"
  rounds_row() { # NAME RATIO TARGET VERDICT
    printf '%-12s %5s %9s %7s %7s %8s %6s %6s %-19s %9s  %-26s %s\n' "$1" 64 - - - - - "$2" - - "$3" "$4"
  }
  rounds_row a64-rounds "${ROUND_MEDIAN[a64]}" ">=0.85 adjacent ceiling" "$(check "${ROUND_MEDIAN[a64]} >= 0.85")"
  row b 64 "-" ">=10000 rejects/s" "$(check "${RATE[b]} >= 10000")"
  row c 64 "-" ">=10000 rejects/s" "$(check "${RATE[c]} >= 10000")"
  row d 64 "$(ratio "${RATE[d]}" "${RATE[a64]}")" "(0.70 of a64: d-rounds)" ""
  D_RATIO=$(ratio "${ROUND_MEDIAN[d]}" "${ROUND_MEDIAN[a64]}")
  rounds_row d-rounds "$D_RATIO" ">=0.70 of a64-rounds" "$(check "$D_RATIO >= 0.7")"
  row d-flood 64 "-" "(the flood, all 401)" ""
  row soak 64 "$(ratio "${RATE[soak]}" "$CEILING_RS256")" "RSS<=300MB, flat" \
    "$(check "$soak_max <= 300 && $soak_last - $soak_first <= 15")" "$SIG_CPU_RS256"
  row e 64 "$(ratio "${RATE[e]}" "${RATE[a64]}")" "0 non-2xx (10%: e-rounds)" \
    "$(check "${NON2XX[e]} == 0")" "$SIG_CPU_RS256"
  E_RATIO=$(ratio "${ROUND_MEDIAN[e]}" "${ROUND_MEDIAN[a64]}")
  rounds_row e-rounds "$E_RATIO" "within 10% of a64-rounds" "$(check "$E_RATIO >= 0.9")"
  row e-spread 64 "$(ratio "${RATE[e-spread]}" "${RATE[a64]}")" "(random key of $KEY_COUNT)" "" "$SIG_CPU_RS256"
  row a16-es256 16 "$(ratio "${RATE[a16-es256]}" "$CEILING_ES256")" "-" "" "$SIG_CPU_ES256"
  row a64-es256 64 "$(ratio "${RATE[a64-es256]}" "$CEILING_ES256")" ">=5000 tokens/s" \
    "$(check "${RATE[a64-es256]} >= 5000 && ${NON2XX[a64-es256]} == 0")" "$SIG_CPU_ES256"
  echo
  echo "ratio: a*, soak = rate / signing ceiling (the higher of start/end); d = good-key rate / a64; e = rate / a64"
  echo "*-rounds: the median of $ROUNDS rounds' rate / the higher of the ceilings measured just before and after each;"
  echo "          a64-rounds is that median, d-rounds and e-rounds their median / a64's"
  for label in a64 d e; do echo "          $label: ${ROUND_DETAIL[$label]}"; done
  echo "cpu_us/req: CPU microseconds per request of keymint's JVM / the MariaDB server / wrk / the rest of the machine (kernel, anything else running)"
  echo "cpu_ratio: CPU of one signature ($SIG_CPU_RS256 us RS256, $SIG_CPU_ES256 us ES256, the lower of start/end) / CPU of one request in keymint + MariaDB + wrk:"
  echo "           the share of the ceiling a request can reach on an otherwise idle machine, much less sensitive to other work than ratio"
  echo "soak RSS MB every 10s: ${SOAK_RSS[*]}"
  echo "raw wrk output, server logs$([ "$JFR" = 1 ] && echo ", JFR recording"): $OUT"
} | tee "$RESULTS"
