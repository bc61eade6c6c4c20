#!/usr/bin/env bash
# What a failed client authentication costs keymint, by kind: an unknown client ID, a known ID
# with a wrong secret, and (for reference) a right secret. Builds keymint, starts it on a
# throwaway embedded MariaDB with Tomcat's access log recording each request's elapsed time in
# microseconds, sends ROUNDS requests of each kind in one shuffled sequence (so that background
# noise falls on every kind alike), and prints median/p90/p99 of the server's time per kind,
# and the client's for comparison.
#
#   bench/auth-timing.sh [--skip-build] [--port N] [--rounds N] [--warmup N]
#
# Environment: JAVA_HOME (a JDK 21 or newer; found on PATH otherwise), MAVEN_ARGS (extra
# arguments for the Maven build). Output goes to bench/out/auth-timing-<timestamp>/ (ignored by
# git). Traffic goes to 127.0.0.1 only.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

BUILD=1
PORT=19190
ROUNDS=3000
WARMUP=1000
while [ $# -gt 0 ]; do
  case "$1" in
    --skip-build) BUILD=0 ;;
    --port) PORT=$2; shift ;;
    --rounds) ROUNDS=$2; shift ;;
    --warmup) WARMUP=$2; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

java_major() { "$1" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}'; }
JAVA=""
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  JAVA="$JAVA_HOME/bin/java"
elif command -v java >/dev/null; then
  JAVA=$(readlink -f "$(command -v java)")
fi
if [ -z "$JAVA" ] || [ "$(java_major "$JAVA")" -lt 21 ]; then
  JAVA=""
  for candidate in /usr/lib/jvm/*/bin/java; do
    [ -x "$candidate" ] && [ "$(java_major "$candidate")" -ge 21 ] && JAVA=$candidate
  done
fi
[ -n "$JAVA" ] || { echo "needs a JDK 21 or newer (set JAVA_HOME)" >&2; exit 1; }
export JAVA_HOME
JAVA_HOME=$(dirname "$(dirname "$JAVA")")

if [ "$BUILD" = 1 ]; then
  # shellcheck disable=SC2086
  ./mvnw -q -B ${MAVEN_ARGS:-} package -DskipTests
fi
JAR="$ROOT/$(ls target/keymint-*.jar | grep -v original | head -1)"

if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  echo "port $PORT is in use; pass --port" >&2
  exit 1
fi

OUT="$ROOT/bench/out/auth-timing-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
ADMIN_ID=kmc_timing_admin
ADMIN_SECRET="kms_timing_$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' | head -c 40)"

KEYMINT_PID=""
stop_keymint() {
  if [ -n "$KEYMINT_PID" ]; then
    kill "$KEYMINT_PID" 2>/dev/null || true
    wait "$KEYMINT_PID" 2>/dev/null || true
  fi
}
trap stop_keymint EXIT INT TERM

# shellcheck source=bench/rate-limits.sh
. "$ROOT/bench/rate-limits.sh"
rate_limits on
# Lock after 1,000 wrong secrets instead of 3, so that "wrong secret" stays a counted failure and
# does not become "locked" (which skips the secret); the driver spreads them over several keys.
echo "starting keymint on 127.0.0.1:$PORT, output in $OUT" >&2
"$JAVA" -jar "$JAR" \
  --server.port="$PORT" --server.address=127.0.0.1 \
  --keymint.issuer="http://127.0.0.1:$PORT" \
  --keymint.embedded-database.directory="$OUT/data" \
  --keymint.signing.keys-directory="$OUT/keys" \
  --keymint.bootstrap.client-id="$ADMIN_ID" --keymint.bootstrap.client-secret="$ADMIN_SECRET" \
  --keymint.lockout.max-attempts=1000 "${RATE_LIMIT_ARGS[@]}" \
  --server.tomcat.accesslog.enabled=true \
  --server.tomcat.accesslog.directory="$OUT" \
  --server.tomcat.accesslog.prefix=access \
  --server.tomcat.accesslog.suffix=.log \
  --server.tomcat.accesslog.rotate=false \
  --server.tomcat.accesslog.buffered=false \
  '--server.tomcat.accesslog.pattern=%{X-Bench-Kind}i %s %{us}T' \
  >"$OUT/keymint.log" 2>&1 &
KEYMINT_PID=$!

for _ in $(seq 1 180); do
  if curl -fs "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null 2>&1; then
    break
  fi
  kill -0 "$KEYMINT_PID" 2>/dev/null || { echo "keymint exited; see $OUT/keymint.log" >&2; exit 1; }
  sleep 1
done

echo "$ROUNDS requests of each kind after $WARMUP of each as warm-up, interleaved, one at a time" >&2
"$JAVA" "$ROOT/bench/AuthTiming.java" "http://127.0.0.1:$PORT" "$ADMIN_ID" "$ADMIN_SECRET" \
  "$ROUNDS" "$WARMUP" "$OUT/access.log" | tee "$OUT/results.txt"
