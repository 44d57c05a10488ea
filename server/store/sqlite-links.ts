/**
 * The link store of one server (no REDIS_URL): the `tokens` table of the data directory's own
 * database, on a connection of its own. The same file as the logs, not one beside it: a backup
 * (scripts/backup.ts) and the start-up checks (integrity.ts: a database missing or emptied
 * beside the links it issued) already take that file whole; existing installs keep their links
 * without a migration; and a link and the conference it opens cannot be restored from two
 * different moments. Each token is kept only as its SHA-256, with its grant, dates and revocation.
 *
 * Shared secrets are files in the data directory, `<name>.key` (hex, mode 0600): the documents'
 * key stays DATA_DIR/document-links.key, as before, so the links of existing installs keep working.
 */
import { existsSync, linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import type Database from 'better-sqlite3'
import { Role } from '../../shared/kernel.js'
import { checkSecretName, linkIdOf, SECRET_BYTES, type AccessGrant, type LinkRecord, type LinkStore } from './link-store.js'
import { openDatabase } from './sqlite-db.js'
import { errorCode } from '../errors.js'

interface TokenRow {
  token_hash: string
  conference_id: string
  role: string
  site_id: string | null
  bloc_id: string | null
  label: string | null
  created_at: string | null
  expires_at: string | null
  revoked_at: string | null
  last_used_at: string | null
}

const COLUMNS = 'token_hash, conference_id, role, site_id, bloc_id, label, created_at, expires_at, revoked_at, last_used_at'

/** Opens (creating if needed) the link store of `<dataDir>/diemcau.sqlite`. */
export function openSqliteLinkStore(dataDir: string): LinkStore {
  const db = openDatabase(dataDir)
  try {
    return createLinkStore(db, dataDir)
  } catch (err) {
    db.close()
    throw err
  }
}

function createLinkStore(db: Database.Database, dataDir: string): LinkStore {
  const stmts = {
    save: db.prepare<[string, string, string, string | null, string | null, string | null, string | null, string | null], void>(
      `INSERT INTO tokens (token_hash, conference_id, role, site_id, bloc_id, label, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (token_hash) DO UPDATE SET conference_id = excluded.conference_id, role = excluded.role,
         site_id = excluded.site_id, bloc_id = excluded.bloc_id, label = excluded.label,
         created_at = excluded.created_at, expires_at = excluded.expires_at`,
    ),
    find: db.prepare<[string], TokenRow>(`SELECT ${COLUMNS} FROM tokens WHERE token_hash = ?`),
    byId: db.prepare<[string, string], TokenRow>(`SELECT ${COLUMNS} FROM tokens WHERE substr(token_hash, 1, 16) = ? AND conference_id = ?`),
    list: db.prepare<[string], TokenRow>(`SELECT ${COLUMNS} FROM tokens WHERE conference_id = ? ORDER BY created_at IS NULL DESC, created_at, rowid`),
    revoke: db.prepare<[string, string, string], void>(
      'UPDATE tokens SET revoked_at = ? WHERE substr(token_hash, 1, 16) = ? AND conference_id = ? AND revoked_at IS NULL',
    ),
    expiry: db.prepare<[string | null, string, string], void>(
      'UPDATE tokens SET expires_at = ? WHERE substr(token_hash, 1, 16) = ? AND conference_id = ? AND revoked_at IS NULL',
    ),
    expiring: db.prepare<[string, string], { token_hash: string }>(
      'SELECT token_hash FROM tokens WHERE revoked_at IS NULL AND expires_at > ? AND expires_at <= ?',
    ),
    touch: db.prepare<[string, string], void>('UPDATE tokens SET last_used_at = ? WHERE substr(token_hash, 1, 16) = ?'),
  }
  const reissue = db.transaction((conferenceId: string, linkId: string, newHash: string, at: string): LinkRecord | null => {
    const old = stmts.byId.get(linkId, conferenceId)
    if (!old || old.revoked_at !== null) return null
    stmts.revoke.run(at, linkId, conferenceId)
    stmts.save.run(newHash, old.conference_id, old.role, old.site_id, old.bloc_id, old.label, at, old.expires_at !== null && old.expires_at > at ? old.expires_at : null)
    const saved = stmts.find.get(newHash)
    if (!saved) throw new Error('the reissued link is not in the database it was just saved to')
    return toLink(saved)
  })

  const saveAll = db.transaction((tokens: readonly { tokenHash: string; grant: AccessGrant }[], at: string) => {
    for (const { tokenHash, grant: g } of tokens) stmts.save.run(tokenHash, g.conferenceId, g.role, g.siteId ?? null, g.blocId ?? null, g.label ?? null, at, null)
  })

  return {
    shared: false,
    async saveToken(tokenHash, grant, opts = {}) {
      const { conferenceId, role, siteId, blocId, label } = grant
      stmts.save.run(tokenHash, conferenceId, role, siteId ?? null, blocId ?? null, label ?? null, opts.createdAt ?? new Date().toISOString(), opts.expiresAt ?? null)
    },
    async saveTokens(tokens) {
      saveAll(tokens, new Date().toISOString())
    },
    async findToken(tokenHash) {
      const row = stmts.find.get(tokenHash)
      return row ? toGrant(row) : null
    },
    async findLink(tokenHash) {
      const row = stmts.find.get(tokenHash)
      return row ? toLink(row) : null
    },
    async listLinks(conferenceId) {
      return stmts.list.all(conferenceId).map(toLink)
    },
    async revokeLink(conferenceId, linkId, at) {
      return stmts.revoke.run(at, linkId, conferenceId).changes > 0
    },
    async setLinkExpiry(conferenceId, linkId, expiresAt) {
      return stmts.expiry.run(expiresAt, linkId, conferenceId).changes > 0
    },
    async reissueLink(conferenceId, linkId, newTokenHash, at) {
      return reissue.immediate(conferenceId, linkId, newTokenHash, at)
    },
    async expiringLinks(from, to) {
      return stmts.expiring.all(from, to).map((r) => linkIdOf(r.token_hash))
    },
    async touchLink(linkId, at) {
      stmts.touch.run(at, linkId)
    },
    async secret(name) {
      return secretFile(dataDir, name)
    },
    async close() {
      if (db.open) db.close()
    },
  }
}

/**
 * `<dataDir>/<name>.key`, made on first use: written whole under a temporary name, then linked
 * into place (a link fails if the file exists), so nobody ever reads a half-written key.
 */
function secretFile(dataDir: string, name: string): Buffer {
  checkSecretName(name)
  const file = path.join(dataDir, `${name}.key`)
  if (!existsSync(file)) {
    const tmp = `${file}.${process.pid}.tmp`
    writeFileSync(tmp, randomBytes(SECRET_BYTES).toString('hex') + '\n', { mode: 0o600 })
    try {
      linkSync(tmp, file)
    } catch (err) {
      if (errorCode(err) !== 'EEXIST') throw err
    } finally {
      rmSync(tmp, { force: true })
    }
  }
  const secret = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex')
  if (secret.length < SECRET_BYTES) throw new Error(`${file} does not hold a ${SECRET_BYTES}-byte secret in hex; delete it to make a new one`)
  return secret
}

function toGrant(row: TokenRow): AccessGrant {
  const grant: AccessGrant = { conferenceId: row.conference_id, role: Role.parse(row.role) }
  if (row.site_id !== null) grant.siteId = row.site_id
  if (row.bloc_id !== null) grant.blocId = row.bloc_id
  if (row.label !== null) grant.label = row.label
  return grant
}

function toLink(row: TokenRow): LinkRecord {
  const link: LinkRecord = { id: linkIdOf(row.token_hash), ...toGrant(row) }
  if (row.created_at !== null) link.createdAt = row.created_at
  if (row.expires_at !== null) link.expiresAt = row.expires_at
  if (row.revoked_at !== null) link.revokedAt = row.revoked_at
  if (row.last_used_at !== null) link.lastUsedAt = row.last_used_at
  return link
}
