#!/usr/bin/env bash
# Runs every test: installs the pinned Azurite and promptfoo and builds the dashboard (npm ci), installs Debian's chromium
# when /usr/bin/chromium is missing (apt-get, as root), builds the solution, runs the unit, storage-conformance
# (in-memory and Azurite) and integration tests (Azurite + the app process), then prints one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

summary() { echo "$1 passed, $2 failed"; }

if ! ./scripts/ensure-node-tools.sh promptfoo dashboard; then
    echo "npm ci failed"; summary 0 1; exit 1
fi

# The dashboard's browser tests drive Debian's chromium (Playwright's own browser download cannot work offline).
if [ ! -x /usr/bin/chromium ]; then
    echo "==> apt-get install chromium (for the dashboard's browser tests)"
    if ! { apt-get install -y --no-install-recommends chromium >/dev/null || { apt-get update >/dev/null && apt-get install -y --no-install-recommends chromium >/dev/null; }; }; then
        echo "installing chromium failed"; summary 0 1; exit 1
    fi
fi

echo "==> dotnet build -c Release"
if ! dotnet build AgentFunctions.sln -c Release --nologo -v quiet; then
    echo "build failed"; summary 0 1; exit 1
fi

echo "==> dotnet test"
dotnet test AgentFunctions.sln -c Release --no-build --nologo \
    --logger "trx" --results-directory "$results"
status=$?

# Sum the counters of every TRX file; tests that did not run (skipped, not executed) count as failed.
read -r passed failed < <(python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", ns).attrib
    passed += int(c["passed"])
    failed += int(c["failed"]) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0)) + int(c["total"]) - int(c["executed"])
print(passed, failed)
PY
)
if [ "$status" -ne 0 ] && [ "${failed:-0}" -eq 0 ]; then
    echo "dotnet test exited with $status"; failed=1
fi
summary "${passed:-0}" "${failed:-1}"
[ "$status" -eq 0 ] && [ "${failed:-1}" -eq 0 ]
