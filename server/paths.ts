/**
 * Where the project's own files are, found from this module whether it runs from its source
 * (tsx) or from the bundle the tests and `npm start` run (dist/server/): the nearest folder
 * above it holding the project's package.json.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'server'))) return dir
    if (path.dirname(dir) === dir) throw new Error(`no project root above ${from}`)
  }
}

/** The project's root folder (package.json, server/, dist/). */
export const PROJECT_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)))

/** A file of the project, by its path from the root. */
export const projectFile = (...parts: string[]): string => path.join(PROJECT_ROOT, ...parts)
