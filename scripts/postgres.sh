#!/usr/bin/env bash
# Project-local PostgreSQL 15 + pgvector for development and CI.
#   scripts/postgres.sh install|start|stop|status
# Everything is idempotent: running a subcommand twice is a no-op the second time.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PG_BIN=/usr/lib/postgresql/15/bin
PORT="${MONOLITH_PG_PORT:-55432}"
ROOT_DIR="$REPO/.data/postgres"      # git-ignored; wiped = fresh cluster
DATA_DIR="$ROOT_DIR/data"
LOG_FILE="$ROOT_DIR/postgres.log"
SOCK_DIR="$ROOT_DIR/run"             # keep the socket out of /var/run (no root needed, no clash)
# Unix socket paths are limited to 107 bytes; fall back to /tmp for deeply nested clones.
if [ $(( ${#SOCK_DIR} + 20 )) -gt 107 ]; then
  SOCK_DIR="/tmp/monolith-pg-$(printf '%s' "$REPO" | md5sum | cut -c1-12)"
fi
CONN="Host=127.0.0.1;Port=$PORT;Database=monolith;Username=monolith;Password=monolith"
VECTOR_CONTROL=/usr/share/postgresql/15/extension/vector.control
export DEBIAN_FRONTEND=noninteractive

is_root() { [ "$(id -u)" -eq 0 ]; }

# initdb/postgres refuse to run as root, so as root we run them as the `postgres` OS user.
as_pg() {
  if is_root; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

apt_install() {
  # A fresh machine may have empty package lists; refresh only then.
  compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null || apt-get update -qq
  apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

install_pgvector() {
  # pgvector is not packaged for Debian 12, so build Debian 13's source package against PG 15.
  apt_install postgresql-server-dev-15 dpkg-dev build-essential
  # Reuse this machine's Debian mirror (one-line or deb822 format).
  local mirror list=/etc/apt/sources.list.d/trixie-src.list
  mirror="$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null \
    | grep -vE '^\s*#' | grep -oE 'https?://[^ ]+/debian/?( |$)' | head -n1 | tr -d ' ' || true)"
  mirror="${mirror:-http://deb.debian.org/debian}"
  # deb-src only, so no trixie binaries can ever be installed from it.
  echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror trixie main" > "$list"
  # Refresh just this one list, leaving the bookworm lists alone.
  apt-get update -qq -o Dir::Etc::sourcelist="$list" -o Dir::Etc::sourceparts=- -o APT::Get::List-Cleanup=0
  BUILD_DIR="$(mktemp -d)"
  # Clean up the build dir and the trixie list even if the build fails.
  trap 'rm -rf "$BUILD_DIR" /etc/apt/sources.list.d/trixie-src.list' EXIT
  (
    cd "$BUILD_DIR"
    # Root-owned temp dir isn't writable by apt's _apt sandbox user; download as root.
    apt-get source -qq -o APT::Sandbox::User=root pgvector >/dev/null
    cd pgvector-*/
    make -s PG_CONFIG="$PG_BIN/pg_config" >/dev/null
    make -s PG_CONFIG="$PG_BIN/pg_config" install >/dev/null
  )
  # Drop the list so later `apt-get update`s don't keep fetching trixie's Sources index.
  rm -rf "$BUILD_DIR" "$list"
  trap - EXIT
}

cmd_install() {
  local pkgs=()
  dpkg -s postgresql-15 >/dev/null 2>&1 || pkgs+=(postgresql-15)
  dpkg -s postgresql-contrib >/dev/null 2>&1 || pkgs+=(postgresql-contrib)
  if [ ${#pkgs[@]} -gt 0 ]; then
    is_root || { echo "postgres.sh: need root to install ${pkgs[*]}" >&2; exit 1; }
    echo "Installing ${pkgs[*]}..."
    apt_install "${pkgs[@]}"
  fi
  if [ ! -f "$VECTOR_CONTROL" ]; then
    is_root || { echo "postgres.sh: need root to install pgvector" >&2; exit 1; }
    echo "Building pgvector from source..."
    install_pgvector
  fi
}

is_running() { [ -f "$DATA_DIR/PG_VERSION" ] && as_pg "$PG_BIN/pg_ctl" -D "$DATA_DIR" status >/dev/null 2>&1; }

ensure_gitignore() {
  local f="$REPO/.gitignore"
  grep -qxE '/?\.data/?' "$f" 2>/dev/null && return 0
  # Append (never overwrite) and don't glue onto a last line lacking a newline.
  if [ -s "$f" ] && [ -n "$(tail -c1 "$f")" ]; then echo >> "$f"; fi
  echo '.data/' >> "$f"
}

prepare_dirs() {
  mkdir -p "$ROOT_DIR" "$SOCK_DIR"
  if is_root; then
    chown postgres:postgres "$ROOT_DIR" "$SOCK_DIR"
    # The postgres user must be able to reach the data dir: add o+x to any ancestor
    # it can't traverse (e.g. a clone under /root, which is 0700).
    local p="" part parts
    IFS=/ read -ra parts <<< "${ROOT_DIR#/}"
    for part in "${parts[@]}"; do
      p="$p/$part"
      runuser -u postgres -- test -x "$p" || chmod o+x "$p"
    done
  fi
  chmod 700 "$ROOT_DIR" "$SOCK_DIR"
}

psql_admin() { as_pg env PGOPTIONS='-c client_min_messages=warning' "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$SOCK_DIR" -p "$PORT" -U postgres "$@"; }

cmd_start() {
  cmd_install
  ensure_gitignore
  prepare_dirs
  if [ ! -f "$DATA_DIR/PG_VERSION" ]; then
    as_pg "$PG_BIN/initdb" -D "$DATA_DIR" -U postgres -E UTF8 --no-locale \
      --auth-local=trust --auth-host=scram-sha-256 >/dev/null
    # Local socket: trust (socket dir is 0700, so only the OS user/root reach it).
    # TCP: loopback only, password (SCRAM) auth.
    printf '%s\n' 'local all all trust' 'host all all 127.0.0.1/32 scram-sha-256' \
      | as_pg tee "$DATA_DIR/pg_hba.conf" >/dev/null
    echo "include_if_exists = 'monolith.conf'" | as_pg tee -a "$DATA_DIR/postgresql.conf" >/dev/null
  fi
  # Rewritten on every start so a changed MONOLITH_PG_PORT takes effect.
  # synchronous_commit=off trades the last few milliseconds of commits on an OS crash for
  # speed; the cluster never corrupts (fsync stays on), since users keep real data here too.
  as_pg tee "$DATA_DIR/monolith.conf" >/dev/null <<EOF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$SOCK_DIR'
unix_socket_permissions = 0700
password_encryption = scram-sha-256
max_connections = 200
synchronous_commit = off
EOF
  if ! is_running; then
    as_pg "$PG_BIN/pg_ctl" -D "$DATA_DIR" -l "$LOG_FILE" -w -t 60 start >/dev/null
  fi
  # Role can create/drop its own (test) databases but is not a superuser. pgvector 0.8 is not
  # a trusted extension, so it goes into template1: every new database (incl. the ones tests
  # create) already has it, and migrations' CREATE EXTENSION IF NOT EXISTS is a no-op.
  psql_admin -d postgres <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'monolith') THEN CREATE ROLE monolith; END IF;
END $$;
ALTER ROLE monolith LOGIN CREATEDB NOSUPERUSER PASSWORD 'monolith';
\c template1
CREATE EXTENSION IF NOT EXISTS vector;
\c postgres
SELECT 'CREATE DATABASE monolith OWNER monolith'
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'monolith') \gexec
\c monolith
CREATE EXTENSION IF NOT EXISTS vector;
SQL
  echo "PostgreSQL running on 127.0.0.1:$PORT (log: $LOG_FILE)"
  echo "$CONN"
}

cmd_stop() {
  if is_running; then
    as_pg "$PG_BIN/pg_ctl" -D "$DATA_DIR" -m fast -w stop >/dev/null
    echo "PostgreSQL stopped"
  else
    echo "PostgreSQL not running"
  fi
}

cmd_status() {
  if is_running; then
    echo "PostgreSQL running on 127.0.0.1:$PORT"
    echo "$CONN"
  else
    echo "PostgreSQL not running"
    return 3   # same code as pg_ctl status
  fi
}

case "${1:-}" in
  install) cmd_install ;;
  start)   cmd_start ;;
  stop)    cmd_stop ;;
  status)  cmd_status ;;
  *) echo "usage: $0 install|start|stop|status" >&2; exit 2 ;;
esac
