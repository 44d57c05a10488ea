/**
 * A fresh data directory with a real SQLite event store and link store in it, for a test that
 * starts the server's parts by hand; closed and removed after each test of the file.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach } from 'vitest'
import { openSqliteStore } from '../store/sqlite.js'
import { openSqliteLinkStore } from '../store/sqlite-links.js'
import type { EventStore } from '../store/event-store.js'
import type { LinkStore } from '../store/link-store.js'

export interface DataDir {
  dataDir: string
  store: EventStore
  linkStore: LinkStore
}

/** Call at the top of a file or describe: returns the function that opens one. */
export function freshDataDirs(prefix: string): () => DataDir {
  const opened: DataDir[] = []
  afterEach(async () => {
    for (const d of opened.splice(0)) {
      await d.linkStore.close()
      await d.store.close()
      rmSync(d.dataDir, { recursive: true, force: true })
    }
  })
  return () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), prefix))
    const d = { dataDir, store: openSqliteStore(dataDir), linkStore: openSqliteLinkStore(dataDir) }
    opened.push(d)
    return d
  }
}
