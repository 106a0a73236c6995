#!/usr/bin/env bash
# A private PostgreSQL cluster for the test suite: a temp folder, 127.0.0.1 only, a free port.
#
#   bash scripts/pg-test-cluster.sh start   # prints the URL to export as GOVINFO_TEST_PG_URL
#   bash scripts/pg-test-cluster.sh url     # prints the URL of the running cluster
#   bash scripts/pg-test-cluster.sh stop    # stops the cluster and removes its folder
#
# Idempotent: `start` on a running cluster only (re)migrates the template and prints the URL.
# The cluster folder is $GOVINFO_PG_DIR (default /tmp/govinfo-pg-test-<uid>). The server runs as
# the `postgres` OS user when started by root, because initdb refuses to run as root.
# Tests clone the migrated template database (`CREATE DATABASE … TEMPLATE govinfo_template`), so
# each test starts from an empty, migrated schema in a few milliseconds.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
DIR=${GOVINFO_PG_DIR:-/tmp/govinfo-pg-test-$(id -u)}
ROLE=govinfo
TEMPLATE=govinfo_template
PYTHON=${PYTHON:-}
if [ -z "$PYTHON" ]; then
  if [ -x "$ROOT/.venv/bin/python" ]; then PYTHON="$ROOT/.venv/bin/python"; else PYTHON=python3; fi
fi

die() { echo "pg-test-cluster: $*" >&2; exit 1; }
[ -x "$PGBIN/initdb" ] || die "PostgreSQL server binaries not found (install postgresql, or set PGBIN)"

# Run a server binary as the cluster's owner: root may not run initdb/postgres itself.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  "$PYTHON" - <<'EOF'
import socket
with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    print(s.getsockname()[1])
EOF
}

is_running() {
  [ -f "$DIR/port" ] && [ -f "$DIR/data/postmaster.pid" ] && as_owner "$PGBIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1
}

url() {
  echo "postgresql+psycopg://$ROLE@127.0.0.1:$(cat "$DIR/port")/$TEMPLATE"
}

psql_admin() {
  as_owner "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$DIR/socket" -p "$(cat "$DIR/port")" -U postgres -d postgres "$@"
}

init_cluster() {
  rm -rf "$DIR"
  mkdir -p "$DIR/data" "$DIR/socket"
  [ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$DIR"
  chmod 700 "$DIR/data"
  as_owner "$PGBIN/initdb" -D "$DIR/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
    >"$DIR/initdb.log" 2>&1 || { cat "$DIR/initdb.log" >&2; die "initdb failed"; }
  # Loopback only; durability settings off because the data is thrown away after the run.
  cat >>"$DIR/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$DIR/socket'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
shared_buffers = 128MB
# An autovacuum worker connected to a test database makes a non-superuser's
# DROP DATABASE ... WITH (FORCE) fail; the tables live for seconds, so nothing needs vacuuming.
autovacuum = off
EOF
  cat >"$DIR/data/pg_hba.conf" <<EOF
local all all trust
host  all all 127.0.0.1/32 trust
EOF
}

start() {
  if ! is_running; then
    [ -f "$DIR/data/PG_VERSION" ] || init_cluster
    free_port >"$DIR/port"
    as_owner "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
      -o "-p $(cat "$DIR/port")" start >/dev/null || { tail -n 20 "$DIR/server.log" >&2; die "server did not start"; }
  fi
  # Role and template: CREATEDB because every test clones the template into its own database.
  psql_admin <<EOF
SELECT 'CREATE ROLE $ROLE LOGIN CREATEDB' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$ROLE')\gexec
GRANT pg_signal_backend TO $ROLE;
SELECT 'CREATE DATABASE $TEMPLATE OWNER $ROLE' WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$TEMPLATE')\gexec
EOF
  GOVINFO_MIGRATE_URL=$(url) PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}" "$PYTHON" - <<'EOF' \
    || die "could not migrate the template database (is psycopg installed in $PYTHON?)"
import os
from app.db.engine import make_engine
from app.db.migrate import upgrade
engine = make_engine(os.environ["GOVINFO_MIGRATE_URL"])
upgrade(engine)
engine.dispose()
EOF
  url
}

stop() {
  if is_running; then
    as_owner "$PGBIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null
  fi
  rm -rf "$DIR"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  url) is_running || die "not running"; url ;;
  *) die "usage: $0 start|stop|url" ;;
esac
