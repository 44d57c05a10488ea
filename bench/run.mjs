#!/usr/bin/env node
// npm run bench: the benchmarks one after another; `-- --cluster`: the cluster benchmark (bench/cluster.ts);
// `-- --capacity`: the most viewers one process holds (bench/capacity.ts).
import { spawnSync } from 'node:child_process'

const scripts = process.argv.includes('--cluster')
  ? ['bench/cluster.ts']
  : process.argv.includes('--capacity')
    ? ['bench/capacity.ts']
    : ['bench/broadcast.ts', 'bench/ceremony.ts', 'bench/ink.ts', 'bench/documents.ts', 'bench/timers.ts', 'bench/verify.ts']
let failed = 0
for (const script of scripts) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', script], { stdio: 'inherit' })
  // A part that reports a problem (clients lost) still lets the others run; the exit code says so.
  if (r.status !== 0) failed = r.status ?? 1
}
process.exit(failed)
