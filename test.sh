#!/usr/bin/env bash
# Runs every test (architecture, integration) against a real local PostgreSQL with pgvector and a
# real RabbitMQ (for the tests that run modules as separate processes), installing and starting
# them first if needed. Extra arguments go to `dotnet test`
# (e.g. ./test.sh --filter "FullyQualifiedName~ApiKeys").
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

if [ -z "${ConnectionStrings__Postgres:-}" ]; then
  scripts/postgres.sh start
fi
if [ -z "${MONOLITH_TEST_RABBITMQ:-}" ]; then
  scripts/rabbitmq.sh start
fi

# Each test project writes its TRX into its own TestResults folder (no name clashes).
dotnet test Monolith.sln --logger trx "$@"
