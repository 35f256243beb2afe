#!/usr/bin/env bash
# The split overlay (deploy/kubernetes/overlays/split) run for real with `podman kube play`, walked through like a
# user would: register → API key → upload → indexed → search → chat, with two Embeddings + Search replicas behind
# the gateway, one killed (SIGKILL) while the uploaded documents are being indexed, every document indexed once.
#
# It reuses the image scripts/container-test.sh builds (localhost/monolith:test; built here the same way only if
# it is missing) and the project PostgreSQL and RabbitMQ on the host (external dependencies of the manifests).
# What podman 4.3 (Debian 12) does not do, the rendered YAML is adapted for here, and only that (docs/extraction.md,
# "Kubernetes"; ADR 56):
#   - no Secret kind: the Secret's values go into a podman secret of the same name (a JSON map of base64 values,
#     what kube play reads for envFrom.secretRef), with this run's database, broker and a fresh signing key;
#   - no Service, Ingress or HPA: dropped; the gateway gets the replicas' addresses as a list instead of the
#     headless Service's DNS name (no cluster DNS here);
#   - the host network (PostgreSQL and RabbitMQ listen on loopback only), so each pod listens on a port of its own
#     (no port mappings; the probes name that port) and the Deployment of two replicas becomes two Deployments of
#     one (two pods of one Deployment would share their port); podman 4.3 lets envFrom override env, so the
#     ConfigMap's ASPNETCORE_URLS is dropped;
#   - names get this run's suffix and the queues its own prefix, so runs and other users of the broker never meet.
# The last line is the summary: `kube-play-test: passed (…)` or `kube-play-test: FAILED …`; exit 1 on any failure.
#   KUBE_PLAY_TEST_KEEP=1   leave the pods, secret and database for a look afterwards
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
# shellcheck source=scripts/container-lib.sh
source "$REPO/scripts/container-lib.sh"

STARTED=$(date +%s)
IMAGE=localhost/monolith:test
RUN="kp$$"
DB="monolith_kubeplay_$$"
PREFIX="kubeplay$$"
RABBITMQ="${MONOLITH_TEST_RABBITMQ:-amqp://guest:guest@127.0.0.1:55672}"
WORK="$(mktemp -d)"
PLAY="$WORK/play.yaml"
checks=0
step="setup"
played=0

API_PORT="$(free_port)"
until S0_PORT="$(free_port)"; [ "$S0_PORT" != "$API_PORT" ]; do :; done
until S1_PORT="$(free_port)"; [ "$S1_PORT" != "$API_PORT" ] && [ "$S1_PORT" != "$S0_PORT" ]; do :; done
B="http://127.0.0.1:$API_PORT"

# kube play names a Deployment's pod <deployment>-pod-0 and its container <pod>-<container>.
container_of() { echo "$1-$RUN-pod-0-host"; }
API="$(container_of monolith-api)"
S0="$(container_of monolith-search-0)"
S1="$(container_of monolith-search-1)"

cleanup() {
  local rc=$?
  if [ "$rc" -ne 0 ] && [ "$played" = 1 ]; then
    local c
    for c in "$API" "$S0" "$S1"; do
      echo "--- $c" >&2
      podman logs "$c" 2>&1 | tail -n 25 >&2 || true
    done
  fi
  if [ "${KUBE_PLAY_TEST_KEEP:-0}" != 1 ]; then
    [ "$played" = 1 ] && podman kube play --down "$PLAY" >/dev/null 2>&1 || true
    podman secret rm "monolith-secrets-$RUN" >/dev/null 2>&1 || true
    container_db_drop "$DB"
    "$REPO/scripts/rabbitmq.sh" delete-prefix "$PREFIX" || true
    rm -rf "$WORK"
  fi
  if [ "$rc" -ne 0 ]; then
    echo "kube-play-test: FAILED at \"$step\" after $(( $(date +%s) - STARTED )) s"
  fi
}
trap cleanup EXIT

