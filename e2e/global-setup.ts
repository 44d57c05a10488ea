/**
 * Playwright's global set-up: the server bundles each spec's own server runs
 * (scripts/build-server.mjs), rebuilt only when a source is newer. The client is built by
 * `npm test`'s build step (or `npx vite build`): its absence is said plainly here.
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { projectFile } from '../server/paths.js'

export default function setup(): void {
  execFileSync(process.execPath, [projectFile('scripts', 'build-server.mjs'), '--quiet'], { stdio: 'inherit' })
  if (!existsSync(projectFile('dist', 'client', 'index.html'))) throw new Error('dist/client is missing: build the client first (npx vite build), as npm test does.')
}
