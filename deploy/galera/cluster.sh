#!/usr/bin/env bash
# A throwaway three-node MariaDB Galera cluster on loopback, for keymint's Galera test and benchmark
# (docs/operations.md, "MariaDB Galera"). Debian's mariadb-server, galera-4 and rsync are installed
# when missing (root only), without letting the package start its own server.
#
#   deploy/galera/cluster.sh start          three nodes, Synced, with database and user keymint
#   deploy/galera/cluster.sh stop           kills every node it started, by PID, and deletes the folder
#   deploy/galera/cluster.sh kill N         SIGKILL node N (1..3)
#   deploy/galera/cluster.sh start-node N   starts node N again: it rejoins (IST when it can)
#   deploy/galera/cluster.sh wait-synced [SIZE] [SECONDS]
#                                           waits until every running node is Synced in a Primary
#                                           component of SIZE nodes (default 3)
#   deploy/galera/cluster.sh status         state of every node
#   deploy/galera/cluster.sh sql N STATEMENT
#
# Everything lives in KEYMINT_GALERA_DIR (default: a fresh folder under /tmp, remembered in
# target/galera-dir for the commands after start). Node N (1..3) listens on 127.0.0.1 only: SQL on
# 13305+N (13306-13308), Galera replication on 14566+N, incremental state transfer (IST) on
# 14576+N, full state transfer (rsync) on 14586+N.
# The file cluster.env in that folder says where everything is, for the test and the benchmark.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
REMEMBERED="$ROOT/target/galera-dir"
NODES=3
PROVIDER=${KEYMINT_GALERA_PROVIDER:-/usr/lib/galera/libgalera_smm.so}
DB_PASSWORD=${KEYMINT_GALERA_PASSWORD:-keymint-galera-test-only}