fail() { echo "kube-play-test: $step: $*" >&2; exit 1; }
pass() { checks=$((checks + 1)); log "ok: $step (at $(( $(date +%s) - STARTED )) s)"; }
sql() { psql_monolith -d "$DB" -At -c "$1"; }

step="tools"
container_tools
# catatonit: the init of podman's pause image (kube play runs every pod with one); yq: YAML through jq.
kube_pkgs=()
for p in catatonit yq; do
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null)" = installed ] || kube_pkgs+=("$p")
done
if [ ${#kube_pkgs[@]} -gt 0 ]; then
  log "installing ${kube_pkgs[*]}"
  apt-get install -y -qq --no-install-recommends "${kube_pkgs[@]}" >/dev/null
fi
command -v kubectl >/dev/null || fail "kubectl is needed to render the overlay"
step="image"
if ! podman image exists "$IMAGE"; then
  pg_isready -q -h 127.0.0.1 -p "$PG_PORT" || scripts/postgres.sh start >/dev/null
  container_base
  container_publish
  container_image "$IMAGE"
fi
pass

step="render"
kubectl kustomize deploy/kubernetes/overlays/split > "$WORK/split.yaml"
remote="http://127.0.0.1:$S0_PORT,http://127.0.0.1:$S1_PORT"
# One jq program over every rendered object; it fails (and so does this step) if an object it needs is missing.
yq -y -s --arg run "$RUN" --arg image "$IMAGE" --arg prefix "$PREFIX" --arg remote "$remote" \
  --arg api "$API_PORT" --arg s0 "$S0_PORT" --arg s1 "$S1_PORT" '
  def one($kind; $name): (map(select(.kind == $kind and .metadata.name == $name)) | if length == 1 then .[0]
    else error("\($kind) \($name) not rendered") end);
  def suffixed: .metadata.name += "-\($run)";
  def setenv($kv): .env = ([(.env // [])[] | select(.name as $n | $kv | has($n) | not)]
    + ($kv | to_entries | map({name: .key, value: .value})));
  def dropenv($n): .env |= map(select(.name != $n));
  def refs: .envFrom |= map(if .configMapRef then .configMapRef.name += "-\($run)" else .secretRef.name += "-\($run)" end);
  # On the host network there are no port mappings: the pod listens on its own port, which its probes name.
  def own_port($port): del(.ports) | (.readinessProbe, .livenessProbe, .startupProbe).httpGet.port = ($port | tonumber);
  def pod($port; f): suffixed | .spec.replicas = 1
    | .spec.template.spec.containers[0] |= (.image = $image | refs | own_port($port)
      | setenv({ASPNETCORE_URLS: "http://127.0.0.1:\($port)"}) | f);
  # Replicas log each request and each use case they handle (documents indexed), so the work of each is counted.
  def counted: setenv({"Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics": "Information",
    "Logging__LogLevel__Monolith.BuildingBlocks.Application": "Debug"});
  # podman 4.3 lets envFrom override env (Kubernetes does the reverse): the port is set on each pod only.
  (one("ConfigMap"; "monolith-settings") | suffixed | .data.Messaging__QueuePrefix = $prefix | del(.data.ASPNETCORE_URLS)),
  (one("Deployment"; "monolith-api") | pod($api; dropenv("Gateway__DnsRefreshSeconds")
    | setenv({Modules__Remote__Embeddings: $remote, Modules__Remote__Search: $remote}))),
  (one("Deployment"; "monolith-search") as $search
    | ($search | .metadata.name = "monolith-search-0" | pod($s0; counted)),
      ($search | .metadata.name = "monolith-search-1" | pod($s1; counted)))
' "$WORK/split.yaml" > "$PLAY" || fail "adapting the rendered overlay"
# The Secret's keys as the overlay has them, with this run's values.
secret_keys="$(yq -r 'select(.kind == "Secret" and .metadata.name == "monolith-secrets") | .stringData | keys[]' "$WORK/split.yaml" | sort | tr '\n' ' ')"
[ "$secret_keys" = "Auth__SigningKey ConnectionStrings__Postgres Messaging__RabbitMq " ] || fail "unexpected Secret keys: $secret_keys"
jq -n --arg key "$(head -c 48 /dev/urandom | base64 -w0)" --arg pg "$(container_connection_string "$DB");Gss Encryption Mode=Disable" --arg mq "$RABBITMQ" \
  '{Auth__SigningKey: $key, ConnectionStrings__Postgres: $pg, Messaging__RabbitMq: $mq} | map_values(@base64)' \
  | podman secret create "monolith-secrets-$RUN" - >/dev/null || fail "podman secret create"
pass

step="play"
container_db_create "$DB"
t0=$(date +%s%N)
played=1
podman kube play --network host "$PLAY" >/dev/null 2> >(grep -v 'systemd connection' >&2) || fail "podman kube play"
for port in "$API_PORT" "$S0_PORT" "$S1_PORT"; do
  container_wait_ready "$port" 300 || fail "127.0.0.1:$port/health/ready did not answer 200 within 300 s"
done
ready_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
pass

step="register + api key"
json -X POST "$B/api/v1/auth/register" \
  -d '{"email":"grace@example.com","password":"correct horse battery","displayName":"Grace"}' >/dev/null || fail "register"
TOKEN=$(json -X POST "$B/api/v1/auth/token" \
  -d '{"email":"grace@example.com","password":"correct horse battery"}' | jq -er .accessToken) || fail "token"
KEY=$(json -X POST "$B/api/v1/users/me/api-keys" -H "Authorization: Bearer $TOKEN" -d '{"name":"kube"}' | jq -er .key) \
  || fail "create key"
pass

# What each replica did so far, from its log: API requests answered (health checks aside), documents indexed
# (LoggingBehavior's line per use case), uploads accepted. A killed process loses the lines it had not yet written.
requests_of() { podman logs "$1" 2>&1 | grep 'Request finished' | grep -vc '/health/' || true; }
indexings_of() { podman logs "$1" 2>&1 | grep -c 'Handled IndexDocumentCommand' || true; }
uploads_of() { podman logs "$1" 2>&1 | grep -c 'Request finished .* POST .*/documents/batch - 202 ' || true; }

step="collection, both replicas"
C=$(json -X POST "$B/api/v1/collections" -H "Authorization: Bearer $KEY" -d '{"name":"project docs"}' | jq -er .id) \
  || fail "create collection"
for _ in $(seq 1 20); do json "$B/api/v1/collections/$C" -H "Authorization: Bearer $KEY" >/dev/null || fail "read collection"; done
r0=$(requests_of "$S0"); r1=$(requests_of "$S1")
[ "$r0" -gt 0 ] && [ "$r1" -gt 0 ] || fail "the gateway did not balance: replicas answered $r0 and $r1 requests"
pass

# Batches of the project's ADRs (several chunks each): the first before the kill, two after it.
batch() {
  local files=("$@") args=() f
  for f in "${files[@]}"; do args+=(--rawfile "$(basename "$f" .md | tr '-' '_')" "$f"); done
  jq -n "${args[@]}" '{documents: [$ARGS.named | to_entries[]
    | {title: (.key | sub("^[0-9]+_"; "")), externalId: .key, text: .value, metadata: {kind: "adr"}}]}' \
    | json -X POST "$B/api/v1/collections/$C/documents/batch" -H "Authorization: Bearer $KEY" -d @- >/dev/null
}
mapfile -t adrs < <(ls docs/adr/00[0-2][0-9]-*.md | sort | head -n 24)
[ "${#adrs[@]}" -eq 24 ] || fail "expected 24 ADRs to upload, found ${#adrs[@]}"

# The replica that accepted the first batch is killed while it indexes it: the survivor must take over its
# messages (balanced mode), and the gateway the next uploads.
step="upload, kill its replica mid-ingestion"
batch "${adrs[@]:0:8}" || fail "upload batch 1"
pending=$(json "$B/api/v1/collections/$C" -H "Authorization: Bearer $KEY" | jq .documentCounts.pending)
deadline=$(( $(date +%s) + 30 ))
until [ "$(uploads_of "$S0")" = 1 ] || [ "$(uploads_of "$S1")" = 1 ]; do
  [ "$(date +%s)" -lt "$deadline" ] || fail "no replica logged the accepted upload within 30 s"
  sleep 0.2
done
if [ "$(uploads_of "$S0")" = 1 ]; then KILLED="$S0" SURVIVOR="$S1"; else KILLED="$S1" SURVIVOR="$S0"; fi
podman kill --signal KILL "$KILLED" >/dev/null || fail "podman kill"
killed_at=$(date +%s)
[ "$pending" -gt 0 ] || fail "the first batch was indexed before the kill (pending $pending): not killed mid-ingestion"
requests_before_kill="$(requests_of "$KILLED")"
batch "${adrs[@]:8:8}" || fail "upload batch 2 (after the kill)"
batch "${adrs[@]:16:8}" || fail "upload batch 3 (after the kill)"
pass

step="indexed, each once"
deadline=$(( $(date +%s) + 300 ))
until [ "$(json "$B/api/v1/collections/$C" -H "Authorization: Bearer $KEY" | jq -c .documentCounts)" = '{"pending":0,"indexed":24,"failed":0}' ]; do
  [ "$(date +%s)" -lt "$deadline" ] || fail "not all 24 documents indexed within 300 s: $(json "$B/api/v1/collections/$C" -H "Authorization: Bearer $KEY" | jq -c .documentCounts)"
  sleep 1
done
indexed_s=$(( $(date +%s) - killed_at ))
# Each document has its chunks once (no second indexing of one a dead replica had started), none dead-lettered.
doubled=$(sql "SELECT count(*) FROM (SELECT d.id FROM search.documents d LEFT JOIN search.chunks c ON c.document_id = d.id
  WHERE d.collection_id = '$C' GROUP BY d.id, d.chunk_count
  HAVING count(c.id) <> d.chunk_count OR count(DISTINCT c.position) <> d.chunk_count) wrong")
[ "$doubled" = 0 ] || fail "$doubled documents do not have each of their chunks exactly once"
[ "$(sql "SELECT count(DISTINCT external_id) FROM search.documents WHERE collection_id = '$C'")" = 24 ] || fail "documents doubled"
[ "$(sql 'SELECT count(*) FROM wolverine_embeddings_search.wolverine_dead_letters')" = 0 ] || fail "dead letters"
pass

walk_search_and_chat "$B" "$KEY" "$C" authentication

step="work per replica"
restarted="$(podman inspect --format '{{.State.Status}}, restarted {{.RestartCount}} times' "$KILLED")"
summary="the first reads split $r0/$r1; survivor: $(requests_of "$SURVIVOR") requests, $(indexings_of "$SURVIVOR") documents indexed;\
 killed: $requests_before_kill requests and $(indexings_of "$KILLED") documents indexed before the kill ($restarted)"
[ "$(indexings_of "$SURVIVOR")" -ge 16 ] || fail "the survivor indexed fewer than the 16 documents uploaded after the kill"
log "$summary"
pass

step="down"
podman kube play --down "$PLAY" >/dev/null 2>&1 || fail "podman kube play --down"
played=0
for c in "$API" "$S0" "$S1"; do ! podman container exists "$c" || fail "$c left behind"; done
pass

echo "kube-play-test: passed ($checks checks; 3 pods ready in ${ready_ms} ms; all 24 indexed ${indexed_s} s after the kill; $summary; $(( $(date +%s) - STARTED )) s in all)"
