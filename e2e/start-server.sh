#!/usr/bin/env bash
# The real server on a test port with a fresh data dir; the client must already be built
# into dist/client (the test script runs `vite build` first).
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf .tmp/e2e-data
mkdir -p .tmp
exec env PORT=3197 HOST=127.0.0.1 DATA_DIR=.tmp/e2e-data PUBLIC_URL=http://127.0.0.1:3197 npx tsx server/main.ts
