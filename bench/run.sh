#!/usr/bin/env bash
# keymint token-endpoint benchmark: builds keymint, starts it on a throwaway embedded MariaDB,
# creates benchmark keys with batch SQL, measures the signing ceilings of this JVM (the native
# provider keymint signs with, and the JDK's), then drives POST /oauth2/token with wrk through
# every scenario of docs/benchmarks.md and prints a table.
#
#   bench/run.sh [--quick] [--skip-build] [--jfr] [--port N] [--keys N] [--duration S] [--soak S]
#                [--rate-limits on|off|ab]
#
# --rate-limits on (default): keymint's rate limiter runs on every request, with budgets out of the
# benchmark's reach (it sends everything from one address, far beyond the default per-source
# limits), so that the figures include what the limiter costs; off: no limiter is installed;
# ab: only what the limiter costs, in AB_ROUNDS (default 3) rounds that each restart keymint with
# the limiter on and off (in alternating order) and measure (a) at 64 connections and (b) on each.
# Environment: JAVA_HOME (a JDK 21 or newer; found on PATH otherwise), MAVEN_ARGS (extra arguments
# for the Maven build, e.g. -o), KEYMINT_JAVA_OPTS (JVM options of the server; default: jvm.options,
# as README.md starts keymint), WRK_THREADS (default 1). Everything it writes goes to bench/out/<timestamp>/ (ignored by git).
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
RATE_LIMITS=on
# The server starts as README.md tells a user to start it: java @jvm.options -jar (the JVM options
# that ./mvnw spring-boot:run and the container image use too; reasoning in docs/operations.md,
# "JVM options"), with MALLOC_ARENA_MAX=2 as those set it.
KEYMINT_JAVA_OPTS=${KEYMINT_JAVA_OPTS:-@$ROOT/jvm.options}
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
    --rate-limits) RATE_LIMITS=$2; shift ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
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
# the native provider's jar as keymint ships it, so that the ceiling signs with the same code
ACCP=$("$JDK_BIN/jar" tf "$JAR" | grep 'BOOT-INF/lib/AmazonCorrettoCryptoProvider-.*\.jar$')
(cd "$OUT/tools" && "$JDK_BIN/jar" xf "$JAR" "$ACCP")
TOOL_CP="$OUT/tools/classes:$OUT/tools/$ACCP"
"$JDK_BIN/javac" -nowarn -d "$OUT/tools/classes" -cp "$OUT/tools/$ACCP" bench/BenchTool.java
tool() { "$JAVA" --enable-native-access=ALL-UNNAMED -cp "$TOOL_CP" BenchTool "$@"; }

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
    local db
    db=$(db_pid)
    kill "$KEYMINT_PID" 2>/dev/null || true
    # keymint stops its embedded MariaDB last, which after a million inserted keys can take a
    # minute on a busy machine; a MariaDB left running would keep the next start from its files
    for _ in $(seq 1 240); do
      kill -0 "$KEYMINT_PID" 2>/dev/null || break
      sleep 0.5
    done
    kill -9 "$KEYMINT_PID" 2>/dev/null || true
    if [ -n "$db" ] && kill -0 "$db" 2>/dev/null; then
      kill "$db" 2>/dev/null || true
      for _ in $(seq 1 240); do
        kill -0 "$db" 2>/dev/null || break
        sleep 0.5
      done
    fi
  fi
  KEYMINT_PID=""
}
trap stop_keymint EXIT INT TERM

# shellcheck source=bench/rate-limits.sh
. "$ROOT/bench/rate-limits.sh"
case "$RATE_LIMITS" in
  on|off) rate_limits "$RATE_LIMITS" ;;
  ab) rate_limits on ;;
  *) echo "--rate-limits takes on, off or ab" >&2; exit 2 ;;
esac

