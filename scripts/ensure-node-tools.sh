#!/usr/bin/env bash
# Installs the pinned Node tools (Azurite) with `npm ci`, unless node_modules already matches package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=node_modules/.agentfunctions-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -f node_modules/azurite/dist/src/azurite.js ]; then
    echo "==> Node tools up to date (Azurite $(node -p "require('./node_modules/azurite/package.json').version"))"
    exit 0
fi
echo "==> npm ci (Azurite $(node -p "require('./package.json').devDependencies.azurite"))"
npm ci --no-audit --no-fund --loglevel=error
echo "$want" > "$stamp"
