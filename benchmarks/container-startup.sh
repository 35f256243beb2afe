#!/usr/bin/env bash
# Start-to-ready of the platform's container with Wolverine's pre-generated code (Static, the image's
# default) against compiling it at run time (Dynamic), side by side: same image, same database, runs taking
# turns (the order flips every round). Prints Markdown; results: docs/benchmarks.md, method: benchmarks/README.md.
#   benchmarks/container-startup.sh [ROUNDS]     default 5; builds the image as scripts/container-test.sh does
#   CONTAINER_IMAGE=localhost/monolith:test benchmarks/container-startup.sh   measures an image already built
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
# shellcheck source=scripts/container-lib.sh
source "$REPO/scripts/container-lib.sh"

ROUNDS="${1:-5}"
DB="monolith_startup_$$"
NAME="monolith-startup-$$"

cleanup() {
  container_remove "$NAME"
  container_db_drop "$DB"
}
trap cleanup EXIT

container_tools
pg_isready -q -h 127.0.0.1 -p "$PG_PORT" || scripts/postgres.sh start >/dev/null
container_base
if [ -n "${CONTAINER_IMAGE:-}" ]; then
  IMAGE="$CONTAINER_IMAGE"
else
  IMAGE=localhost/monolith:bench
  container_publish
  container_image "$IMAGE"
fi

# Migrated once up front, so every start below does the same work (no migrations to apply).
container_db_create "$DB"
podman run --rm --network host -e "ConnectionStrings__Postgres=$(container_connection_string "$DB")" \
  "$IMAGE" --migrate-only >/dev/null 2>&1

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# One start: ms from `podman run` to /health/ready 200, ms of the first request that goes through Wolverine
# (GET /users/me with a JWT: the host asks the Users module CheckUserActive over the bus, whose handler code
# Dynamic compiles on first use), and the container's memory after that request.
measure() {
  local mode="$1" port t0 ready first token email mem
  port="$(free_port)"
  email="bench-$(date +%s%N)@example.com"
  t0=$(now_ms)
  container_start "$NAME" "$port" "$DB" "Messaging__TypeLoadMode=$mode"
  container_wait_ready "$port" 120
  ready=$(( $(now_ms) - t0 ))
  curl -sf -X POST "http://127.0.0.1:$port/api/v1/auth/register" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"correct horse battery\",\"displayName\":\"Bench\"}" >/dev/null
  token=$(curl -sf -X POST "http://127.0.0.1:$port/api/v1/auth/token" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"correct horse battery\"}" | jq -r .accessToken)
  t0=$(now_ms)
  curl -sf "http://127.0.0.1:$port/api/v1/users/me" -H "Authorization: Bearer $token" >/dev/null
  first=$(( $(now_ms) - t0 ))
  container_logs_contain "$NAME" "Wolverine code: $mode" || { echo "the container did not run $mode" >&2; exit 1; }
  mem=$(podman stats --no-stream --format '{{.MemUsage}}' "$NAME" | cut -d/ -f1 | tr -d ' ')
  container_remove "$NAME"
  echo "$ready $first $mem"
}

# The container runtime's own share: an empty container from the same base, start to exit.
t0=$(now_ms)
podman run --rm --network host "$BASE_IMAGE" true
overhead=$(( $(now_ms) - t0 ))

declare -A ready first mem
for round in $(seq 1 "$ROUNDS"); do
  if [ $((round % 2)) -eq 1 ]; then order="Static Dynamic"; else order="Dynamic Static"; fi
  for mode in $order; do
    read -r r f m < <(measure "$mode")
    ready[$mode]+="$r "; first[$mode]+="$f "; mem[$mode]+="$m "
    echo "round $round $mode: ready ${r} ms, first bus request ${f} ms, memory $m" >&2
  done
done

median() { tr ' ' '\n' | grep . | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

echo
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); image $IMAGE;"
echo "empty container start to exit: $overhead ms; $ROUNDS rounds, medians in bold"
echo
echo "| Wolverine code | start → /health/ready (ms) | first request through Wolverine (ms) | memory after it |"
echo "|---|---|---|---|"
for mode in Static Dynamic; do
  echo "| $mode | ${ready[$mode]}→ **$(median <<<"${ready[$mode]}")** | ${first[$mode]}→ **$(median <<<"${first[$mode]}")** | ${mem[$mode]}|"
done
