/**
 * Security headers on every answer (helmet): a Content-Security-Policy the built pages pass
 * (scripts and styles only from this server, no inline script; style attributes allowed, which
 * Vue's bindings and the signature pad set), never framed (`frame-ancestors 'none'`, so /host
 * cannot be loaded in a foreign iframe), nosniff, no Referer (an access link never leaks in one),
 * HSTS only when the request came over TLS.
 */
import type { RequestHandler } from 'express'
import helmet from 'helmet'
import { isSecure } from './origin.js'

export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'style-src-attr': ["'unsafe-inline'"],
  // The favicon is a data: SVG; a signature drawn on the pad is shown as an image.
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  // 'self' covers ws:/wss: to this host (CSP3).
  'connect-src': ["'self'"],
  'worker-src': ["'self'", 'blob:'],
  'frame-src': ["'self'", 'blob:'],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
}

export function securityHeaders(opts: { trustProxy?: boolean } = {}): RequestHandler {
  const base = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    // A LAN over plain http is a supported setup: no upgrade of its subresources, no HSTS there.
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
  })
  const hsts = helmet.strictTransportSecurity({ maxAge: 180 * 24 * 3600 })
  return (req, res, next) => {
    base(req, res, (err?: unknown) => {
      if (err) return next(err)
      if (isSecure(req, opts.trustProxy ?? false)) return hsts(req, res, next)
      next()
    })
  }
}
