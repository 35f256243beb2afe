#!/usr/bin/env bash
# A project-local RabbitMQ node for running modules as separate processes (docs/extraction.md):
# Debian 12's rabbitmq-server (3.10), node rabbit@localhost on 127.0.0.1:${MONOLITH_RABBITMQ_PORT:-55672},
# data and logs under .data/rabbitmq, guest/guest (RabbitMQ allows guest on loopback only).
#   scripts/rabbitmq.sh install | start | stop | status
#   scripts/rabbitmq.sh delete-prefix P   deletes the queues and exchanges named "P.*" (one test run's)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PORT="${MONOLITH_RABBITMQ_PORT:-55672}"
DATA="$PWD/.data/rabbitmq"
export RABBITMQ_NODENAME="${MONOLITH_RABBITMQ_NODE:-monolith@localhost}"
export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
export RABBITMQ_NODE_PORT="$PORT"
export RABBITMQ_DIST_PORT=$((PORT - 10000))
export RABBITMQ_MNESIA_BASE="$DATA/mnesia"
export RABBITMQ_LOG_BASE="$DATA/log"
export RABBITMQ_PID_FILE="$DATA/rabbit.pid"
export RABBITMQ_ENABLED_PLUGINS_FILE="$DATA/enabled_plugins"
export RABBITMQ_CONFIG_FILE="$DATA/rabbitmq"   # .conf is appended by RabbitMQ
export ERL_EPMD_ADDRESS=127.0.0.1
export HOME="$DATA"   # the Erlang cookie lives here, not in the caller's home
BIN=/usr/lib/rabbitmq/bin

install() {
  if [ ! -x "$BIN/rabbitmq-server" ]; then
    echo "Installing rabbitmq-server (Debian)..."
    if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends rabbitmq-server >/dev/null
  fi
  # Debian starts its own node when it can; ours runs on its own port, so stop theirs if it runs.
  if command -v service >/dev/null && service rabbitmq-server status >/dev/null 2>&1; then
    service rabbitmq-server stop >/dev/null 2>&1 || true
  fi
}

running() { "$BIN/rabbitmq-diagnostics" -q ping >/dev/null 2>&1; }

start() {
  install
  if running; then
    echo "RabbitMQ running on 127.0.0.1:$PORT"
    return
  fi
  mkdir -p "$DATA/mnesia" "$DATA/log"
  : > "$DATA/enabled_plugins"; echo "[]." > "$DATA/enabled_plugins"
  printf 'loopback_users.guest = true\nlisteners.tcp.default = 127.0.0.1:%s\n' "$PORT" > "$DATA/rabbitmq.conf"
  "$BIN/rabbitmq-server" -detached >/dev/null 2>&1 || true
  for _ in $(seq 1 120); do
    if running; then
      echo "RabbitMQ running on 127.0.0.1:$PORT (log: $DATA/log)"
      echo "amqp://guest:guest@127.0.0.1:$PORT"
      return
    fi
    sleep 0.5
  done
  echo "RabbitMQ did not start; see $DATA/log" >&2
  exit 1
}

stop() {
  running && "$BIN/rabbitmqctl" -q stop >/dev/null 2>&1 || true
}

status() {
  if running; then echo "RabbitMQ running on 127.0.0.1:$PORT"; else echo "RabbitMQ not running"; exit 1; fi
}

# The module queues are durable (a stopped process's messages wait in them), so a test run deletes its own.
delete-prefix() {
  local prefix="${1:?prefix}" name
  running || return 0
  for name in $("$BIN/rabbitmqctl" -q list_queues name --no-table-headers | grep "^$prefix\\."); do
    "$BIN/rabbitmqctl" -q delete_queue "$name" >/dev/null
  done
  for name in $("$BIN/rabbitmqctl" -q list_exchanges name --no-table-headers | grep "^$prefix\\."); do
    "$BIN/rabbitmqctl" -q eval "rabbit_exchange:delete(rabbit_misc:r(<<\"/\">>, exchange, <<\"$name\">>), false, <<\"cli\">>)." >/dev/null
  done
}

"${1:-start}" "${@:2}"
