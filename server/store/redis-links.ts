/**
 * The link store on Redis, shared by every server process of a cluster whatever its data
 * directory: a link issued, revoked or given an expiry on one process holds on all at once, and
 * the documents' signing key is one key in Redis, so a document link signed by one process opens
 * on any other. The keys are those the event store kept links under before they had a store of
 * their own (same prefix, same names), so existing data still works.
 *
 *   <prefix>token:<sha256>        hash: the grant, createdAt, expiresAt, revokedAt, lastUsedAt
 *   <prefix>c:<id>:links          list: a conference's token hashes, in issue order
 *   <prefix>link-ids              hash: link id → token hash
 *   <prefix>link-expiries         sorted set (by text): `<expiresAt>|<tokenHash>`, every expiry set
 *   <prefix>secret:<name>         a shared secret, hex (SET NX: the first process to ask makes it)
 *
 * The writes that check before they write (revoke, expiry, reissue) are Lua scripts
 * (redis-scripts.ts), atomic across processes.
 */
import { randomBytes } from 'node:crypto'
import { Role } from '../../shared/kernel.js'
import { checkSecretName, linkIdOf, SECRET_BYTES, type AccessGrant, type LinkRecord, type LinkStore } from './link-store.js'
import { scriptRunner, type RedisStoreOptions } from './redis.js'
import { openRedisConnection } from './redis-connection.js'
import { REISSUE_LINK, REVOKE_LINK, SAVE_TOKEN, SET_LINK_EXPIRY, TOUCH_LINK } from './redis-scripts.js'
import { fieldsOf, type Fields } from './redis-entries.js'

export const linkKeys = (prefix: string) => ({
  links: (c: string) => `${prefix}c:${c}:links`,
  tokenPrefix: `${prefix}token:`,
  linkIds: `${prefix}link-ids`,
  /** Every expiry ever set, as `<expiresAt>|<tokenHash>` members ordered by their text (ISO times order as text). */
  expiries: `${prefix}link-expiries`,
  secret: (name: string) => `${prefix}secret:${name}`,
})

/** Tokens saved in one pipelined round by saveTokens. */
const SAVE_CHUNK = 50
/** Links read in one pipelined round by listLinks. */
const READ_CHUNK = 250

