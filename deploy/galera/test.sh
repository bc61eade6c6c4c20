#!/usr/bin/env bash
# keymint's end-to-end test on a three-node MariaDB Galera cluster, in one command:
#
#   deploy/galera/test.sh
#
# installs mariadb-server, galera-4 and rsync when missing (Debian; root), starts the cluster
# (cluster.sh start), runs the test class GaleraClusterIT against it (Maven profile "galera":
# two keymint instances on two nodes, concurrency, node loss, quorum loss), and kills every node
# by PID at the end, also when something failed. It fails when the cluster cannot be started.
# Environment: JAVA_HOME (a JDK 21 or newer), MAVEN_ARGS (extra Maven arguments).
set -euo pipefail
cd "$(dirname "$0")/../.."

started=$(date +%s)
KEYMINT_GALERA_DIR=$(mktemp -d /tmp/keymint-galera.XXXXXX)
export KEYMINT_GALERA_DIR

teardown() {
  local status=$?
  deploy/galera/cluster.sh stop || true
  echo "[galera] test.sh took $(( $(date +%s) - started )) s, exit status $status" >&2
  exit "$status"
}
trap teardown EXIT
trap 'exit 130' INT TERM

deploy/galera/cluster.sh start
./mvnw -Pgalera test
