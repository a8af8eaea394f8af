#!/usr/bin/env bash
# Installs the pinned Node tools with `npm ci`, skipping a folder whose node_modules already matches its lockfile:
#   .                 Azurite (always)
#   tools/promptfoo   promptfoo, when called with the argument "promptfoo" (the test command runs exported regression
#                     tests with it). promptfoo is installed with --ignore-scripts (its browser download cannot work
#                     offline) and its SQLite module is then built from source with `npm rebuild better-sqlite3`.
#   bench/peers       LangGraph.js, when called with the argument "peers" (the benchmarks compare against it).
#   dashboard         the dashboard's packages (Vite, dagre, fetch-event-source, uPlot), when called with the argument
#                     "dashboard", then `npm run build` into dashboard/dist/ (which the app's build copies to its output),
#                     skipped when dist/ was built from the same sources and lockfile.
set -euo pipefail
cd "$(dirname "$0")/.."

install() { # folder, label, extra command after npm ci
    local dir=$1 label=$2 after=${3:-}
    local stamp="$dir/node_modules/.agentfunctions-lock.sha256"
    local want
    want=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
        echo "==> $label up to date"
        return
    fi
    echo "==> npm ci in $dir ($label)"
    if [ -n "$after" ]; then
        (cd "$dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && $after)
    else
        (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    fi
    echo "$want" > "$stamp"
}

build_dashboard() { # vite build, unless dist/ holds a build of the same sources
    local stamp=dashboard/node_modules/.agentfunctions-build.sha256 want
    want=$(cd dashboard && find index.html package-lock.json vite.config.js src -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)
    if [ -f "$stamp" ] && [ -f dashboard/dist/index.html ] && [ "$(cat "$stamp")" = "$want" ]; then
        echo "==> dashboard build up to date"
        return
    fi
    echo "==> npm run build in dashboard"
    (cd dashboard && npm run build --silent -- --logLevel warn)
    echo "$want" > "$stamp"
}

install . "Azurite $(node -p "require('./package.json').devDependencies.azurite")"
for tool in "$@"; do
    case "$tool" in
        promptfoo)
            install tools/promptfoo "promptfoo $(node -p "require('./tools/promptfoo/package.json').devDependencies.promptfoo")" "npm rebuild better-sqlite3 --loglevel=error" ;;
        dashboard)
            install dashboard "dashboard (Vite $(node -p "require('./dashboard/package.json').devDependencies.vite"))"
            build_dashboard ;;
        peers)
            install bench/peers "LangGraph.js $(node -p "require('./bench/peers/package.json').dependencies['@langchain/langgraph']")" ;;
        *)
            echo "unknown tool '$tool' (known: promptfoo, peers, dashboard)" >&2; exit 2 ;;
    esac
done
