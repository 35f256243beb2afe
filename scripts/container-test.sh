#!/usr/bin/env bash
# Builds the platform's container image without any registry and runs the README walk-through against it:
# podman + runc + debootstrap from Debian (installed if missing, needs root), a local base image made once
# with debootstrap and this machine's ASP.NET Core runtime (cached), `dotnet publish` with Wolverine's
# pre-generated code, the Dockerfile's runtime stage, then the container on the host network against the
# project PostgreSQL (scripts/postgres.sh; a throw-away database, dropped at the end).
# The last line is the summary: `container-test: passed (…)` or `container-test: FAILED …`; exit 1 on any failure.
#   CONTAINER_TEST_KEEP=1   leave the container and database for a look afterwards
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
# shellcheck source=scripts/container-lib.sh
source "$REPO/scripts/container-lib.sh"

STARTED=$(date +%s)
IMAGE=localhost/monolith:test
NAME="monolith-test-$$"
DB="monolith_container_$$"
PORT="$(free_port)"
B="http://127.0.0.1:$PORT"
checks=0
step="setup"

cleanup() {
  local rc=$?
  if [ "$rc" -ne 0 ] && podman container exists "$NAME" 2>/dev/null; then
    podman logs "$NAME" 2>&1 | tail -n 40 >&2 || true
  fi
  if [ "${CONTAINER_TEST_KEEP:-0}" != 1 ]; then
    container_remove "$NAME"
    container_db_drop "$DB"
  fi
  if [ "$rc" -ne 0 ]; then
    echo "container-test: FAILED at \"$step\" after $(( $(date +%s) - STARTED )) s"
  fi
}
trap cleanup EXIT

fail() { echo "container-test: $step: $*" >&2; exit 1; }
pass() { checks=$((checks + 1)); log "ok: $step (at $(( $(date +%s) - STARTED )) s)"; }

step="tools"; container_tools
step="postgres"
# A PostgreSQL already answering on the project port (this clone's or another's) is used as it is.
pg_isready -q -h 127.0.0.1 -p "$PG_PORT" || scripts/postgres.sh start >/dev/null
step="base image"; container_base
step="publish"; container_publish
step="image"; container_image "$IMAGE"
image_mb=$(( $(podman image inspect --format '{{.Size}}' "$IMAGE") / 1000000 ))
pass

step="migrate only"
container_db_create "$DB"
podman run --rm --network host -e "ConnectionStrings__Postgres=$(container_connection_string "$DB")" \
  "$IMAGE" --migrate-only >/dev/null 2>&1 || fail "--migrate-only exited non-zero"
pass

step="start"
t0=$(date +%s%N)
container_start "$NAME" "$PORT" "$DB"
container_wait_ready "$PORT" 120 || fail "/health/ready did not answer 200 within 120 s"
ready_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
container_logs_contain "$NAME" "Wolverine code: Static" || fail "the container does not run pre-generated code (Static)"
pass

step="healthcheck"
podman healthcheck run "$NAME" >/dev/null || fail "the image's HEALTHCHECK reported unhealthy"
[ "$(podman exec "$NAME" id -u)" = 1654 ] || fail "the process does not run as the non-root user 1654"
podman exec "$NAME" test -s /data/jwt-signing.key || fail "no signing key in the /data volume"
pass

step="register + token"
json -X POST "$B/api/v1/auth/register" \
  -d '{"email":"ada@example.com","password":"correct horse battery","displayName":"Ada"}' >/dev/null || fail "register"
TOKEN=$(json -X POST "$B/api/v1/auth/token" \
  -d '{"email":"ada@example.com","password":"correct horse battery"}' | jq -er .accessToken) || fail "token"
[ "$(json "$B/api/v1/users/me" -H "Authorization: Bearer $TOKEN" | jq -r .email)" = ada@example.com ] || fail "users/me"
pass

step="api key"
KEY=$(json -X POST "$B/api/v1/users/me/api-keys" -H "Authorization: Bearer $TOKEN" -d '{"name":"laptop"}' | jq -er .key) \
  || fail "create key"
[ "$(json "$B/api/v1/users/me/api-keys" -H "Authorization: Bearer $KEY" | jq '.items | length')" = 1 ] || fail "list keys"
pass

step="embeddings"
dims=$(json "$B/v1/embeddings" -H "Authorization: Bearer $KEY" -d '{"input":["A man is eating food."]}' \
  | jq '.data[0].embedding | length') || fail "/v1/embeddings"
[ "$dims" = 384 ] || fail "expected 384 dimensions, got $dims"
pass

step="collection + documents"
C=$(json -X POST "$B/api/v1/collections" -H "Authorization: Bearer $KEY" -d '{"name":"project docs"}' | jq -er .id) \
  || fail "create collection"
jq -n --arg a "$(cat docs/adr/0005-authentication.md)" --arg b "$(cat docs/adr/0008-search-storage-and-retrieval.md)" \
  '{documents:[{title:"auth",externalId:"adr-5",text:$a,metadata:{kind:"adr"}},{title:"search",externalId:"adr-8",text:$b,metadata:{kind:"adr"}}]}' \
  | json -X POST "$B/api/v1/collections/$C/documents/batch" -H "Authorization: Bearer $KEY" -d @- >/dev/null \
  || fail "upload documents"
pass

step="indexed"
deadline=$(( $(date +%s) + 120 ))
until [ "$(json "$B/api/v1/collections/$C" -H "Authorization: Bearer $KEY" | jq -c .documentCounts)" = '{"pending":0,"indexed":2,"failed":0}' ]; do
  [ "$(date +%s)" -lt "$deadline" ] || fail "documents not indexed within 120 s"
  sleep 0.5
done
pass

walk_search_and_chat "$B" "$KEY" "$C" auth

step="streamed chat"
curl -sS -N -X POST "$B/api/v1/conversations/$CV/messages" -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
  -H 'Accept: text/event-stream' -d '{"content":"What does hybrid search do?"}' | grep -q '^event: message' \
  || fail "the streamed answer has no message event"
pass

step="delete account"
[ "$(curl -s -o /dev/null -w '%{http_code}' -X DELETE "$B/api/v1/users/me" -H "Authorization: Bearer $TOKEN")" = 204 ] \
  || fail "delete"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$B/api/v1/users/me" -H "Authorization: Bearer $KEY")" = 401 ] \
  || fail "the deleted account's key still works"
pass

echo "container-test: passed ($checks checks; image $image_mb MB; start to /health/ready ${ready_ms} ms; $(( $(date +%s) - STARTED )) s in all)"
