/**
 * Signed links to the documents: a browser link cannot send `Authorization`, and an access token
 * must never travel in a URL, so the server signs (method, path, expiry) with a secret of its own
 * and the link carries only `exp` and `sig`. Valid five minutes; good for that one document only.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import type { LinkStore } from '../store/link-store.js'

/** How long a signed link opens its document. */
export const LINK_TTL_SECONDS = 300

/**
 * The name of the signing key in the link store: DATA_DIR/document-links.key with SQLite, the
 * key `diemcau:secret:document-links` with Redis (one for every process of a cluster).
 */
export const LINK_SECRET = 'document-links'

/**
 * How long a process keeps the key it read before asking the store again: a key the store lost
 * and made anew (Redis emptied) is taken up within this, by every process alike.
 */
const KEY_KEPT_MS = 30_000

/** Why a signed link is refused: a malformed or forged one is a guess, an expired one a link the server did sign. */
export type LinkProblem = 'malformed' | 'forged' | 'expired'
export type LinkCheck = { ok: true } | { ok: false; reason: string; problem: LinkProblem }

export class LinkSigner {
  private key: { secret: Promise<Buffer>; at: number } | null = null

  /** `secret` is asked again after KEY_KEPT_MS, or at once after it failed. */
  constructor(private readonly secret: () => Promise<Buffer>, private readonly now: () => number = Date.now) {}

  /** `path?exp=…&sig=…`, opening `path` with `method` until `exp` (epoch seconds). */
  async sign(method: string, urlPath: string, ttlSeconds = LINK_TTL_SECONDS): Promise<{ url: string; exp: number }> {
    const exp = Math.floor(this.now() / 1000) + ttlSeconds
    return { url: `${urlPath}?exp=${exp}&sig=${await this.mac(method, urlPath, exp)}`, exp }
  }

  /** Whether `sig` signs (method, path, exp) and `exp` has not passed; the reason in Vietnamese and English when not. */
  async check(method: string, urlPath: string, exp: unknown, sig: unknown): Promise<LinkCheck> {
    if (typeof exp !== 'string' || !/^\d{1,12}$/.test(exp) || typeof sig !== 'string' || !/^[0-9a-f]{64}$/.test(sig)) {
      return { ok: false, problem: 'malformed', reason: 'Liên kết tài liệu không hợp lệ: thiếu hoặc sai exp/sig (invalid document link: exp and sig are missing or malformed).' }
    }
    const expected = Buffer.from(await this.mac(method, urlPath, Number(exp)), 'hex')
    if (!timingSafeEqual(expected, Buffer.from(sig, 'hex'))) {
      return { ok: false, problem: 'forged', reason: 'Liên kết tài liệu không hợp lệ: chữ ký không khớp với tài liệu này (invalid document link: the signature does not match this document).' }
    }
    if (Number(exp) * 1000 < this.now()) {
      return { ok: false, problem: 'expired', reason: 'Liên kết tài liệu đã hết hạn; hãy mở lại tài liệu từ trang của bạn (the document link has expired; open the document again from your page).' }
    }
    return { ok: true }
  }

  private async mac(method: string, urlPath: string, exp: number): Promise<string> {
    const m = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase()
    return createHmac('sha256', await this.currentKey()).update(`${m}\n${urlPath}\n${exp}`).digest('hex')
  }

  private currentKey(): Promise<Buffer> {
    const at = this.now()
    if (!this.key || at - this.key.at >= KEY_KEPT_MS || at < this.key.at) {
      const key = { secret: this.secret(), at }
      this.key = key
      // A failed read (Redis unreachable) is not kept: the next link asks again.
      key.secret.catch(() => {
        if (this.key === key) this.key = null
      })
    }
    return this.key.secret
  }
}

/**
 * The signer of a server: its key is the link store's secret LINK_SECRET, made (32 random bytes)
 * on first use. With SQLite that is DATA_DIR/document-links.key, as before; with Redis one key for
 * the whole cluster, so a link signed by one process opens on every other.
 */
export function openLinkSigner(links: Pick<LinkStore, 'secret'>, now?: () => number): LinkSigner {
  return new LinkSigner(() => links.secret(LINK_SECRET), now)
}
