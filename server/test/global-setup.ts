/**
 * Vitest's global set-up: the server bundles the process tests start (scripts/build-server.mjs),
 * rebuilt only when a source is newer than them.
 */
import { execFileSync } from 'node:child_process'
import { projectFile } from '../paths.js'

export default function setup(): void {
  execFileSync(process.execPath, [projectFile('scripts', 'build-server.mjs'), '--quiet'], { stdio: 'inherit' })
}
