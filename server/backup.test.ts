/**
 * `npm run backup` (scripts/backup.ts) on a real data folder, run as people run it: the copy holds
 * the database, the head file, the links file and the documents' signing key (mode 0600 each), and
 * a document link signed before the backup opens on a server restored from it.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { linksFile } from './access/links.js'
import { openLinkSigner } from './documents/links.js'
import { smallConference } from './test/harness.js'
import { HEAD_FILE, readHeadFile } from './store/head-file.js'
import { openSqliteLinkStore } from './store/sqlite-links.js'
import { openSqliteStore, SQLITE_FILE } from './store/sqlite.js'
import { builtArgs } from './test/built.js'

const root = mkdtempSync(path.join(tmpdir(), 'diemcau-backup-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

function backup(dataDir: string, backupDir: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, builtArgs('backup'), { env: { ...process.env, DATA_DIR: dataDir, BACKUP_DIR: backupDir } }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code) : 0, out: `${stdout}${stderr}` })
    })
  })
}

describe('npm run backup', () => {
  it('copies the documents’ signing key with the database, the head and the links, so a restored server opens the links it signed', async () => {
    const dataDir = path.join(root, 'data')
    const store = openSqliteStore(dataDir)
    const links = openSqliteLinkStore(dataDir)
    await store.append('test-conf', 0, smallConference())
    const signed = await openLinkSigner(links).sign('GET', '/api/conferences/test-conf/report.pdf')
    writeFileSync(linksFile(dataDir), '{"conferenceId":"test-conf"}\n', { mode: 0o600 })
    const head = await store.head('test-conf')

    const r = await backup(dataDir, path.join(root, 'backups'))
    await links.close()
    await store.close()
    expect(r.code, r.out).toBe(0)
    const [folder] = readdirSync(path.join(root, 'backups'))
    const copy = path.join(root, 'backups', folder ?? '')
    expect(readdirSync(copy).sort()).toEqual(['access-links.json', 'diemcau.head.json', SQLITE_FILE, 'document-links.key'].sort())
    for (const f of ['document-links.key', 'access-links.json', HEAD_FILE, SQLITE_FILE]) expect(statSync(path.join(copy, f)).mode & 0o777, f).toBe(0o600)
    expect(readFileSync(path.join(copy, 'document-links.key'))).toEqual(readFileSync(path.join(dataDir, 'document-links.key')))
    expect(readHeadFile(copy).heads).toEqual({ 'test-conf': head })

    // Restored: the copy is the data folder; what the old server signed still opens.
    const restored = openSqliteLinkStore(copy)
    try {
      const [urlPath, query] = signed.url.split('?')
      const q = new URLSearchParams(query)
      expect(await openLinkSigner(restored).check('GET', urlPath ?? '', q.get('exp'), q.get('sig'))).toEqual({ ok: true })
    } finally {
      await restored.close()
    }
  })
})
