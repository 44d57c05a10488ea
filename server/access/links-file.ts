/**
 * A cluster has one access-links.json: the one the process that seeded the conference wrote in
 * its DATA_DIR. The store keeps only each token's SHA-256, so the file cannot be rebuilt from it:
 * a secret issued from the host console exists only in the process that answered. That process
 * writes it to its own DATA_DIR's file when it has one, and with REDIS_URL it also tells the
 * others on a Redis pub/sub channel (never stored in Redis; a stream or key would keep the secret
 * in its append-only file), so that the process holding the cluster's file writes it there,
 * whichever process answered. A process on the same folder as the one that answered skips it.
 * A process holding the file that is down at that moment misses it: the host console showed the
 * address once, and the host can reissue it.
 */
import { statSync } from 'node:fs'
import { hostname } from 'node:os'
import { redisModule } from '../redis-module.js'
import { log } from '../log.js'
import { recordLink, type AccessLink, type PAGE_OF_ROLE } from './links.js'

type Grant = { role: keyof typeof PAGE_OF_ROLE; siteId?: string; blocId?: string; name: string }

interface IssuedMessage {
  conferenceId: string
  grant: Grant
  link: AccessLink
  /** The folder whose file the answering process wrote, if it wrote one (host and inode). */
  wrote: string | null
}

/** One process's relay: set by `relayLinksFile` when it runs in a cluster. */
let relay: ((message: IssuedMessage) => void) | null = null

/** This machine's identity of a data folder, the same for every process that opens it. */
function folderId(dataDir: string): string | null {
  try {
    const s = statSync(dataDir)
    return `${hostname()}:${s.dev}:${s.ino}`
  } catch {
    return null
  }
}

/**
 * Writes a link issued (or reissued) from the host console to this process's links file, and in
 * a cluster passes it on for the process that holds the cluster's file (see the file's comment).
 */
export function recordIssuedLink(dataDir: string, conferenceId: string, grant: Grant, link: AccessLink): void {
  const wrote = recordLink(dataDir, conferenceId, grant, link)
  const { role, siteId, blocId, name } = grant
  relay?.({ conferenceId, grant: { role, name, ...(siteId ? { siteId } : {}), ...(blocId ? { blocId } : {}) }, link, wrote: wrote ? folderId(dataDir) : null })
}

const isMessage = (x: unknown): x is IssuedMessage => {
  const m = x as Partial<IssuedMessage> | null
  return typeof m === 'object' && m !== null && typeof m.conferenceId === 'string' && typeof m.grant?.role === 'string' &&
    typeof m.grant.name === 'string' && typeof m.link?.url === 'string' && typeof m.link.token === 'string' && (m.wrote === null || typeof m.wrote === 'string')
}

/**
 * Joins the cluster's channel for issued links (REDIS_URL): what this process issues is published,
 * and what others issue is written to this process's links file when it holds one for that
 * conference. While Redis is unreachable, a link issued reaches only the file of the process that
 * answered, when it has one (the publish fails and is logged; the answer to the host is not held up).
 */
export async function relayLinksFile(opts: { url: string; dataDir: string; prefix?: string }): Promise<{ stop(): Promise<void> }> {
  const channel = `${opts.prefix ?? 'diemcau:'}links-file`
  const here = folderId(opts.dataDir)
  const pub = redisModule().createClient({ url: opts.url, disableOfflineQueue: true, socket: { reconnectStrategy: (n) => Math.min(100 * 2 ** n, 2000) } })
  const sub = pub.duplicate()
  // Unreachable Redis is said by the event store's health; these two only retry.
  for (const c of [pub, sub]) c.on('error', () => undefined)
  await pub.connect()
  await sub.connect()
  await sub.subscribe(channel, (text) => {
    let message: unknown
    try {
      message = JSON.parse(text)
    } catch {
      message = null
    }
    if (!isMessage(message) || (message.wrote !== null && message.wrote === here)) return
    try {
      if (recordLink(opts.dataDir, message.conferenceId, message.grant, message.link)) log.info({ conferenceId: message.conferenceId, role: message.grant.role }, 'a link issued by another process was written to the links file')
    } catch (err) {
      log.error({ err, conferenceId: message.conferenceId }, 'writing a link issued by another process to the links file failed')
    }
  })
  relay = (message) => {
    pub.publish(channel, JSON.stringify(message)).catch((err: unknown) => {
      log.warn({ err, conferenceId: message.conferenceId, role: message.grant.role }, 'a link issued here could not be passed to the process holding the links file (Redis unreachable)')
    })
  }
  return {
    async stop() {
      relay = null
      for (const c of [sub, pub]) if (c.isOpen) await c.close().catch(() => undefined)
    },
  }
}
