#!/usr/bin/env bash
# npm test: every check, each started as soon as what it needs has ended (its output is printed
# whole when it ends, with its time), and the machine's busy CPU at the end; any failure fails the
# run, after the others end. (A job's own CPU is not printed: `times` misses Chromium's renderers,
# which init reaps when their browser closes: it read 177 CPU-s for the e2e project, which takes
# 374 run alone.)
#
#   system packages ─┐
#   client build ────┼─ e2e (Playwright) ──────────────┐
#   native module ───┴─ unit + integration (Vitest) ───┼─ e2e, timed (alone on the machine)
#   typecheck, lint (on the CPU nobody else wants: Linux's idle class) ┘
# Both runners start servers, which need the native module (SQLite): its compile, one C file on one
# core, is the first stretch of the run's longest path.
#
# The timed specs measure the product on this machine (a reveal's instant across halls, frames),
# so nothing else runs beside them: not Vitest's servers, not another spec's Chromium, not the
# type-check. The type-check and lint run in the idle scheduling class (`chrt --idle`): any other
# process that wants a core takes it from them at once, so they take the core the native compile
# leaves free and whatever the runners leave, without slowing the runners. The timed specs wait for
# them too: beside them, even in the idle class, a throttled hall drew its batch in 4.4 s instead of
# 2.5 and the spread across halls went from 20-60 ms to 236 (a CI run): a class shares out the
# cores' time, not their caches and memory, nor the host under this virtual machine.
# E2E_WORKERS sets Playwright's workers (playwright.config.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
started=$(date +%s)
jobs=()
declare -A title

# job ID TITLE AFTER CMD: runs CMD (a shell string) once every job in AFTER (ids, space-separated)
# has ended well; skipped, and failed, when one of them failed.
job() {
  local id=$1 after=$3 cmd=$4
  jobs+=("$id")
  title[$id]=$2
  (
    for dep in $after; do
      until [ -f "$logs/$dep.rc" ]; do sleep 0.5; done
      read -r rc _ <"$logs/$dep.rc"
      if [ "$rc" -ne 0 ]; then
        echo "not run: ${title[$dep]} failed" >"$logs/$id.log"
        echo "1 0" >"$logs/$id.tmp" && mv "$logs/$id.tmp" "$logs/$id.rc"
        exit 0
      fi
    done
    t0=$(date +%s)
    set +e
    bash -c "$cmd" >"$logs/$id.log" 2>&1
    rc=$?
    echo "$rc $(( $(date +%s) - t0 ))" >"$logs/$id.tmp" && mv "$logs/$id.tmp" "$logs/$id.rc"
  ) &
}

# The machine's busy CPU so far, in seconds (/proc/stat: user, nice, system, irq, softirq, steal).
busy() { awk '/^cpu / { printf "%d", ($2 + $3 + $4 + $7 + $8 + $9) / 100 }' /proc/stat; }
busy0=$(busy)
# Linux's idle scheduling class where there is one, else the lowest nice.
if chrt --idle 0 true 2>/dev/null; then idle='chrt --idle 0'; else idle='nice -n 19'; fi

# better-sqlite3's native build, when `npm ci --ignore-scripts` left it out (.ci/run); the checks
# beside it yield it the CPU. At -O1, not the package's -O3: SQLite's one 9 MB C file then compiles
# in 24 s instead of 75 (42 s for the module, 88 before), and the tests' SQLite is no slower that
# could be measured (20,000 appends to a WAL file and 20 scans of them: the same within noise at
# both levels). A server installed with `npm install` or `npm ci` (README) keeps the package's flags.
native='[ -f node_modules/better-sqlite3/build/Release/better_sqlite3.node ] || CFLAGS=-O1 CXXFLAGS=-O1 npm rebuild better-sqlite3'
job system 'system packages' '' 'bash scripts/setup-system.sh'
job native 'native module' '' "$native"
job build 'build' '' 'npx vite build --logLevel warn && node scripts/build-server.mjs'
job typecheck 'typecheck' '' "$idle npm run --silent typecheck"
job lint 'lint' '' "$idle npm run --silent lint"
job e2e 'e2e (Playwright, Chromium)' 'system build native' 'npx playwright test --project e2e'
job vitest 'unit + integration (Vitest)' 'system native build' 'npx vitest run'
job timed 'e2e, timed (Playwright, alone)' 'e2e vitest typecheck lint' 'npx playwright test --project timed --no-deps'

# Each job's output as it ends, in the order they end.
failed=()
printed=()
while [ ${#printed[@]} -lt ${#jobs[@]} ]; do
  for id in "${jobs[@]}"; do
    [[ " ${printed[*]} " == *" $id "* ]] && continue
    [ -f "$logs/$id.rc" ] || continue
    read -r rc secs <"$logs/$id.rc"
    echo "== ${title[$id]} ($secs s, exit $rc, ended at $(( $(date +%s) - started )) s)"
    cat "$logs/$id.log"
    [ "$rc" -eq 0 ] || failed+=("$id")
    printed+=("$id")
  done
  sleep 0.5
done
wait
echo "== $(( $(date +%s) - started )) s, the machine busy $(( $(busy) - busy0 )) CPU-s of $(( ($(date +%s) - started) * $(nproc) ))"
if [ ${#failed[@]} -gt 0 ]; then
  # The failures again, last, where a cut log still shows them.
  for id in "${failed[@]}"; do
    echo "== what failed in ${title[$id]}:" >&2
    sed 's/\x1b\[[0-9;]*m//g' "$logs/$id.log" | grep -E ' FAIL |✘|×|Error:|error TS|  [0-9]+:[0-9]+ +error |not run:' | head -40 >&2 || true
  done
  echo "FAILED: $(for id in "${failed[@]}"; do printf '%s; ' "${title[$id]}"; done)" >&2
  exit 1
fi
