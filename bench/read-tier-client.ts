/**
 * A farm client joining as a viewer page does through the read tier (client/composables/sync/read-tier.ts):
 * `…/public/latest`, then that seq's bytes (from a cache in front, or the process), inflated and
 * parsed, then its socket with `lastSeq` set, until the server's catch-up `events` arrives.
 */
import { io, type Socket } from 'socket.io-client'
import { now } from './common.js'
import { options } from './farm-client.js'

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
      const latest = await fetch(`${prefix}/latest`, { headers })
      if (!latest.ok) throw new Error(`latest: HTTP ${latest.status}`)
      seq = ((await latest.json()) as { seq: number }).seq
      const res = await fetch(`${prefix}/${seq}`, { headers })
      if (!res.ok) throw new Error(`seq: HTTP ${res.status}`)
      if (res.headers.get('x-cache-status') === 'HIT') cacheHits++
      // fetch inflates (Content-Encoding: deflate); the page parses it as this does.
      const text = await res.text()
      const state = JSON.parse(text) as { awards: unknown[] }
      bytes = Number(res.headers.get('content-length') ?? text.length)
      if (i === 0) awards = state.awards.length
    } catch (err) {
      const cause = err instanceof Error && err.cause instanceof Error ? ` (${'code' in err.cause ? String(err.cause.code) : err.cause.message})` : ''
      const why = `read tier: ${err instanceof Error ? err.message : String(err)}${cause}`
      lost[why] = (lost[why] ?? 0) + 1
      return
    }
    await new Promise<void>((resolve) => {
      const socket = io(url, options({ ...auth, lastSeq: seq, snapshotEncoding: 'deflate', eventsEncoding: 'deflate' }))
      let settled = false
      // The catch-up after lastSeq: `events` (empty when nothing followed), or a snapshot when far behind.
      const held = () => {
        if (settled) return
        settled = true
        times.push(now())
        adopt(socket)
        resolve()
      }
      socket.once('events', held)
      socket.once('snapshot', held)
      const lose = (why: string) => {
        if (settled) return
        settled = true
        lost[why] = (lost[why] ?? 0) + 1
        socket.close()
        resolve()
      }
      socket.once('connect_error', (err) => lose(`refused: ${err.message}`))
      socket.once('disconnect', (reason) => lose(`disconnect: ${reason}`))
    })
  }))
  return { times: Float64Array.from(times), lost, bytes, awards, cacheHits }
}