start_keymint() { # ALG
  log "starting keymint ($1) on 127.0.0.1:$PORT, data in $OUT/data, rate limits $RATE_LIMIT_SIDE"
  # shellcheck disable=SC2086
  "$JAVA" $KEYMINT_JAVA_OPTS -jar "$JAR" \
    --server.port="$PORT" --server.address=127.0.0.1 \
    --keymint.issuer="http://127.0.0.1:$PORT" \
    --keymint.embedded-database.directory="$OUT/data" \
    --keymint.signing.keys-directory="$OUT/keys" \
    --keymint.bootstrap.client-id="$ADMIN_ID" --keymint.bootstrap.client-secret="$SECRET" \
    --keymint.token.algorithm="$1" "${RATE_LIMIT_ARGS[@]}" >"$OUT/keymint-$1.log" 2>&1 &
  KEYMINT_PID=$!
  if ! tool wait "http://127.0.0.1:$PORT/actuator/health" 180; then
    echo "keymint did not become healthy; see $OUT/keymint-$1.log" >&2
    exit 1
  fi
  DB_PORT=$(sed -n 's/.*Embedded MariaDB listens on 127.0.0.1:\([0-9]*\).*/\1/p' "$OUT/keymint-$1.log" | tail -1)
  # which provider signs (/actuator/info): the ceilings that keymint is compared with are that provider's
  local info
  info=$(tool get "http://127.0.0.1:$PORT/actuator/info")
  SIGNER=$(echo "$info" | sed -n 's/.*"provider":"\([a-z]*\)".*/\1/p')
  SIGNER_IMPL=$(echo "$info" | sed -n 's/.*"implementation":"\([^"]*\)".*/\1/p')
  echo "keymint ($1) signs with the $SIGNER provider $SIGNER_IMPL" | tee -a "$OUT/raw.txt" >&2
}

sql() {
  "$OUT/data/server/bin/mariadb" --defaults-extra-file="$OUT/data/root.cnf" --skip-ssl --protocol=TCP -h127.0.0.1 -P"$DB_PORT" -N -B keymint -e "$1"
}

