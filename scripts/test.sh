#!/usr/bin/env bash
# npm test: every check. Steps that do not depend on each other run side by side (their output is
# printed whole when they end, with their time); any failure fails the run, after the others end.
#   1. node_modules, when there are none
#   2. system packages | the native module | typecheck | lint | client build
#   3. unit + integration (Vitest) | e2e (Playwright, on the build)
#   4. the timed e2e specs (a reveal's instant across halls, timers, frames), alone on the machine
# E2E_WORKERS sets Playwright's workers (playwright.config.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
started=$(date +%s)
failed=()

# together NAME CMD [NAME CMD]...: runs each CMD (a shell string) at once, waits for all of them.
together() {
  local names=() pids=() i
  while [ $# -gt 0 ]; do
    names+=("$1")
    ( t0=$(date +%s); set +e; bash -c "$2" >"$logs/$1.log" 2>&1; rc=$?; echo "$rc $(( $(date +%s) - t0 ))" >"$logs/$1.rc" ) &
    pids+=($!)
    shift 2
  done
  for i in "${!pids[@]}"; do wait "${pids[$i]}" || true; done
  for name in "${names[@]}"; do
    read -r rc secs <"$logs/$name.rc"
    echo "== $name ($secs s, exit $rc)"
    cat "$logs/$name.log"
    [ "$rc" -eq 0 ] || failed+=("$name")
  done
}

# better-sqlite3's native build, when `npm ci --ignore-scripts` left it out (.ci/run): one C file
# compiled on one core, the longest of these steps, so the checks beside it yield it the CPU.
native='[ -f node_modules/better-sqlite3/build/Release/better_sqlite3.node ] || npm rebuild better-sqlite3'
together 'system packages' 'bash scripts/setup-system.sh' 'native module' "$native" \
  typecheck 'nice -n 10 npm run --silent typecheck' lint 'nice -n 10 npm run --silent lint' build 'nice -n 10 npx vite build --logLevel warn && nice -n 10 node scripts/build-server.mjs'
if [ ${#failed[@]} -eq 0 ]; then
  together 'unit + integration' 'npx vitest run' 'e2e (Playwright, Chromium)' 'npx playwright test --project e2e'
fi
# What they measure is the product on this machine, so nothing else runs beside them: not Vitest's
# servers, not another spec's Chromium (playwright.config.ts runs them one at a time).
if [ ${#failed[@]} -eq 0 ]; then
  together 'e2e, timed (Playwright, alone)' 'npx playwright test --project timed --no-deps'
fi
echo "== $(( $(date +%s) - started )) s"
if [ ${#failed[@]} -gt 0 ]; then
  # The failures again, last, where a cut log still shows them.
  for name in "${failed[@]}"; do
    echo "== what failed in $name:" >&2
    sed 's/\x1b\[[0-9;]*m//g' "$logs/$name.log" | grep -E ' FAIL |✘|×|Error:|error TS|  [0-9]+:[0-9]+ +error ' | head -40 >&2 || true
  done
  echo "FAILED: ${failed[*]}" >&2
  exit 1
fi
