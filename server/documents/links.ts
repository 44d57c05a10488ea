/**
 * Signed links to the documents: a browser link cannot send `Authorization`, and an access token
 * must never travel in a URL, so the server signs (method, path, expiry) with a secret of its own
 * and the link carries only `exp` and `sig`. Valid five minutes; good for that one document only.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/** How long a signed link opens its document. */
export const LINK_TTL_SECONDS = 300

/** The secret's file in the data directory (created with mode 0600). */
export const LINK_SECRET_FILE = 'document-links.key'

export type LinkCheck = { ok: true } | { ok: false; reason: string }

export class LinkSigner {
  constructor(private readonly secret: Buffer, private readonly now: () => number = Date.now) {}

  /** `path?exp=…&sig=…`, opening `path` with `method` until `exp` (epoch seconds). */
  sign(method: string, urlPath: string, ttlSeconds = LINK_TTL_SECONDS): { url: string; exp: number } {
    const exp = Math.floor(this.now() / 1000) + ttlSeconds
    return { url: `${urlPath}?exp=${exp}&sig=${this.mac(method, urlPath, exp)}`, exp }
  }

  /** Whether `sig` signs (method, path, exp) and `exp` has not passed; the reason in Vietnamese and English when not. */
  check(method: string, urlPath: string, exp: unknown, sig: unknown): LinkCheck {
    if (typeof exp !== 'string' || !/^\d{1,12}$/.test(exp) || typeof sig !== 'string' || !/^[0-9a-f]{64}$/.test(sig)) {
      return { ok: false, reason: 'Liên kết tài liệu không hợp lệ: thiếu hoặc sai exp/sig (invalid document link: exp and sig are missing or malformed).' }
    }
    const expected = Buffer.from(this.mac(method, urlPath, Number(exp)), 'hex')
    if (!timingSafeEqual(expected, Buffer.from(sig, 'hex'))) {
      return { ok: false, reason: 'Liên kết tài liệu không hợp lệ: chữ ký không khớp với tài liệu này (invalid document link: the signature does not match this document).' }
    }
    if (Number(exp) * 1000 < this.now()) {
      return { ok: false, reason: 'Liên kết tài liệu đã hết hạn; hãy mở lại tài liệu từ trang của bạn (the document link has expired; open the document again from your page).' }
    }
    return { ok: true }
  }

  private mac(method: string, urlPath: string, exp: number): string {
    const m = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase()
    return createHmac('sha256', this.secret).update(`${m}\n${urlPath}\n${exp}`).digest('hex')
  }
}

/**
 * The signer of a data directory: its secret is read from DATA_DIR/document-links.key, created
 * (32 random bytes, mode 0600) on first use. Without a data directory the secret lives in memory:
 * links then last until the process stops.
 */
export function openLinkSigner(dataDir?: string, now?: () => number): LinkSigner {
  if (!dataDir) return new LinkSigner(randomBytes(32), now)
  const file = path.join(dataDir, LINK_SECRET_FILE)
  if (!existsSync(file)) {
    try {
      writeFileSync(file, randomBytes(32).toString('hex') + '\n', { mode: 0o600, flag: 'wx' })
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    }
  }
  const secret = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex')
  if (secret.length < 32) throw new Error(`${file} does not hold a 32-byte secret in hex; delete it to make a new one`)
  return new LinkSigner(secret, now)
}
