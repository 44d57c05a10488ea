/**
 * A farm client joining as a viewer page does through the read tier (client/composables/sync/read-tier.ts):
 * `…/public/latest`, then that seq's bytes (from a cache in front, or the process), inflated and
 * parsed, then its socket with `lastSeq` set, until the server's catch-up `events` arrives.
 */
import { Agent, get } from 'node:http'
import { inflateSync } from 'node:zlib'
import { io, type Socket } from 'socket.io-client'
import { now } from './common.js'
import { joinOutcome, options } from './farm-client.js'

/** One worker's HTTP connections, kept alive between a client's two reads as a browser keeps them. */
const agent = new Agent({ keepAlive: true, maxSockets: 4096 })

/** A GET's status, headers and body as bytes, not decoded: the farm takes a large body as a viewer's device receives it. */
function getBytes(url: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = get(url, { headers, agent, timeout: 30_000 }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
      res.on('error', reject)
    })
    req.on('timeout', () => req.destroy(new Error('no answer within 30 s')))
    req.on('error', reject)
  })
}

export interface ReadStormPart { times: Float64Array; lost: Record<string, number>; bytes: number; awards: number; cacheHits: number }

/** Every client of `sockets` at once: read the state over HTTP at `base`, then connect; `adopt` keeps each that holds it. */
export async function readStorm(base: string, sockets: string[], conferenceId: string, auth: { token: string }, adopt: (s: Socket) => void): Promise<ReadStormPart> {
  const times: number[] = []
  const lost: Record<string, number> = {}
  let bytes = 0
  let awards = -1
  let cacheHits = 0
  const headers = { authorization: `Bearer ${auth.token}`, 'accept-encoding': 'deflate' }
  const prefix = `${base}/api/conferences/${encodeURIComponent(conferenceId)}/public`
  await Promise.all(sockets.map(async (url, i) => {
    let seq: number
    try {
      const latest = await getBytes(`${prefix}/latest`, headers)
      if (latest.status !== 200) throw new Error(`latest: HTTP ${latest.status}`)
      seq = (JSON.parse(latest.body.toString('utf8')) as { seq: number }).seq
      const res = await getBytes(`${prefix}/${seq}`, headers)
      if (res.status !== 200) throw new Error(`seq: HTTP ${res.status}`)
      if (res.headers['x-cache-status'] === 'HIT') cacheHits++
      bytes = res.body.length
      // As the socket storm does (bench/lazy-parser.ts): one client per worker inflates and parses it to check it.
      if (i === 0) awards = (JSON.parse(inflateSync(res.body).toString('utf8')) as { awards: unknown[] }).awards.length
    } catch (err) {
      const cause = err instanceof Error && err.cause instanceof Error ? ` (${'code' in err.cause ? String(err.cause.code) : err.cause.message})` : ''
      const why = `read tier: ${err instanceof Error ? err.message : String(err)}${cause}`
      lost[why] = (lost[why] ?? 0) + 1
      return
    }
    await new Promise<void>((resolve) => {
      const socket = io(url, options({ ...auth, lastSeq: seq, snapshotEncoding: 'deflate', eventsEncoding: 'deflate' }))
      const outcome = joinOutcome(socket, lost, resolve)
      // The catch-up after lastSeq: `events` (empty when nothing followed), or a snapshot when far behind.
      const held = () => {
        if (!outcome.held()) return
        times.push(now())
        adopt(socket)
        resolve()
      }
      socket.once('events', held)
      socket.once('snapshot', held)
    })
  }))
  return { times: Float64Array.from(times), lost, bytes, awards, cacheHits }
}
