#!/usr/bin/env node
// npm run bench: the benchmarks one after another; `npm run bench -- --cluster`: the cluster benchmark (bench/cluster.ts).
import { spawnSync } from 'node:child_process'

const scripts = process.argv.includes('--cluster') ? ['bench/cluster.ts'] : ['bench/broadcast.ts', 'bench/ceremony.ts', 'bench/ink.ts', 'bench/documents.ts', 'bench/timers.ts', 'bench/verify.ts']
for (const script of scripts) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', script], { stdio: 'inherit' })
  if (r.status !== 0) process.exit(r.status ?? 1)
}
