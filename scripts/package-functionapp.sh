#!/usr/bin/env bash
# Lays out an Azure Functions app folder (custom handler) for `func start` or a zip deployment:
#   <out>/host.json, <out>/<Function>/function.json, <out>/bin/ (the published app),
#   <out>/skills, <out>/graphs, <out>/examples (recordings and the sample repository), <out>/local.settings.json.
# Usage: scripts/package-functionapp.sh [out-folder]   (default: artifacts/functionapp)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-artifacts/functionapp}"
rm -rf "$out"
mkdir -p "$out/examples"
dotnet publish src/Functions/AgentFunctions.Functions.csproj -c Release -o "$out/bin" --nologo -v quiet
cp host.json "$out/"
cp -r src/Functions/FunctionsHost/* "$out/"
cp -r skills graphs "$out/"
cp -r examples/recordings examples/sample-repo "$out/examples/"
if [ -f local.settings.json ]; then cp local.settings.json "$out/"; else cp local.settings.sample.json "$out/local.settings.json"; fi
echo "Laid out a Functions app in $out:"
ls "$out"
echo "Next: start Azurite (npx azurite --silent --inMemoryPersistence), then: cd $out && func start"
