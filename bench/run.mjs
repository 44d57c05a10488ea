#!/usr/bin/env node
// npm run bench: the benchmarks one after another; `-- --cluster`: the cluster benchmark (bench/cluster.ts);
// `-- --capacity`: the most viewers one process holds (bench/capacity.ts); `-- ceremony ink`: only those parts.
import { spawnSync } from 'node:child_process'

const ALL = ['broadcast', 'ceremony', 'read-tier', 'ink', 'documents', 'timers', 'verify']
const args = process.argv.slice(2)
const named = args.filter((a) => ALL.includes(a))
const unknown = args.filter((a) => !a.startsWith('--') && !ALL.includes(a))
if (unknown.length) {
  console.error(`unknown part ${unknown.join(', ')}: the parts are ${ALL.join(', ')}`)
  process.exit(2)
}
const parts = args.includes('--cluster') ? ['cluster'] : args.includes('--capacity') ? ['capacity'] : named.length ? named : ALL
let failed = 0
for (const part of parts) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', `bench/${part}.ts`], { stdio: 'inherit' })
  // A part that reports a problem (clients lost) still lets the others run; the exit code says so.
  if (r.status !== 0) failed = r.status ?? 1
}
process.exit(failed)