/** Connects (failing within the timeout when Redis cannot be reached) and returns the link store. */
export async function openRedisLinkStore(opts: RedisStoreOptions): Promise<LinkStore> {
  const timeout = opts.commandTimeoutMs ?? 800
  const keys = linkKeys(opts.prefix ?? 'diemcau:')
  // Its own connection and health: a request checking its token while Redis is unreachable is refused at once, not queued.
  const connection = await openRedisConnection({ url: opts.url, name: 'link store', commandTimeoutMs: timeout, healthCheckMs: opts.healthCheckMs, startWaitMs: opts.startWaitMs, onWaiting: opts.onWaiting })
  const { client, timed } = connection
  const scripts = scriptRunner(client)

  const noteExpiry = (tokenHash: string, expiresAt: string) => timed(client.zAdd(keys.expiries, { score: 0, value: `${expiresAt}|${tokenHash}` }))

  const store: LinkStore = {
    shared: true,
    async saveToken(tokenHash, grant, o = {}) {
      const fields: Fields = { conferenceId: grant.conferenceId, role: grant.role, createdAt: o.createdAt ?? new Date().toISOString() }
      if (grant.siteId !== undefined) fields['siteId'] = grant.siteId
      if (grant.blocId !== undefined) fields['blocId'] = grant.blocId
      if (grant.label !== undefined) fields['label'] = grant.label
      if (o.expiresAt !== undefined) fields['expiresAt'] = o.expiresAt
      await timed(scripts.run(SAVE_TOKEN, [keys.tokenPrefix + tokenHash, keys.links(grant.conferenceId), keys.linkIds], [tokenHash, ...Object.entries(fields).flat()]))
      if (o.expiresAt !== undefined) await noteExpiry(tokenHash, o.expiresAt)
    },
    async saveTokens(tokens) {
      // Pipelined (the client sends commands issued together in one write), fifty at a
      // time so that each stays within the command timeout.
      for (let i = 0; i < tokens.length; i += SAVE_CHUNK) {
        await Promise.all(tokens.slice(i, i + SAVE_CHUNK).map(({ tokenHash, grant }) => store.saveToken(tokenHash, grant)))
      }
    },
    async findToken(tokenHash) {
      const link = await store.findLink(tokenHash)
      return link ? toGrant(link) : null
    },
    async findLink(tokenHash) {
      const row = fieldsOf(await timed(client.hGetAll(keys.tokenPrefix + tokenHash)))
      const conferenceId = row['conferenceId']
      return conferenceId === undefined ? null : toLink(tokenHash, conferenceId, row)
    },
    async listLinks(conferenceId) {
      const hashes = await timed(client.lRange(keys.links(conferenceId), 0, -1))
      // A national conference lists 3,400 links: read in pipelined rounds, each within the command timeout.
      const rows: Record<string, string>[] = []
      for (let i = 0; i < hashes.length; i += READ_CHUNK) {
        rows.push(...await timed(Promise.all(hashes.slice(i, i + READ_CHUNK).map((h) => client.hGetAll(keys.tokenPrefix + h)))))
      }
      const links = hashes.flatMap((h, i) => {
        const row = fieldsOf(rows[i])
        return row['conferenceId'] === conferenceId ? [toLink(h, conferenceId, row)] : []
      })
      // As the SQLite store lists them: undated first, then by creation, ties in insertion order.
      return links
        .map((l, i) => ({ l, i }))
        .sort((a, b) => (a.l.createdAt ?? '') < (b.l.createdAt ?? '') ? -1 : (a.l.createdAt ?? '') > (b.l.createdAt ?? '') ? 1 : a.i - b.i)
        .map((x) => x.l)
    },
    async revokeLink(conferenceId, linkId, at) {
      return (await timed(scripts.run(REVOKE_LINK, [keys.linkIds], [keys.tokenPrefix, linkId, conferenceId, at]))) === 1
    },
    async setLinkExpiry(conferenceId, linkId, expiresAt) {
      const done = (await timed(scripts.run(SET_LINK_EXPIRY, [keys.linkIds], [keys.tokenPrefix, linkId, conferenceId, expiresAt ?? '']))) === 1
      const tokenHash = done && expiresAt !== null ? await timed(client.hGet(keys.linkIds, linkId)) : null
      if (tokenHash && expiresAt !== null) await noteExpiry(tokenHash, expiresAt)
      return done
    },
    async reissueLink(conferenceId, linkId, newTokenHash, at) {
      const done = await timed(scripts.run(REISSUE_LINK, [keys.linkIds, keys.links(conferenceId)], [keys.tokenPrefix, linkId, conferenceId, at, newTokenHash]))
      const link = done === 1 ? await store.findLink(newTokenHash) : null
      if (link?.expiresAt) await noteExpiry(newTokenHash, link.expiresAt)
      return link
    },
    async expiringLinks(from, to) {
      const members = await timed(client.zRangeByLex(keys.expiries, `(${from}|~`, `[${to}|~`))
      const ids: string[] = []
      for (const m of members) {
        const [expiresAt = '', tokenHash = ''] = m.split('|')
        const link = await store.findLink(tokenHash)
        // An expiry since changed, or a link since revoked, is not this one's any more.
        if (link && !link.revokedAt && link.expiresAt === expiresAt) ids.push(link.id)
        else await timed(client.zRem(keys.expiries, m))
      }
      return ids
    },
    async touchLink(linkId, at) {
      await timed(scripts.run(TOUCH_LINK, [keys.linkIds], [keys.tokenPrefix, linkId, at]))
    },
    async secret(name) {
      checkSecretName(name)
      const key = keys.secret(name)
      // SET NX: of two processes asking first at once, one writes and both read what it wrote.
      await timed(client.set(key, randomBytes(SECRET_BYTES).toString('hex'), { condition: 'NX' }))
      const hex = await timed(client.get(key))
      const secret = Buffer.from(hex ?? '', 'hex')
      if (secret.length < SECRET_BYTES) throw new Error(`the Redis key ${key} does not hold a ${SECRET_BYTES}-byte secret in hex; delete it to make a new one`)
      return secret
    },
    health: connection.health,
    onHealthChange: connection.onHealthChange,
    async close() {
      await connection.close()
    },
  }
  return store
}

function toGrant(link: LinkRecord): AccessGrant {
  const grant: AccessGrant = { conferenceId: link.conferenceId, role: link.role }
  if (link.siteId !== undefined) grant.siteId = link.siteId
  if (link.blocId !== undefined) grant.blocId = link.blocId
  if (link.label !== undefined) grant.label = link.label
  return grant
}

function toLink(tokenHash: string, conferenceId: string, row: Fields): LinkRecord {
  const link: LinkRecord = { id: linkIdOf(tokenHash), conferenceId, role: Role.parse(row['role']) }
  for (const f of ['siteId', 'blocId', 'label', 'createdAt', 'expiresAt', 'revokedAt', 'lastUsedAt'] as const) {
    if (row[f] !== undefined) link[f] = row[f]
  }
  return link
}