rss_mb() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status" 2>/dev/null || echo 0; }
db_pid() { # the embedded MariaDB server of this run (without pgrep, which slim images lack)
  local cmdline
  for cmdline in /proc/[0-9]*/cmdline; do
    # (a process may end between the glob and the read: its error is not ours)
    if { tr '\0' ' ' <"$cmdline"; } 2>/dev/null | grep -q "mariadbd.*--datadir=$OUT/data/db"; then
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

# Signing ceilings: signatures per second of this machine on $CORES threads, for the native
# provider and the JDK's, both algorithms. keymint is compared with the provider it signs with.
declare -A CEIL CEIL_CPU
measure_ceilings() { # WHEN (start|end)
  local provider alg rate cpu
  for provider in native jdk; do
    for alg in RS256 ES256; do
      read -r _ _ _ rate cpu < <(tool ceiling "$alg" "$CEILING_SECONDS" "$CORES" "$provider")
      CEIL[$provider-$alg-$1]=$rate
      CEIL_CPU[$provider-$alg-$1]=$cpu
    done
  done
  echo "ceilings at $1 (signatures/s, CPU us each): native RS256 ${CEIL[native-RS256-$1]} (${CEIL_CPU[native-RS256-$1]})," \
    "ES256 ${CEIL[native-ES256-$1]} (${CEIL_CPU[native-ES256-$1]}); jdk RS256 ${CEIL[jdk-RS256-$1]}" \
    "(${CEIL_CPU[jdk-RS256-$1]}), ES256 ${CEIL[jdk-ES256-$1]} (${CEIL_CPU[jdk-ES256-$1]})" | tee -a "$OUT/raw.txt" >&2
}

# The bound of issue 10: a server whose only costs were one signature and one reject-path request
bound() { # SIGNATURES/S REJECTS/S
  awk -v s="$1" -v r="$2" 'BEGIN { if (s > 0 && r > 0) printf "%.0f", 1 / (1 / s + 1 / r); else print 0 }'
}

# The machine's speed drifts (docs/benchmarks.md): a ceiling or a rate measured minutes away from
# the load it is compared with says little about the moment of that load. So (a), (d) and (e) are
# also measured in ROUNDS short rounds, each right after a ceiling (keymint's provider, RS256), the
# ceiling measured again at the end: a round's ratio is its rate over the higher of the two
# ceilings around it, and the median round is the scenario's rate in units of the ceiling (d and e
# are judged by theirs over a64's). The rounds of (a) also measure the locked-key reject rate right
# after the load, and divide the rate by the bound 1 / (1/ceiling + 1/reject rate) of the round:
# their median decides the 0.85 target. During a round of d, the flood of wrong secrets runs with
# the good key's load only.
declare -A ROUND_MEDIAN ROUND_DETAIL BOUND_MEDIAN
median() { sort -n | awk '{ v[NR] = $1 } END { printf "%.3f", (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
ceiling_rounds() { # LABEL FLOOD(0|1) REJECTS(0|1)
  local label=$1 flood=$2 rejects=$3 round ceiling flood_pid=""
  local ceilings=() rates=() ratios=() rejected=() bounds=() bound_ratios=() cpus=() db
  db=$(db_pid)
  for ((round = 1; round <= ROUNDS; round++)); do
    read -r _ _ _ ceiling _ < <(tool ceiling RS256 "$ROUND_CEILING" "$CORES" "$SIGNER")
    ceilings+=("$ceiling")
    if [ "$flood" = 1 ]; then
      wrk_run "$label-flood-$round" 64 $((ROUND_SECONDS + 3)) range BENCH_FROM=3 BENCH_TO="$FLOOD_KEYS" \
        BENCH_SECRET=wrong-secret >/dev/null &
      flood_pid=$!
      sleep 1.5
    fi
    local before result
    before="$(proc_ticks "$KEYMINT_PID") $(proc_ticks "$db")"
    result=$(wrk_run "$label-round-$round" 64 "$ROUND_SECONDS" one)
    rates+=("$(field "$result" rate)")
    # CPU microseconds per request of the round, keymint / MariaDB (with d, the flood's included)
    cpus+=("$(echo "$before $(proc_ticks "$KEYMINT_PID") $(proc_ticks "$db")" | awk -v n="$(field "$result" requests)" \
      -v hz="$TICKS_PER_SECOND" '{ if (n == 0) { print "-"; exit } printf "%.0f/%.0f", ($3 - $1) * 1e6 / hz / n, ($4 - $2) * 1e6 / hz / n }')")
    if [ -n "$flood_pid" ]; then
      wait "$flood_pid" || true
      flood_pid=""
    fi
    if [ "$rejects" = 1 ]; then
      rejected+=("$(field "$(wrk_run "$label-rejects-$round" 64 "$ROUND_SECONDS" one BENCH_CLIENT_ID="$LOCKED")" rate)")
    fi
  done
  read -r _ _ _ ceiling _ < <(tool ceiling RS256 "$ROUND_CEILING" "$CORES" "$SIGNER")
  ceilings+=("$ceiling")
  for ((round = 0; round < ROUNDS; round++)); do
    local higher
    higher=$(awk -v a="${ceilings[$round]}" -v b="${ceilings[$((round + 1))]}" 'BEGIN { print (a > b ? a : b) }')
    ratios+=("$(awk -v r="${rates[$round]}" -v c="$higher" 'BEGIN { printf "%.3f", r / c }')")
    if [ "$rejects" = 1 ]; then
      bounds+=("$(bound "$higher" "${rejected[$round]}")")
      bound_ratios+=("$(awk -v r="${rates[$round]}" -v b="${bounds[$round]}" 'BEGIN { printf "%.3f", r / b }')")
    fi
  done
  ROUND_MEDIAN[$label]=$(printf '%s\n' "${ratios[@]}" | median)
  ROUND_DETAIL[$label]="ceilings ${ceilings[*]}; rates ${rates[*]}; ratios ${ratios[*]}; cpu keymint/db ${cpus[*]}"
  if [ "$rejects" = 1 ]; then
    BOUND_MEDIAN[$label]=$(printf '%s\n' "${bound_ratios[@]}" | median)
    ROUND_DETAIL[$label]="${ROUND_DETAIL[$label]}; rejects ${rejected[*]}; bounds ${bounds[*]}; rate/bound ${bound_ratios[*]}"
  fi
  echo "$label rounds: ${ROUND_DETAIL[$label]}; median ratio ${ROUND_MEDIAN[$label]}${BOUND_MEDIAN[$label]:+, median rate/bound ${BOUND_MEDIAN[$label]}}" \
    | tee -a "$OUT/raw.txt" >&2
}

# ---------------------------------------------------------------- 1. signing ceilings
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "signing ceilings: $CORES threads, ${CEILING_SECONDS}s each, nothing else of ours running (load average $LOAD_BEFORE)"
measure_ceilings start

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

if [ "$RATE_LIMITS" = ab ]; then
  # keymint restarted for each half of a round, on the same database; the order alternates so that
  # a drift of the machine's speed during a round counts against each side alike
  AB_ROUNDS=${AB_ROUNDS:-3}
  for ((round = 1; round <= AB_ROUNDS; round++)); do
    for side in $([ $((round % 2)) = 1 ] && echo "on off" || echo "off on"); do
      if [ "$round" != 1 ] || [ "$side" != on ]; then
        stop_keymint
        rate_limits "$side"
        start_keymint RS256
        for _ in 1 2 3; do wrk_run warmup 64 "$WARMUP" one >/dev/null; done
      fi
      scenario "a64-$side-$round" 64 one
      scenario "b-$side-$round" 64 one BENCH_CLIENT_ID="$LOCKED"
    done
  done
  stop_keymint
  {
    echo "keymint benchmark, rate limiter on against off, $(date -u +%Y-%m-%dT%H:%M:%SZ); load average at start: $LOAD_BEFORE, at end: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "$AB_ROUNDS rounds; warm-up 3x${WARMUP}s after each start, measured ${DURATION}s per scenario"
    for name in a64 b; do
      for side in on off; do
        rates=() cpus=()
        for ((round = 1; round <= AB_ROUNDS; round++)); do
          rates+=("${RATE[$name-$side-$round]}")
          cpus+=("${KCPU[$name-$side-$round]}")
        done
        printf '%-4s limiter %-3s  rate/s %s (median %s)  CPU us/request keymint+MariaDB+wrk %s (median %s)\n' "$name" "$side" \
          "${rates[*]}" "$(printf '%s\n' "${rates[@]}" | median)" "${cpus[*]}" "$(printf '%s\n' "${cpus[@]}" | median)"
      done
    done
    echo "raw wrk output, server logs: $OUT"
  } | tee "$RESULTS"
  exit 0
fi

# ---------------------------------------------------------------- 3. scenarios
log "(a) one key, 16 and 64 connections"
scenario a16 16 one
jfr a64 "$DURATION"
scenario a64 64 one

log "(b) a locked key"
scenario b 64 one BENCH_CLIENT_ID="$LOCKED"

log "(c) unknown client IDs"
scenario c 64 unknown

log "(a) at 64 connections, in $ROUNDS rounds between adjacent ceilings, each followed by locked-key rejects"
wrk_run a64-rounds-warmup 64 "$WARMUP" one >/dev/null
ceiling_rounds a64 0 1

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
ceiling_rounds d 1 0

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
ceiling_rounds e 0 0
scenario e-spread 64 range BENCH_FROM=3 BENCH_TO="$MILLION"

log "(a) with ES256"
stop_keymint
start_keymint ES256
for _ in 1 2; do wrk_run warmup-es 64 "$WARMUP" one >/dev/null; done
scenario a16-es256 16 one
scenario a64-es256 64 one
DB_RSS=$(rss_mb "$(db_pid)")
stop_keymint

# the ceilings again: on a machine shared with other work they differ, and the ratios below use
# the higher one of each, so that noise never flatters keymint
log "signing ceilings again"
measure_ceilings end
max() { awk -v a="$1" -v b="$2" 'BEGIN { print (a > b ? a : b) }'; }
min() { awk -v a="$1" -v b="$2" 'BEGIN { print (a < b ? a : b) }'; }
CEILING_RS256=$(max "${CEIL[$SIGNER-RS256-start]}" "${CEIL[$SIGNER-RS256-end]}")
CEILING_ES256=$(max "${CEIL[$SIGNER-ES256-start]}" "${CEIL[$SIGNER-ES256-end]}")
SIG_CPU_RS256=$(min "${CEIL_CPU[$SIGNER-RS256-start]}" "${CEIL_CPU[$SIGNER-RS256-end]}")
SIG_CPU_ES256=$(min "${CEIL_CPU[$SIGNER-ES256-start]}" "${CEIL_CPU[$SIGNER-ES256-end]}")
BOUND_RS256=$(bound "$CEILING_RS256" "${RATE[b]}")
BOUND_ES256=$(bound "$CEILING_ES256" "${RATE[b]}")
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
  echo "JDK: $("$JAVA" -version 2>&1 | head -1); server JVM options: $KEYMINT_JAVA_OPTS$([ "${KEYMINT_JAVA_OPTS#@}" != "$KEYMINT_JAVA_OPTS" ] && echo " = $(grep -v '^#' "${KEYMINT_JAVA_OPTS#@}" | grep . | tr '\n' ' ')"), MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX"
  echo "keymint signs with: the $SIGNER provider, $SIGNER_IMPL"
  echo "wrk: $WRK_THREADS thread(s); warm-up ${WARMUP}s, measured ${DURATION}s per scenario; mode: $([ "$QUICK" = 1 ] && echo quick || echo full); rate limits: $RATE_LIMITS"
  echo "signing ceilings ($CORES threads, signatures/s), start/end:"
  echo "  native RS256 ${CEIL[native-RS256-start]}/${CEIL[native-RS256-end]}, ES256 ${CEIL[native-ES256-start]}/${CEIL[native-ES256-end]}"
  echo "  jdk    RS256 ${CEIL[jdk-RS256-start]}/${CEIL[jdk-RS256-end]}, ES256 ${CEIL[jdk-ES256-start]}/${CEIL[jdk-ES256-end]}"
  echo "bound = 1 / (1/ceiling + 1/locked-key rejects), with keymint's provider's higher ceiling and (b): RS256 $BOUND_RS256/s, ES256 $BOUND_ES256/s"
  echo "load average (1/5/15 min) at start: $LOAD_BEFORE, at end: $LOAD_AFTER (figures are only meaningful on an otherwise idle machine)"
  echo "keys: $FLOOD_KEYS for (a)-(d); $KEY_COUNT rows for (e), inserted in ${INSERT_SECONDS}s; embedded MariaDB RSS ${DB_RSS} MB"
  echo
  printf '%-12s %5s %9s %7s %7s %8s %6s %6s %-19s %9s  %-28s %s\n' scenario conns rate/s p50_ms p99_ms non2xx rss_MB ratio cpu_us/req cpu_ratio "target" verdict
  row() { # NAME CONNS RATIO TARGET VERDICT [SIGNATURE-CPU]: cpu_ratio = (signature + reject) CPU / token CPU
    local cpu_ratio="-"
    [ -n "${6:-}" ] && [ -n "${KCPU[$1]:-}" ] && [ -n "${KCPU[b]:-}" ] \
      && cpu_ratio=$(ratio "$(awk -v s="$6" -v r="${KCPU[b]}" 'BEGIN { print s + r }')" "${KCPU[$1]}")
    printf '%-12s %5s %9.0f %7s %7s %8s %6s %6s %-19s %9s  %-28s %s\n' "$1" "$2" "${RATE[$1]}" "${P50[$1]}" "${P99[$1]}" \
      "${NON2XX[$1]}" "${RSS[$1]}" "$3" "${CPU[$1]:--}" "$cpu_ratio" "$4" "$5"
  }
  rounds_row() { # NAME RATIO TARGET VERDICT
    printf '%-12s %5s %9s %7s %7s %8s %6s %6s %-19s %9s  %-28s %s\n' "$1" 64 - - - - - "$2" - - "$3" "$4"
  }
  row a16 16 "$(ratio "${RATE[a16]}" "$BOUND_RS256")" "-" "" "$SIG_CPU_RS256"
  row a64 64 "$(ratio "${RATE[a64]}" "$BOUND_RS256")" ">=4500/s, p99<=50, 0 non-2xx" \
    "$(check "${RATE[a64]} >= 4500 && ${P99[a64]} <= 50 && ${NON2XX[a64]} == 0")" "$SIG_CPU_RS256"
  rounds_row a64-rounds "${BOUND_MEDIAN[a64]}" ">=0.85 of the round's bound" "$(check "${BOUND_MEDIAN[a64]} >= 0.85")"
  row b 64 "-" ">=25000 rejects/s" "$(check "${RATE[b]} >= 25000")"
  row c 64 "-" ">=25000 rejects/s" "$(check "${RATE[c]} >= 25000")"
  row d 64 "$(ratio "${RATE[d]}" "${RATE[a64]}")" "(0.70 of a64: d-rounds)" ""
  D_RATIO=$(ratio "${ROUND_MEDIAN[d]}" "${ROUND_MEDIAN[a64]}")
  rounds_row d-rounds "$D_RATIO" ">=0.70 of a64-rounds" "$(check "$D_RATIO >= 0.7")"
  row d-flood 64 "-" "(the flood, all 401)" ""
  row soak 64 "$(ratio "${RATE[soak]}" "$BOUND_RS256")" "RSS<=300MB, flat" \
    "$(check "$soak_max <= 300 && $soak_last - $soak_first <= 15")" "$SIG_CPU_RS256"
  row e 64 "$(ratio "${RATE[e]}" "${RATE[a64]}")" "0 non-2xx (10%: e-rounds)" \
    "$(check "${NON2XX[e]} == 0")" "$SIG_CPU_RS256"
  E_RATIO=$(ratio "${ROUND_MEDIAN[e]}" "${ROUND_MEDIAN[a64]}")
  rounds_row e-rounds "$E_RATIO" "within 10% of a64-rounds" "$(check "$E_RATIO >= 0.9")"
  row e-spread 64 "$(ratio "${RATE[e-spread]}" "${RATE[a64]}")" "(random key of $KEY_COUNT)" "" "$SIG_CPU_RS256"
  row a16-es256 16 "$(ratio "${RATE[a16-es256]}" "$BOUND_ES256")" "-" "" "$SIG_CPU_ES256"
  row a64-es256 64 "$(ratio "${RATE[a64-es256]}" "$BOUND_ES256")" ">=15000/s, p99<=25, 0 non-2xx" \
    "$(check "${RATE[a64-es256]} >= 15000 && ${P99[a64-es256]} <= 25 && ${NON2XX[a64-es256]} == 0")" "$SIG_CPU_ES256"
  echo
  echo "ratio: a*, soak = rate / bound (RS256 $BOUND_RS256, ES256 $BOUND_ES256); d, e = rate / a64's"
  echo "*-rounds: a64-rounds = the median of $ROUNDS rounds' rate / bound (the higher of the ceilings just before and"
  echo "          after the round, the reject rate just after it); d-rounds and e-rounds = the median of their rounds'"
  echo "          rate / adjacent ceiling, over a64's"
  for label in a64 d e; do echo "          $label: ${ROUND_DETAIL[$label]}"; done
  echo "cpu_us/req: CPU microseconds per request of keymint's JVM / the MariaDB server / wrk / the rest of the machine (kernel, anything else running)"
  echo "cpu_ratio: (CPU of one signature ($SIG_CPU_RS256 us RS256, $SIG_CPU_ES256 us ES256, the lower of start/end) + CPU of one reject (b))"
  echo "           / CPU of one token, each in keymint + MariaDB + wrk: the ratio to the bound that the CPU alone allows,"
  echo "           much less sensitive to other work on the machine than ratio"
  echo "soak RSS MB every 10s: ${SOAK_RSS[*]}"
  echo "raw wrk output, server logs$([ "$JFR" = 1 ] && echo ", JFR recording"): $OUT"
} | tee "$RESULTS"
