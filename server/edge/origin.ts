/**
 * Which pages may talk to this server: its own origin, the one in PUBLIC_URL, and those listed in
 * ALLOWED_ORIGINS (comma-separated, e.g. `https://cong.tinh.gov.vn`). Checked on the socket
 * handshake and on every state-changing HTTP request. A request without an Origin header is a
 * script or another server with a Bearer token, not a page: it passes, its token decides.
 */
import type { IncomingMessage } from 'node:http'

export interface OriginPolicy {
  /** Null when allowed; else why not, for the refusal. */
  problem(req: IncomingMessage): string | null
}

/** `https://a.example:8443/x` → `https://a.example:8443`; anything unparsable → null. */
export function originOf(url: string): string | null {
  try {
    const u = new URL(url)
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null
  } catch {
    return null
  }
}

export function parseOrigins(list: string | undefined): string[] {
  return (list ?? '').split(',').map((s) => s.trim()).filter(Boolean).map((s) => originOf(s)).filter((s): s is string => s !== null)
}

/** The scheme a request came in by: TLS here, or X-Forwarded-Proto from a trusted proxy. */
export function isSecure(req: IncomingMessage, trustProxy: boolean): boolean {
  if ((req.socket as { encrypted?: boolean }).encrypted) return true
  const fwd = trustProxy ? req.headers['x-forwarded-proto'] : undefined
  return typeof fwd === 'string' && fwd.split(',')[0]?.trim() === 'https'
}

/** The remote address a budget is kept for: the peer, or the first X-Forwarded-For hop behind a trusted proxy. */
export function remoteAddress(req: IncomingMessage, trustProxy: boolean): string {
  const fwd = trustProxy ? req.headers['x-forwarded-for'] : undefined
  const first = typeof fwd === 'string' ? fwd.split(',')[0]?.trim() : undefined
  return first || req.socket.remoteAddress || 'unknown'
}

export function originPolicy(opts: { allowed?: string[]; publicUrl?: string; trustProxy?: boolean } = {}): OriginPolicy {
  const allowed = new Set(opts.allowed ?? [])
  const pub = opts.publicUrl ? originOf(opts.publicUrl) : null
  if (pub) allowed.add(pub)
  const trustProxy = opts.trustProxy ?? false
  return {
    problem(req) {
      const origin = req.headers.origin
      if (origin === undefined) return null
      if (allowed.has(origin)) return null
      const host = (trustProxy && typeof req.headers['x-forwarded-host'] === 'string' ? req.headers['x-forwarded-host'] : req.headers.host) ?? ''
      const own = `${isSecure(req, trustProxy) ? 'https' : 'http'}://${host}`
      if (host && origin === originOf(own)) return null
      return 'this page is not served by the conference server (its origin is not allowed); open the conference from its own address'
    },
  }
}
