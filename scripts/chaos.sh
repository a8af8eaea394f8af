#!/usr/bin/env bash
# Runs the chaos test at full size: three standalone hosts on one task hub (Azurite), 20 runs of a 30-node graph in
# flight, a random host SIGKILLed and restarted every 3 s for 60 s. Every run must succeed with each node result
# recorded once. Prints the test's figures (kills, node executions, time to finish). Sizes can be changed with
# AGENTFUNCTIONS_CHAOS_RUNS, _NODES, _NODE_SECONDS, _SECONDS and _KILL_EVERY_SECONDS.
set -euo pipefail
cd "$(dirname "$0")/.."

export AGENTFUNCTIONS_CHAOS_RUNS="${AGENTFUNCTIONS_CHAOS_RUNS:-20}"
export AGENTFUNCTIONS_CHAOS_NODES="${AGENTFUNCTIONS_CHAOS_NODES:-30}"
export AGENTFUNCTIONS_CHAOS_NODE_SECONDS="${AGENTFUNCTIONS_CHAOS_NODE_SECONDS:-5}"   # each worker node sleeps this long, so the work outlasts the minute of kills
export AGENTFUNCTIONS_CHAOS_SECONDS="${AGENTFUNCTIONS_CHAOS_SECONDS:-60}"
export AGENTFUNCTIONS_CHAOS_KILL_EVERY_SECONDS="${AGENTFUNCTIONS_CHAOS_KILL_EVERY_SECONDS:-3}"

./scripts/ensure-node-tools.sh
echo "==> dotnet build -c Release (app and tests)"
dotnet build src/Functions/AgentFunctions.Functions.csproj -c Release --nologo -v quiet
dotnet build tests/AgentFunctions.Functions.Tests/AgentFunctions.Functions.Tests.csproj -c Release --nologo -v quiet

echo "==> chaos: $AGENTFUNCTIONS_CHAOS_RUNS runs × $AGENTFUNCTIONS_CHAOS_NODES nodes of ${AGENTFUNCTIONS_CHAOS_NODE_SECONDS} s, a kill every ${AGENTFUNCTIONS_CHAOS_KILL_EVERY_SECONDS} s for ${AGENTFUNCTIONS_CHAOS_SECONDS} s"
dotnet test tests/AgentFunctions.Functions.Tests/AgentFunctions.Functions.Tests.csproj -c Release --no-build --nologo \
    --filter "FullyQualifiedName~ChaosTests" --logger "console;verbosity=detailed"
