// A small local load balancer for `npm run cluster`: HTTP and WebSocket upgrades to N backends,
// sticky by a cookie (`diemcau_node`), so that a page's Socket.IO polling requests and its
// upgrade reach the process that holds its session. A backend that refuses connections is
// skipped and the cookie moves the page to a live one (its socket then reconnects with lastSeq).
// In production, nginx does this job (docs/operations.md, "Running a cluster").
import { request } from 'node:http'
import { createServer } from 'node:http'
import { connect } from 'node:net'

const COOKIE = 'diemcau_node'

/** @param {{ port: number, host?: string, backends: { host: string, port: number }[] }} opts */
export function startStickyProxy(opts) {
  const { backends } = opts
  const down = new Map() // backend index -> epoch ms until which it is skipped
  let next = 0

  const alive = (i) => (down.get(i) ?? 0) < Date.now()
  const markDown = (i) => down.set(i, Date.now() + 2000)
  function pick(req) {
    const m = new RegExp(`(?:^|;\\s*)${COOKIE}=(\\d+)`).exec(req.headers.cookie ?? '')
    const wanted = m ? Number(m[1]) : -1
    if (wanted >= 0 && wanted < backends.length && alive(wanted)) return { index: wanted, fresh: false }
    for (let k = 0; k < backends.length; k++) {
      const i = (next + k) % backends.length
      if (alive(i)) {
        next = i + 1
        return { index: i, fresh: true }
      }
    }
    return { index: next++ % backends.length, fresh: true }
  }
  const cookie = (i) => `${COOKIE}=${i}; Path=/; HttpOnly; SameSite=Lax`
  const forwarded = (req) => ({
    ...req.headers,
    // Set, not appended: the backends trust it (TRUST_PROXY=1), so a client may not choose its own address.
    'x-forwarded-for': req.socket.remoteAddress ?? '',
    'x-forwarded-proto': 'http',
    'x-forwarded-host': req.headers.host ?? '',
  })

  const server = createServer((req, res) => {
    const attempt = (tries) => {
      const { index, fresh } = pick(req)
      const b = backends[index]
      const up = request({ host: b.host, port: b.port, method: req.method, path: req.url, headers: forwarded(req) }, (answer) => {
        const headers = { ...answer.headers }
        if (fresh) headers['set-cookie'] = [...[headers['set-cookie'] ?? []].flat(), cookie(index)]
        res.writeHead(answer.statusCode ?? 502, headers)
        answer.pipe(res)
      })
      up.on('error', (err) => {
        markDown(index)
        // Only a request whose body was not sent yet can go to another backend.
        if (err.code === 'ECONNREFUSED' && tries < backends.length && !req.readableDidRead) return attempt(tries + 1)
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' })
        res.end('Máy chủ không phản hồi, vui lòng tải lại trang (the server did not answer; reload the page).')
      })
      req.pipe(up)
    }
    attempt(1)
  })

  server.on('upgrade', (req, socket, head) => {
    const attempt = (tries) => {
      const { index } = pick(req)
      const b = backends[index]
      const up = connect(b.port, b.host, () => {
        const headers = forwarded(req)
        const lines = [`${req.method} ${req.url} HTTP/1.1`, ...Object.entries(headers).flatMap(([k, v]) => [v].flat().map((x) => `${k}: ${x}`))]
        up.write(lines.join('\r\n') + '\r\n\r\n')
        if (head.length) up.write(head)
        up.pipe(socket)
        socket.pipe(up)
        socket.on('error', () => up.destroy())
        socket.on('close', () => up.destroy())
        up.on('close', () => socket.destroy())
      })
      up.on('error', (err) => {
        if (err.code !== 'ECONNREFUSED') return socket.destroy()
        markDown(index)
        if (tries < backends.length) return attempt(tries + 1)
        socket.destroy()
      })
    }
    attempt(1)
  })

  return new Promise((resolve) => server.listen(opts.port, opts.host ?? '0.0.0.0', () => resolve(server)))
}
