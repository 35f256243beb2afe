#!/usr/bin/env bash
# What extraction costs a request: the monolith and the two-process shape (Users + Chat + gateway |
# Embeddings + Search, RabbitMQ between them) run side by side on one database, and the same requests
# go to both, interleaved, with the same API-key user. Prints the median and p90 of curl's total time.
#   dotnet build -c Release src/Host && scripts/rabbitmq.sh start && benchmarks/extraction-latency.sh [rounds]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROUNDS="${1:-200}"
PG_PORT="${MONOLITH_PG_PORT:-55432}"
DB="extraction_bench_$$"
DLL="${MONOLITH_HOST_DLL:-src/Host/bin/Release/net10.0/Monolith.Host.dll}" # another build: compare before/after
DATA="$(mktemp -d)"
export PGPASSWORD=monolith
psql -q -h 127.0.0.1 -p "$PG_PORT" -U monolith -d postgres -c "CREATE DATABASE $DB TEMPLATE template1"
pids=()
cleanup() {
  kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true
  psql -q -h 127.0.0.1 -p "$PG_PORT" -U monolith -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
  rm -rf "$DATA"
}
trap cleanup EXIT

export ConnectionStrings__Postgres="Host=127.0.0.1;Port=$PG_PORT;Database=$DB;Username=monolith;Password=monolith"
export DataPath="$DATA" Logging__LogLevel__Default=Warning RateLimits__Requests__PermitLimit=1000000
start() { # port, then environment assignments
  local port=$1; shift
  env "$@" dotnet "$DLL" --urls "http://127.0.0.1:$port" >"$DATA/$port.log" 2>&1 & pids+=($!)
}
ready() { for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$1/health/ready" >/dev/null && return; sleep 0.5; done; echo "port $1 not ready" >&2; exit 1; }
# The monolith migrates the shared schemas first; the split processes then find them current.
start 18080 Messaging__Schema=wolverine_bench_monolith
ready 18080
start 18082 Modules__Enabled=Embeddings,Search Messaging__RabbitMq=amqp://guest:guest@127.0.0.1:${MONOLITH_RABBITMQ_PORT:-55672} Messaging__QueuePrefix=bench$$
start 18081 Modules__Enabled=Users,Chat Modules__Remote__Embeddings=http://127.0.0.1:18082 Modules__Remote__Search=http://127.0.0.1:18082 \
  Messaging__RabbitMq=amqp://guest:guest@127.0.0.1:${MONOLITH_RABBITMQ_PORT:-55672} Messaging__QueuePrefix=bench$$
ready 18081; ready 18082

M=http://127.0.0.1:18080; S=http://127.0.0.1:18081; J='Content-Type: application/json'
curl -sf -X POST $M/api/v1/auth/register -H "$J" -d '{"email":"bench@example.com","password":"correct horse battery","displayName":"Bench"}' >/dev/null
TOKEN=$(curl -sf -X POST $M/api/v1/auth/token -H "$J" -d '{"email":"bench@example.com","password":"correct horse battery"}' | jq -r .accessToken)
KEY=$(curl -sf -X POST $M/api/v1/users/me/api-keys -H "Authorization: Bearer $TOKEN" -H "$J" -d '{"name":"bench"}' | jq -r .key)
A="Authorization: Bearer $KEY"
C=$(curl -sf -X POST $M/api/v1/collections -H "$A" -H "$J" -d '{"name":"bench"}' | jq -r .id)
jq -n --arg a "$(cat docs/adr/0005-authentication.md)" --arg b "$(cat docs/adr/0008-search-storage-and-retrieval.md)" --arg c "$(cat docs/adr/0011-extraction-over-rabbitmq.md)" \
  '{documents:[{title:"auth",text:$a},{title:"search",text:$b},{title:"extraction",text:$c}]}' \
  | curl -sf -X POST $M/api/v1/collections/$C/documents/batch -H "$A" -H "$J" -d @- >/dev/null
for _ in $(seq 1 120); do [ "$(curl -sf $M/api/v1/collections/$C -H "$A" | jq .documentCounts.indexed)" = 3 ] && break; sleep 0.5; done
CV=$(curl -sf -X POST $M/api/v1/conversations -H "$A" -H "$J" -d "{\"collectionIds\":[\"$C\"]}" | jq -r .id)

time_of() { curl -s -o /dev/null -w '%{time_total}\n' "$@"; }
# Rows inserted into each side's message store (outbox, inbox, …): what the durable messaging writes per run.
store_rows() {
  psql -qtA -h 127.0.0.1 -p "$PG_PORT" -U monolith -d "$DB" -c \
    "SELECT coalesce(sum(n_tup_ins), 0) FROM pg_stat_user_tables WHERE schemaname $1 'wolverine_bench_monolith' AND schemaname LIKE 'wolverine%'"
}
rows_m=$(store_rows =); rows_s=$(store_rows '<>')
declare -A samples
for kind in me search chat; do samples[$kind-m]=""; samples[$kind-s]=""; done
for i in $(seq 1 "$ROUNDS"); do
  for base in $M $S; do
    side=$([ "$base" = "$M" ] && echo m || echo s)
    samples[me-$side]+="$(time_of $base/api/v1/users/me -H "$A") "
    samples[search-$side]+="$(time_of -X POST $base/api/v1/collections/$C/search -H "$A" -H "$J" -d "{\"query\":\"how are api keys stored $((i % 7))\",\"topK\":5}") "
    [ $((i % 4)) = 0 ] && samples[chat-$side]+="$(time_of -X POST $base/api/v1/conversations/$CV/messages -H "$A" -H "$J" -d '{"content":"How are API keys stored?"}') "
  done
done

sleep 1 # the statistics collector reports at most every 500 ms
rows_m=$(( $(store_rows =) - rows_m )); rows_s=$(( $(store_rows '<>') - rows_s ))
stats() { tr ' ' '\n' | grep . | sort -n | awk '{v[NR]=$1} END {printf "%7.1f %7.1f", v[int((NR+1)/2)]*1000, v[int(NR*0.9)]*1000}'; }
echo "rounds: $ROUNDS; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-28s %17s %17s %7s\n' request "monolith p50 p90" "split p50 p90" "ratio"
for kind in me search chat; do
  m=$(echo "${samples[$kind-m]}" | stats); s=$(echo "${samples[$kind-s]}" | stats)
  ratio=$(awk -v a="$(awk '{print $1}' <<<"$m")" -v b="$(awk '{print $1}' <<<"$s")" 'BEGIN {printf "%.2f", b / a}')
  printf '%-28s %17s %17s %7s\n' "$kind" "$m" "$s" "$ratio"
done
echo "message-store rows inserted during the rounds: monolith $rows_m, split $rows_s"
