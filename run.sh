#!/usr/bin/env bash
# Runs the platform: installs and starts a project-local PostgreSQL with pgvector if needed,
# then the host with the embedded defaults on http://127.0.0.1:8080.
# Set ConnectionStrings__Postgres to use your own database instead; extra arguments go to the
# host (e.g. ./run.sh --urls http://0.0.0.0:9000).
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$REPO"

if [ -z "${ConnectionStrings__Postgres:-}" ]; then
  scripts/postgres.sh start
fi

# Generated secrets (the JWT signing key) live in the git-ignored data folder.
export DataPath="${DataPath:-$REPO/.data/host}"
exec dotnet run --project src/Host -c Release --no-launch-profile -- "$@"
