# Shared by scripts/container-test.sh and benchmarks/container-startup.sh (sourced, not run):
# builds the platform's image with podman, offline, from the Dockerfile's "published" target.
#   container_tools       podman, runc, debootstrap, curl, jq from Debian (apt-get) + a project-local containers.conf
#   container_base        localhost/monolith-base:<ASP.NET Core version>, made once and then reused
#   container_publish     codegen write + dotnet publish into artifacts/publish
#   container_image TAG   the Dockerfile's "published" target: its runtime stage over the base, with artifacts/publish
#   container_db_create / container_db_drop NAME   a throw-away database on the project PostgreSQL
#   container_start NAME PORT DB [ENV=VALUE...]   the image on the host network, on 127.0.0.1:PORT
#   container_wait_ready PORT SECONDS   polls /health/ready until 200
#   container_remove NAME, container_logs_contain NAME TEXT, free_port
# Expects REPO to be set by the caller.

CONTAINER_DATA="$REPO/.data/container"   # git-ignored: the debootstrap root while the base is made
PG_PORT="${MONOLITH_PG_PORT:-55432}"
export DEBIAN_FRONTEND=noninteractive DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# A project-local podman configuration, so this machine's own containers.conf stays untouched.
export CONTAINERS_CONF="$CONTAINER_DATA/containers.conf"

log() { echo "container: $*" >&2; }

