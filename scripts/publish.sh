#!/usr/bin/env bash
# Makes the deployable package of the Functions app: `dotnet publish src/Functions` into a folder, then a zip of that
# folder's contents (the zip's root is the app's root, as zip deploy expects: host.json, functions.metadata,
# worker.config.json, .azurefunctions/, AgentFunctions.Functions.dll, skills/, graphs/, examples/recordings/,
# examples/sample-repo/, dashboard/).
#
# Usage: scripts/publish.sh [--no-build] [-c CONFIG] [OUTPUT_DIR [ZIP]]
#   --no-build   publish the existing build output (run `dotnet build -c CONFIG` first) instead of building again
#   -c CONFIG    build configuration, default Release
#   OUTPUT_DIR   the publish folder, default artifacts/publish/app (emptied first)
#   ZIP          the zip file, default artifacts/publish/agentfunctions.zip (replaced)
# Relative paths are relative to the current directory. Prints the package's file count and size and the zip's size.
# Exits non-zero with a message on a bad argument, a failed publish, or a package that lacks functions.metadata,
# worker.config.json or host.json. Needs the .NET SDK (global.json), python3 (the zip; the zip CLI may be absent) and Node.js
# with npm (the dashboard).
set -euo pipefail

usage() { sed -n '7,11p' "$0" | sed 's/^# \{0,1\}//'; }
fail() { echo "publish.sh: $*" >&2; exit 1; }

no_build=false
config=Release
positional=()
while [ $# -gt 0 ]; do
    case "$1" in
        --no-build) no_build=true ;;
        -c|--configuration)
            [ $# -ge 2 ] || fail "$1 needs a configuration name (such as Release)"
            config=$2; shift ;;
        -h|--help) usage; exit 0 ;;
        -*) usage >&2; fail "unknown option '$1'" ;;
        *) positional+=("$1") ;;
    esac
    shift
done
[ ${#positional[@]} -le 2 ] || { usage >&2; fail "too many arguments: ${positional[*]}"; }

root=$(cd "$(dirname "$0")/.." && pwd)
out=$(realpath -m "${positional[0]:-$root/artifacts/publish/app}")
zip=$(realpath -m "${positional[1]:-$root/artifacts/publish/agentfunctions.zip}")
case "$zip" in "$out"/*) fail "the zip ($zip) must not be inside the publish folder ($out)" ;; esac
case "$root/" in "$out"/*) fail "refusing to use '$out' as the publish folder: it holds the repository" ;; esac
# The folder is emptied first: only when it is empty or holds an earlier package (so a mistyped path deletes nothing else).
if [ -d "$out" ] && [ -n "$(ls -A "$out")" ] && [ ! -f "$out/functions.metadata" ]; then
    fail "refusing to empty '$out': it is not empty and holds no earlier package (functions.metadata); name a new folder"
fi
command -v dotnet >/dev/null || fail "dotnet is not on PATH (install the .NET SDK named in global.json)"
command -v python3 >/dev/null || fail "python3 is not on PATH (it writes the zip)"

build_flag=()
if $no_build; then
    dll="$root/src/Functions/bin/$config/net10.0/AgentFunctions.Functions.dll"
    [ -f "$dll" ] || fail "--no-build: $dll is missing; run 'dotnet build AgentFunctions.sln -c $config' first"
    build_flag=(--no-build)
fi

# The dashboard's static files (dashboard/dist/, npm ci + vite build; skipped when up to date) are part of the package.
"$root/scripts/ensure-node-tools.sh" dashboard || fail "building the dashboard failed (output above)"
[ -f "$root/dashboard/dist/index.html" ] || fail "the dashboard build left no dashboard/dist/index.html"

rm -rf "$out"
mkdir -p "$out" "$(dirname "$zip")"
echo "==> dotnet publish src/Functions -c $config${build_flag[*]:+ ${build_flag[*]}} -o $out"
start=$(date +%s)
dotnet publish "$root/src/Functions/AgentFunctions.Functions.csproj" -c "$config" "${build_flag[@]}" -o "$out" --nologo -v quiet \
    || fail "dotnet publish failed (output above)"

for required in host.json functions.metadata worker.config.json AgentFunctions.Functions.dll dashboard/index.html; do
    [ -f "$out/$required" ] || fail "the package lacks $required: $out/$required"
done
[ ! -e "$out/local.settings.json" ] || fail "the package holds local.settings.json (developer settings must not be deployed)"

echo "==> zip $zip"
rm -f "$zip"
python3 - "$out" "$zip" <<'PY'
import os, sys, zipfile
src, dest = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as z:
    for folder, dirs, files in os.walk(src):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            z.write(path, os.path.relpath(path, src).replace(os.sep, "/"))
PY
seconds=$(( $(date +%s) - start ))

files=$(find "$out" -type f | wc -l)
bytes=$(du -sb "$out" | cut -f1)
zip_bytes=$(stat -c %s "$zip")
mib() { python3 -c "print(f'{$1 / 1048576:.1f}')"; }
echo "package: $out — $files files, $(mib "$bytes") MiB"
echo "zip:     $zip — $(mib "$zip_bytes") MiB"
echo "took:    ${seconds} s"
