#!/usr/bin/env bash
# Runs the demo: installs the pinned Azurite (npm ci, skipped when up to date), builds the app, then `agentfn demo` starts Azurite and the
# Functions app on free local ports, runs the git-to-prod graph end to end, prints the result and stops both.
# Extra arguments go to `agentfn demo` (try --help).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/ensure-node-tools.sh dashboard
echo "==> dotnet build -c Release"
dotnet build AgentFunctions.sln -c Release --nologo -v quiet
echo
exec dotnet src/Cli/bin/Release/net10.0/agentfn.dll demo --configuration Release "$@"