log() { printf '[galera] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

sql_port() { echo $((13305 + $1)); }      # 13306 13307 13308
gcomm_port() { echo $((14566 + $1)); }    # 14567 14568 14569
ist_port() { echo $((14576 + $1)); }      # 14577 14578 14579
sst_port() { echo $((14586 + $1)); }      # 14587 14588 14589

dir() {
  if [ -n "${KEYMINT_GALERA_DIR:-}" ]; then
    echo "$KEYMINT_GALERA_DIR"
  elif [ -f "$REMEMBERED" ]; then
    cat "$REMEMBERED"
  else
    die "no cluster: run '$0 start' first (or set KEYMINT_GALERA_DIR)"
  fi
}

install_packages() {
  local missing=()
  command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || missing+=(mariadb-server)
  [ -f "$PROVIDER" ] || missing+=(galera-4)
  command -v rsync >/dev/null 2>&1 || missing+=(rsync)
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" = 0 ] || die "missing ${missing[*]}: install them (apt-get install ${missing[*]}) or run as root"
  log "installing ${missing[*]} (the package's own server is not started)"
  # Debian starts a package's service on install unless policy-rc.d says no (exit 101); keep any
  # policy that was there, and restore it afterwards
  local policy=/usr/sbin/policy-rc.d saved=""
  if [ -e "$policy" ]; then saved=$(mktemp); cp -p "$policy" "$saved"; fi
  printf '#!/bin/sh\nexit 101\n' > "$policy"
  chmod 755 "$policy"
  local status=0
  { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"; } \
    || status=$?
  if [ -n "$saved" ]; then mv "$saved" "$policy"; else rm -f "$policy"; fi
  [ "$status" = 0 ] || die "apt-get install ${missing[*]} failed"
  # without systemd, or when the service started anyway, stop it: it would hold port 3306 and /run/mysqld
  if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet mariadb 2>/dev/null; then
    systemctl stop mariadb || true
  fi
}

mariadbd_bin() { command -v mariadbd 2>/dev/null || echo /usr/sbin/mariadbd; }

# As root the servers run as the package's system user mysql, as Debian runs them: rsync state
# transfer starts an rsync daemon, which as root would write as "nobody" and be refused
server_user_args() {
  if [ "$(id -u)" = 0 ]; then
    id mysql >/dev/null 2>&1 || die "run as root, but the user mysql (created by mariadb-server) is missing"
    echo --user=mysql
  fi
}

write_config() { # N BASE
  local n=$1 base=$2 peers="" i
  for i in $(seq 1 $NODES); do peers+="${peers:+,}127.0.0.1:$(gcomm_port "$i")"; done
  mkdir -p "$base/node$n/data" "$base/node$n/tmp"
  cat > "$base/node$n/my.cnf" <<EOF
[mariadbd]
datadir=$base/node$n/data
tmpdir=$base/node$n/tmp
socket=$base/node$n/mariadbd.sock
pid-file=$base/node$n/mariadbd.pid
log-error=$base/node$n/error.log
bind-address=127.0.0.1
port=$(sql_port "$n")
skip-name-resolve
binlog_format=ROW
default_storage_engine=InnoDB
innodb_autoinc_lock_mode=2
innodb_buffer_pool_size=64M
innodb_log_file_size=48M
innodb_flush_log_at_trx_commit=2
max_connections=200
performance_schema=OFF
wsrep_on=ON
wsrep_provider=$PROVIDER
wsrep_cluster_name=keymint-test
wsrep_cluster_address=gcomm://$peers
wsrep_node_name=node$n
wsrep_node_address=127.0.0.1:$(gcomm_port "$n")
wsrep_node_incoming_address=127.0.0.1:$(sql_port "$n")
wsrep_sst_receive_address=127.0.0.1:$(sst_port "$n")
wsrep_sst_method=rsync
wsrep_slave_threads=2
# the loopback cluster notices a dead node within ~3 s instead of the default ~15 s; the
# gcache keeps enough write sets for a node that was down a minute to rejoin by IST
wsrep_provider_options="gmcast.listen_addr=tcp://127.0.0.1:$(gcomm_port "$n");ist.recv_addr=127.0.0.1:$(ist_port "$n");gcache.size=64M;evs.keepalive_period=PT0.5S;evs.inactive_check_period=PT0.5S;evs.suspect_timeout=PT2S;evs.inactive_timeout=PT3S;evs.install_timeout=PT3S"
EOF
}

start_node() { # N BASE [--wsrep-new-cluster]
  local n=$1 base=$2 extra=${3:-}
  # setsid: a session of its own, so that an interrupt of the caller does not reach it (it is
  # stopped by PID only); started from a script, which has no job control, setsid does not fork,
  # so $! is the server itself
  setsid "$(mariadbd_bin)" --defaults-file="$base/node$n/my.cnf" $(server_user_args) $extra \
    >> "$base/node$n/stdout.log" 2>&1 < /dev/null &
  echo $! > "$base/node$n/pid"
  log "node$n started (PID $(cat "$base/node$n/pid"), SQL port $(sql_port "$n"))"
}

stop_node() { # N BASE: a clean shutdown (SIGTERM), waited for
  local pid
  pid=$(cat "$2/node$1/pid")
  kill -TERM "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
}

# After a crash grastate.dat holds no position (seqno -1); without one the node asks for a full
# state transfer. Recover it from InnoDB first, as Debian's service does (galera_recovery), so
# that the node asks for the write sets it missed only: incremental state transfer (IST).
recovered_position() { # N BASE: --wsrep_start_position=<uuid:seqno>, or nothing
  local n=$1 base=$2 position
  grep -q '^seqno: *-1' "$base/node$n/data/grastate.dat" 2>/dev/null || return 0
  rm -f "$base/node$n/recover.log"
  "$(mariadbd_bin)" --defaults-file="$base/node$n/my.cnf" $(server_user_args) --wsrep-recover \
    --log-error="$base/node$n/recover.log" > /dev/null 2>&1 || true
  position=$(sed -n 's/.*WSREP: Recovered position: *//p' "$base/node$n/recover.log" 2>/dev/null | tail -n1)
  [ -n "$position" ] && echo "--wsrep_start_position=$position"
  return 0
}

node_alive() { # N BASE
  local pid
  pid=$(cat "$2/node$1/pid" 2>/dev/null) || return 1
  kill -0 "$pid" 2>/dev/null
}

client() { # N BASE ARGS...: root over the node's socket
  local n=$1 base=$2
  shift 2
  mariadb --no-defaults --protocol=socket -S "$base/node$n/mariadbd.sock" -uroot -N -B "$@"
}

wsrep_status() { # N BASE: "<local_state_comment> <cluster_status> <cluster_size>"
  # SHOW STATUS answers on a node outside the Primary Component too, where queries get error 1047
  client "$1" "$2" -e "SHOW GLOBAL STATUS WHERE Variable_name IN
      ('wsrep_local_state_comment','wsrep_cluster_status','wsrep_cluster_size')" 2>/dev/null \
    | awk '{v[$1]=$2} END {if (NR) print v["wsrep_local_state_comment"], v["wsrep_cluster_status"], v["wsrep_cluster_size"]}'
}

wait_synced() { # BASE SIZE SECONDS [NODE...]: the given (default: running) nodes Synced, Primary, of SIZE
  local base=$1 size=$2 seconds=$3
  shift 3
  local nodes=("$@") n deadline=$((SECONDS + seconds)) all status
  if [ ${#nodes[@]} -eq 0 ]; then
    for n in $(seq 1 $NODES); do node_alive "$n" "$base" && nodes+=("$n"); done
  fi
  while :; do
    all=1
    for n in "${nodes[@]}"; do
      node_alive "$n" "$base" || die "node$n died; its log: $base/node$n/error.log
$(tail -n 30 "$base/node$n/error.log" 2>/dev/null)"
      status=$(wsrep_status "$n" "$base" || true)
      [ "$status" = "Synced Primary $size" ] || all=0
    done
    [ "$all" = 1 ] && { log "nodes ${nodes[*]}: Synced, Primary, cluster size $size"; return 0; }
    if [ $SECONDS -ge $deadline ]; then
      for n in "${nodes[@]}"; do log "node$n: $(wsrep_status "$n" "$base" || echo 'no answer')"; done
      die "not Synced within ${seconds}s (logs: $base/node*/error.log)"
    fi
    sleep 0.5
  done
}

cmd_start() {
  install_packages
  command -v mariadb-install-db >/dev/null 2>&1 || die "mariadb-install-db not found (package mariadb-server)"
  for n in $(seq 1 $NODES); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$(sql_port "$n")") 2>/dev/null; then
      die "port $(sql_port "$n") is taken: a cluster still running? ($0 stop)"
    fi
  done
  local base=${KEYMINT_GALERA_DIR:-$(mktemp -d /tmp/keymint-galera.XXXXXX)}
  mkdir -p "$base" "$ROOT/target"
  echo "$base" > "$REMEMBERED"
  log "cluster folder $base"
  for n in $(seq 1 $NODES); do write_config "$n" "$base"; done
  # only the first node gets system tables; the others receive everything by state transfer
  if [ "$(id -u)" = 0 ]; then
    chmod 755 "$base"
    chown -R mysql:mysql "$base"/node*
  fi
  mariadb-install-db --defaults-file="$base/node1/my.cnf" --auth-root-authentication-method=socket \
    --skip-test-db $(server_user_args) > "$base/node1/install.log" 2>&1 \
    || die "mariadb-install-db failed: $(tail -n 20 "$base/node1/install.log")"
  start_node 1 "$base" --wsrep-new-cluster
  wait_synced "$base" 1 60 1
  client 1 "$base" -e "CREATE DATABASE keymint CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
    CREATE USER 'keymint'@'127.0.0.1' IDENTIFIED BY '$DB_PASSWORD';
    GRANT ALL PRIVILEGES ON keymint.* TO 'keymint'@'127.0.0.1';"
  # The other nodes start from a copy of the first node's files, taken after a clean stop, so
  # that they join at the cluster's position and need no state transfer (a full rsync transfer
  # takes ~20 s per node); the first node then bootstraps the cluster again
  stop_node 1 "$base"
  for n in $(seq 2 $NODES); do
    cp -a "$base/node1/data/." "$base/node$n/data/"
    rm -f "$base/node$n/data/gvwstate.dat"
  done
  start_node 1 "$base" --wsrep-new-cluster
  wait_synced "$base" 1 60 1
  for n in $(seq 2 $NODES); do start_node "$n" "$base"; done
  wait_synced "$base" $NODES 120
  local hosts="" n
  for n in $(seq 1 $NODES); do hosts+="${hosts:+,}127.0.0.1:$(sql_port "$n")"; done
  cat > "$base/cluster.env" <<EOF
KEYMINT_GALERA_DIR=$base
KEYMINT_GALERA_SCRIPT=$ROOT/deploy/galera/cluster.sh
KEYMINT_GALERA_HOSTS=$hosts
KEYMINT_GALERA_USER=keymint
KEYMINT_GALERA_PASSWORD=$DB_PASSWORD
EOF
  log "ready: jdbc:mariadb:sequential://$hosts/keymint (user keymint); $base/cluster.env"
}

cmd_stop() {
  local base n pid
  base=$(dir)
  for n in $(seq 1 $NODES); do
    pid=$(cat "$base/node$n/pid" 2>/dev/null) || continue
    if kill -0 "$pid" 2>/dev/null; then
      kill -KILL "$pid" 2>/dev/null || true
      log "node$n (PID $pid) killed"
    fi
  done
  for n in $(seq 1 $NODES); do
    pid=$(cat "$base/node$n/pid" 2>/dev/null) || continue
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  done
  case "$base" in
    /tmp/keymint-galera.*) rm -rf "$base" ;;
    *) log "left $base in place (not a folder this script created)" ;;
  esac
  rm -f "$REMEMBERED"
}

cmd_kill() {
  local n=$1 base pid
  base=$(dir)
  pid=$(cat "$base/node$n/pid")
  kill -KILL "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
  log "node$n (PID $pid) killed"
}

cmd_start_node() {
  local n=$1 base
  base=$(dir)
  node_alive "$n" "$base" && die "node$n is running"
  # never with --wsrep-new-cluster: it joins the nodes that are there
  start_node "$n" "$base" "$(recovered_position "$n" "$base")"
}

cmd_status() {
  local base n
  base=$(dir)
  for n in $(seq 1 $NODES); do
    if node_alive "$n" "$base"; then
      echo "node$n $(sql_port "$n") $(wsrep_status "$n" "$base" || echo 'no answer')"
    else
      echo "node$n $(sql_port "$n") down"
    fi
  done
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  kill) cmd_kill "${2:?node number}" ;;
  start-node) cmd_start_node "${2:?node number}" ;;
  wait-synced) wait_synced "$(dir)" "${2:-3}" "${3:-120}" ;;
  status) cmd_status ;;
  sql) client "${2:?node number}" "$(dir)" -e "${3:?statement}" ;;
  *) sed -n '2,20p' "$0" >&2; exit 2 ;;
esac