container_tools() {
  local pkgs=() p
  # Installed, not merely known: a removed package keeps its configuration and a dpkg entry.
  for p in podman runc debootstrap curl jq; do
    [ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null)" = installed ] || pkgs+=("$p")
  done
  if [ ${#pkgs[@]} -gt 0 ]; then
    [ "$(id -u)" -eq 0 ] || { log "need root to install ${pkgs[*]}"; return 1; }
    log "installing ${pkgs[*]}"
    compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null || apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
  fi
  mkdir -p "$CONTAINER_DATA"
  # default_ulimits: Debian's default asks for a file limit this kind of VM refuses; runc: Debian's podman
  # otherwise looks for crun, which is not installed.
  cat > "$CONTAINERS_CONF" <<'EOF'
[containers]
default_ulimits = []
[engine]
runtime = "runc"
EOF
}

# The ASP.NET Core runtime on this machine: the base image carries exactly it.
aspnet_version() {
  dotnet --list-runtimes | awk '$1 == "Microsoft.AspNetCore.App" && $2 ~ /^10\./ { v = $2 } END { print v }'
}

# What the official mcr.microsoft.com/dotnet/aspnet image gives the app, built from Debian and this
# machine's .NET: a minimal Debian 12 root, the libraries .NET needs, the dotnet host with the
# Microsoft.NETCore.App and Microsoft.AspNetCore.App runtimes, and the same non-root user "app" (1654).
container_base() {
  local version dotnet_root root mirror
  version="$(aspnet_version)"
  [ -n "$version" ] || { log "no Microsoft.AspNetCore.App 10.x runtime on this machine"; return 1; }
  BASE_IMAGE="localhost/monolith-base:$version"
  if podman image exists "$BASE_IMAGE"; then
    log "base image $BASE_IMAGE exists"
    return 0
  fi
  dotnet_root="$(dirname "$(readlink -f "$(command -v dotnet)")")"
  root="$CONTAINER_DATA/rootfs"
  # The Debian mirror apt already uses (one-line or deb822 sources).
  mirror="$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null \
    | grep -vE '^\s*#' | grep -oE 'https?://[^ ]+/debian/?( |$)' | head -n1 | tr -d ' ' || true)"
  mirror="${mirror:-http://deb.debian.org/debian}"
  log "making $BASE_IMAGE (debootstrap bookworm from $mirror, .NET $version from $dotnet_root)"
  rm -rf "$root"
  # No ICU: the app runs with InvariantGlobalization. ca-certificates for outbound HTTPS (upstream models),
  # libssl3 for .NET's TLS, tzdata for time zones; libstdc++6, libgcc-s1 and zlib1g are already in minbase.
  debootstrap --variant=minbase --include=ca-certificates,libssl3,tzdata bookworm "$root" "$mirror" >/dev/null
  chroot "$root" groupadd --gid 1654 app
  chroot "$root" useradd --uid 1654 --gid 1654 --no-create-home --home-dir /app --shell /usr/sbin/nologin app
  # Package caches, lists and documentation are not needed at run time.
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/usr/share/doc/* \
    "$root"/usr/share/man/* "$root"/usr/share/info/* "$root"/usr/share/locale/*
  mkdir -p "$root/usr/share/dotnet/shared" "$root/usr/share/dotnet/host/fxr"
  cp -a "$dotnet_root/dotnet" "$dotnet_root/LICENSE.txt" "$dotnet_root/ThirdPartyNotices.txt" "$root/usr/share/dotnet/"
  cp -a "$dotnet_root/host/fxr/$version" "$root/usr/share/dotnet/host/fxr/"
  local framework
  for framework in Microsoft.NETCore.App Microsoft.AspNetCore.App; do
    mkdir -p "$root/usr/share/dotnet/shared/$framework"
    cp -a "$dotnet_root/shared/$framework/$version" "$root/usr/share/dotnet/shared/$framework/"
  done
  ln -s /usr/share/dotnet/dotnet "$root/usr/bin/dotnet"
  # The official image's environment, as far as the app can tell.
  tar -C "$root" -c . | podman import \
    --change 'ENV APP_UID=1654' \
    --change 'ENV DOTNET_RUNNING_IN_CONTAINER=true' \
    --change "ENV DOTNET_VERSION=$version" \
    --change "ENV ASPNET_VERSION=$version" \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --quiet - "$BASE_IMAGE" >/dev/null
  rm -rf "$root"
  log "base image $BASE_IMAGE: $(podman image inspect --format '{{.Size}}' "$BASE_IMAGE") bytes"
}

# The Dockerfile's build stage, done on this machine: Wolverine's code for every module, then the
# host published with it compiled in (IncludeWolverineGeneratedCode).
container_publish() {
  local generated="$REPO/src/Host/Internal/Generated"
  rm -rf "$generated" "$REPO/artifacts/publish"
  # codegen writes under the content root, the working directory; it needs no database.
  (cd "$REPO/src/Host" && dotnet run -c Release --no-launch-profile -- codegen write >/dev/null)
  # For this machine's Linux architecture only: ONNX Runtime's native libraries for every other
  # platform would add about 200 MB. English resources only (the app runs with invariant globalization).
  local rid
  rid="linux-$(uname -m | sed 's/x86_64/x64/; s/aarch64/arm64/')"
  dotnet publish "$REPO/src/Host/Monolith.Host.csproj" -c Release -r "$rid" --self-contained false \
    -o "$REPO/artifacts/publish" -p:IncludeWolverineGeneratedCode=true -p:UseAppHost=false \
    -p:SatelliteResourceLanguages=en -p:PublishDocumentationFiles=false --nologo -v quiet
  # Nothing generated stays in the source tree (an ordinary build would ignore it anyway).
  rm -rf "$generated"
}

container_image() {
  local tag="$1" previous
  previous="$(podman image inspect --format '{{.Id}}' "$tag" 2>/dev/null || true)"
  # docker format: the OCI image format has no HEALTHCHECK. TARGETARCH only quiets buildah's warning about
  # the SDK stage's argument: that stage is not built for this target.
  podman build --quiet --format docker --target published --build-arg "RUNTIME_IMAGE=$BASE_IMAGE" \
    --build-arg "TARGETARCH=$(dpkg --print-architecture)" -t "$tag" -f "$REPO/Dockerfile" "$REPO" >/dev/null
  # The image this tag named before, now untagged.
  if [ -n "$previous" ] && [ "$previous" != "$(podman image inspect --format '{{.Id}}' "$tag")" ]; then
    podman rmi "$previous" >/dev/null 2>&1 || true
  fi
}

psql_monolith() {
  PGPASSWORD=monolith psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U monolith -d postgres "$@"
}

container_db_create() { psql_monolith -c "CREATE DATABASE \"$1\" TEMPLATE template1"; }
container_db_drop() { psql_monolith -c "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" >/dev/null 2>&1 || true; }

container_connection_string() {
  echo "Host=127.0.0.1;Port=$PG_PORT;Database=$1;Username=monolith;Password=monolith"
}

# The host network: the container reaches the loopback-only PostgreSQL, and the platform listens on a
# loopback port of its own (never the default 8080 another process may hold).
container_start() {
  local name="$1" port="$2" db="$3"; shift 3
  local env_args=() kv
  for kv in "$@"; do env_args+=(-e "$kv"); done
  # No healthcheck timer (it needs systemd, absent here); `podman healthcheck run` runs the image's check once.
  podman run -d --name "$name" --network host --health-interval=disable \
    -e "ASPNETCORE_URLS=http://127.0.0.1:$port" \
    -e "ConnectionStrings__Postgres=$(container_connection_string "$db")" \
    "${env_args[@]}" "$IMAGE" 2> >(grep -v 'systemd connection' >&2) >/dev/null
}

# Also filters podman's complaint that it cannot remove the (never created) systemd healthcheck timer.
container_remove() { podman rm -f "$1" 2> >(grep -v 'systemd connection' >&2) >/dev/null || true; }

# The walk-throughs' API calls: a JSON body, and an error status fails the call with the body printed.
json() { curl -sS --fail-with-body -H 'Content-Type: application/json' "$@"; }

# Search and a cited chat answer over the ADRs a walk-through uploaded into collection $3 with key $2 at $1: the top
# hybrid hit for API keys is the document titled $4, and the answer quotes how keys are stored. Two steps, with the
# calling script's fail and pass; leaves the conversation's id in CV.
walk_search_and_chat() {
  local base="$1" key="$2" collection="$3" title="$4" top answer
  step="search"
  top=$(json -X POST "$base/api/v1/collections/$collection/search" -H "Authorization: Bearer $key" \
    -d '{"query":"how are API keys stored?","mode":"hybrid","topK":3,"filter":{"kind":"adr"}}' | jq -r '.items[0].title') \
    || fail "search"
  [ "$top" = "$title" ] || fail "the top hit for API keys is \"$top\", not the authentication ADR"
  pass

  step="chat"
  CV=$(json -X POST "$base/api/v1/conversations" -H "Authorization: Bearer $key" \
    -d "{\"title\":\"docs\",\"collectionIds\":[\"$collection\"]}" | jq -er .id) || fail "create conversation"
  answer=$(json -X POST "$base/api/v1/conversations/$CV/messages" -H "Authorization: Bearer $key" \
    -d '{"content":"How are API keys stored?"}') || fail "ask"
  [ "$(jq '.citations | length' <<<"$answer")" -ge 1 ] || fail "the answer has no citations: $answer"
  jq -e '.content | test("SHA-256")' <<<"$answer" >/dev/null || fail "the answer does not quote how keys are stored: $answer"
  pass
}

container_logs_contain() { [[ "$(podman logs "$1" 2>&1)" == *"$2"* ]]; }

container_wait_ready() {
  local port="$1" seconds="$2" deadline
  deadline=$(( $(date +%s) + seconds ))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/ready")" = 200 ]; do
    [ "$(date +%s)" -lt "$deadline" ] || return 1
    sleep 0.05
  done
}

# A loopback port nothing listens on right now (a refused connection), from the ephemeral range's neighbours.
free_port() {
  local port
  while :; do
    port=$(( 20000 + RANDOM % 20000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}
