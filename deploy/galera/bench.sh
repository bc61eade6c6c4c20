#!/usr/bin/env bash
# Token rate of one keymint instance on the Galera cluster next to the same instance on a single
# MariaDB server (the same mariadbd, without wsrep), one after the other in the same few minutes,
# so that both see the same machine (docs/benchmarks.md, "Galera").
#
#   deploy/galera/bench.sh [--duration S] [--connections N]
#
# Starts the cluster (cluster.sh start) unless KEYMINT_GALERA_DIR points at a running one, and a
# single server next to it; builds the jar when target/ has none. Each setup: keymint on its own
# empty database, 10 s of warm-up, then wrk for S seconds (default 20) with N connections (default
# 32) on one key (bench/keymint.lua, BENCH_MODE=one). Everything it starts is stopped by PID.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"

DURATION=20
CONNECTIONS=32
PORT=19190
SINGLE_PORT=13309
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) DURATION=$2; shift ;;
    --connections) CONNECTIONS=$2; shift ;;
    *) sed -n '2,11p' "$0" >&2; exit 2 ;;
  esac
  shift
done
command -v wrk >/dev/null || { [ "$(id -u)" = 0 ] && apt-get update -q && apt-get install -y -q wrk; }
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
export MALLOC_ARENA_MAX=2
ADMIN_ID=bench-admin
ADMIN_SECRET=bench-admin-secret-0123456789abcdefghij

own_cluster=0
if [ -z "${KEYMINT_GALERA_DIR:-}" ]; then
  KEYMINT_GALERA_DIR=$(mktemp -d /tmp/keymint-galera.XXXXXX)
  export KEYMINT_GALERA_DIR
  own_cluster=1
fi
WORK=$(mktemp -d /tmp/keymint-galera-bench.XXXXXX)
single_pid=""
keymint_pid=""
cleanup() {
  [ -n "$keymint_pid" ] && kill "$keymint_pid" 2>/dev/null && wait "$keymint_pid" 2>/dev/null || true
  [ -n "$single_pid" ] && kill -KILL "$single_pid" 2>/dev/null || true
  [ "$own_cluster" = 1 ] && deploy/galera/cluster.sh stop || true
  rm -rf "$WORK"
}
trap cleanup EXIT

[ "$own_cluster" = 1 ] && deploy/galera/cluster.sh start
# shellcheck disable=SC1091
. "$KEYMINT_GALERA_DIR/cluster.env"
JAR=$(ls target/keymint-*.jar 2>/dev/null | grep -v original | head -n1 || true)
if [ -z "$JAR" ]; then
  ./mvnw -B -ntp -q package -DskipTests
  JAR=$(ls target/keymint-*.jar | grep -v original | head -n1)
fi

# the single server: the same binary and settings as a node, without wsrep
mkdir -p "$WORK/single/data" "$WORK/single/tmp"
cat > "$WORK/single/my.cnf" <<EOF
[mariadbd]
datadir=$WORK/single/data
tmpdir=$WORK/single/tmp
socket=$WORK/single/mariadbd.sock
log-error=$WORK/single/error.log
bind-address=127.0.0.1
port=$SINGLE_PORT
skip-name-resolve
innodb_buffer_pool_size=64M
innodb_log_file_size=48M
innodb_flush_log_at_trx_commit=2
performance_schema=OFF
EOF
user_args=()
[ "$(id -u)" = 0 ] && user_args=(--user=root)
mariadb-install-db --defaults-file="$WORK/single/my.cnf" --auth-root-authentication-method=socket --skip-test-db \
  "${user_args[@]}" > "$WORK/single/install.log" 2>&1
setsid "$(command -v mariadbd || echo /usr/sbin/mariadbd)" --defaults-file="$WORK/single/my.cnf" "${user_args[@]}" \
  > "$WORK/single/stdout.log" 2>&1 < /dev/null &
single_pid=$!
disown "$single_pid"  # stopped by PID at the end, without the shell reporting it
for _ in $(seq 1 300); do
  mariadb --no-defaults -S "$WORK/single/mariadbd.sock" -uroot -e 'SELECT 1' >/dev/null 2>&1 && break
  sleep 0.1
done

database() { # NAME on the single server and on the cluster (through node 1), for user keymint
  mariadb --no-defaults -S "$WORK/single/mariadbd.sock" -uroot -e "CREATE DATABASE $1;
    CREATE USER IF NOT EXISTS 'keymint'@'127.0.0.1' IDENTIFIED BY '$KEYMINT_GALERA_PASSWORD';
    GRANT ALL PRIVILEGES ON $1.* TO 'keymint'@'127.0.0.1'"
  deploy/galera/cluster.sh sql 1 "CREATE DATABASE $1; GRANT ALL PRIVILEGES ON $1.* TO 'keymint'@'127.0.0.1'"
}

run() { # LABEL URL
  local label=$1 url=$2
  rm -rf "$WORK/keys"
  "$JAVA" @jvm.options -jar "$JAR" --server.port=$PORT --spring.datasource.url="$url" \
    --spring.datasource.username=keymint --spring.datasource.password="$KEYMINT_GALERA_PASSWORD" \
    --keymint.signing.keys-directory="$WORK/keys" --keymint.bootstrap.client-id=$ADMIN_ID \
    --keymint.bootstrap.client-secret=$ADMIN_SECRET > "$WORK/keymint-$label.log" 2>&1 &
  keymint_pid=$!
  for _ in $(seq 1 180); do
    curl -sf "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null && break
    kill -0 "$keymint_pid" 2>/dev/null || { tail -n 40 "$WORK/keymint-$label.log" >&2; exit 1; }
    sleep 1
  done
  export BENCH_MODE=one BENCH_CLIENT_ID=$ADMIN_ID BENCH_SECRET=$ADMIN_SECRET
  BENCH_LABEL=warmup wrk -t1 -c"$CONNECTIONS" -d10s -s bench/keymint.lua "http://127.0.0.1:$PORT/oauth2/token" >/dev/null
  local load result
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  result=$(BENCH_LABEL=$label wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" -s bench/keymint.lua \
    "http://127.0.0.1:$PORT/oauth2/token" | grep '^RESULT')
  echo "$result load_before=\"$load\""
  kill "$keymint_pid"
  wait "$keymint_pid" 2>/dev/null || true
  keymint_pid=""
}

database bench_single
database bench_galera
database bench_galera_nosync
OPTIONS="connectTimeout=1000&socketTimeout=10000&retriesAllDown=6"
echo "# $(date -u +%FT%TZ), $(nproc) cores, wrk -t1 -c$CONNECTIONS -d${DURATION}s, one key"
run single "jdbc:mariadb://127.0.0.1:$SINGLE_PORT/bench_single?$OPTIONS"
run galera-sync-wait "jdbc:mariadb:sequential://$KEYMINT_GALERA_HOSTS/bench_galera?sessionVariables=wsrep_sync_wait=1&$OPTIONS"
run galera-no-sync-wait "jdbc:mariadb:sequential://$KEYMINT_GALERA_HOSTS/bench_galera_nosync?$OPTIONS"
run single-again "jdbc:mariadb://127.0.0.1:$SINGLE_PORT/bench_single?$OPTIONS"
