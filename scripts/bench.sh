#!/usr/bin/env bash
# Runs the benchmarks (bench/README.md): installs the pinned Azurite and LangGraph.js (npm ci, skipped when up to date),
# builds the harness in Release, then runs every scenario and writes bench/results.md (a full run takes 3–5 minutes
# on a 2-core machine, most of it LangGraph.js's 10,000-wide fan-out). Extra arguments go to the harness: --quick,
# --only <scenario>, sizes (try --help).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/ensure-node-tools.sh peers
echo "==> dotnet build -c Release bench/AgentFunctions.Bench"
dotnet build bench/AgentFunctions.Bench/AgentFunctions.Bench.csproj -c Release --nologo -v quiet
echo
AF_BENCH_COMMAND="./scripts/bench.sh" exec dotnet bench/AgentFunctions.Bench/bin/Release/net10.0/AgentFunctions.Bench.dll "$@"
