/**
 * Fuzz run: thousands of generated malformed commands and raw frames, over the socket, over
 * HTTP and as hand-written Engine.IO frames. Criteria: the server never crashes (it runs in this
 * process: an uncaught exception fails the run), the state and its seq are the same after as
 * before, and every answer is a coded error of a few hundred bytes. Seeded: a failure replays.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { COMMAND_TYPES, Command } from '../shared/commands.js'
import { ErrorCode } from '../shared/errors.js'
import { firstSync, startServer, until, type Client, type Running } from './test/harness.js'
import { rawRequest, rawSocket, type RawSocket } from './test/raw.js'
import { defined } from '../shared/testing/defined.js'
import { mulberry32 } from '../shared/testing/seeded.js'

const SEED = Number(process.env['FUZZ_SEED'] ?? 20261127)
const CODES = new Set<string>(Object.values(ErrorCode))

/** Seeded picks of shapes (mulberry32). */
function rng(seed: number) {
  const next = mulberry32(seed)
  const int = (n: number) => Math.floor(next() * n)
  // xs[i] for i below xs.length: of type T, which may itself be null or undefined.
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T
  return { next, int, pick }
}
type R = ReturnType<typeof rng>

const NASTY = ['\u0000', '\u202E', '\u200B', '\uD800', '\uDFFF', '\u2066', '\uFEFF', '\u0007', '\u3164', '\r\n', '\u0301']
const KEYS = ['id', 'type', 'data', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'attendees', 'message', 'siteId', 'awardIds', 'strokes', 'blocId', 'itemId', 'reason', '', ' ', 'a'.repeat(300)]

function str(r: R): string {
  switch (r.int(6)) {
    case 0: return ''
    case 1: return r.pick(NASTY).repeat(1 + r.int(3))
    case 2: return 'x'.repeat(r.int(20_000))
    case 3: return String.fromCharCode(...Array.from({ length: 1 + r.int(40) }, () => r.int(0x10000)))
    case 4: return `Tên ${r.pick(NASTY)} hợp lệ`
    default: return r.pick(['d1', 'hub', 'a1', 'blocA', 'open', 'awards', '../../etc/passwd', '<script>alert(1)</script>', '{{7*7}}', 'null'])
  }
}

function value(r: R, depth = 0): unknown {
  const k = r.int(depth > 4 ? 5 : 9)
  switch (k) {
    case 0: return null
    case 1: return r.next() < 0.5
    case 2: return r.pick([0, -1, 1.5, 1e308, -1e308, 2 ** 53, 100_001, Number.MAX_SAFE_INTEGER, -0])
    case 3: return str(r)
    case 4: return r.int(3) === 0 ? [] : {}
    case 5: return Array.from({ length: r.int(6) }, () => value(r, depth + 1))
    case 6: return Array.from({ length: r.int(300) }, () => [r.next(), r.next(), r.int(1000)])
    default: {
      const o: Record<string, unknown> = {}
      for (let i = r.int(6); i > 0; i--) Object.defineProperty(o, r.pick(KEYS), { value: value(r, depth + 1), enumerable: true, configurable: true, writable: true })
      return o
    }
  }
}

const goodId = (r: R) => `fuzz-${r.int(1e9).toString(36)}-${r.int(1e9).toString(36)}`
const badIds = [undefined, null, 7, '', 'short', 'x'.repeat(81), 'has spaces here', 'ümlaut-id-123', ['fuzz-00000000'], { id: 'fuzz-00000000' }]

/** Types whose data schema refuses unknown fields: an extra field makes them invalid for sure. */
const STRICT_TYPES = Command.options
  .filter((o) => (o.shape.data as unknown as { _zod: { def: { catchall?: { _zod: { def: { type: string } } } } } })._zod.def.catchall?._zod.def.type === 'never')
  .map((o) => o.shape.type.value)

/** A command no role may run: broken in its id, type, data shape, or text. */
function invalidCommand(r: R): unknown {
  switch (r.int(6)) {
    case 0: return { id: r.pick(badIds), type: r.pick(COMMAND_TYPES), data: value(r) }
    case 1: return { id: goodId(r), type: r.pick(['', 'agenda', 'agenda.next ', 'AGENDA.NEXT', '__proto__', 'site.checkin', str(r)]), data: value(r) }
    case 2: return { id: goodId(r), type: r.pick(COMMAND_TYPES), data: r.pick([null, 0, 'data', [], [{}], true]) }
    case 3: return { id: goodId(r), type: r.pick(STRICT_TYPES), data: { [`unknown_${r.int(1000)}`]: value(r) } }
    case 4: return { id: goodId(r), type: 'site.reportIssue', data: { message: `Mất tín hiệu ${r.pick(NASTY.filter((c) => c !== '\r\n' && c !== '\u0301' && c !== '\uFEFF'))}` } }
    default: return value(r)
  }
}

/** Anything at all, sometimes a well-formed command: what a viewer link sends (a viewer may run none). */
function anyCommand(r: R): unknown {
  return r.next() < 0.3 ? { id: goodId(r), type: r.pick(COMMAND_TYPES), data: value(r) } : invalidCommand(r)
}

function expectCodedError(a: unknown, where: string): void {
  const ack = a as { ok?: unknown; error?: { code?: unknown; message?: unknown } }
  expect(ack.ok, where).toBe(false)
  expect(CODES.has(String(ack.error?.code)), where).toBe(true)
  expect(typeof ack.error?.message, where).toBe('string')
  expect(JSON.stringify(ack).length, where).toBeLessThan(1200)
}

let server: Running
const stateOf = async () => {
  const r = await fetch(`${server.url}/api/conferences/test-conf/state`, { headers: { authorization: `Bearer ${server.links.host.token}` } })
  return r.text()
}

beforeAll(async () => {
  server = await startServer({ app: { budgets: { command: { points: 1e7, seconds: 1 }, read: { points: 1e7, seconds: 1 }, handshake: { points: 1e6, seconds: 1 }, address: { points: 1e6, seconds: 1 } } } })
})
afterAll(async () => server?.stop())

describe('fuzz', { timeout: 180_000 }, () => {
  it('thousands of malformed commands and raw frames: no crash, no state change, every answer coded', async () => {
    const r = rng(SEED)
    const before = await stateOf()
    const counts = { socket: 0, viewer: 0, http: 0, frames: 0, reconnects: 0 }

    // Over the socket: the host sends only broken commands, a viewer anything at all.
    const host = server.connect(server.links.host.token)
    const viewer = server.connect(server.links.viewer.token)
    await Promise.all([firstSync(host), firstSync(viewer)])
    const emit = (c: Client, cmd: unknown) => c.timeout(10_000).emitWithAck('command', cmd as never)
    for (let batch = 0; batch < 30; batch++) {
      const hostAcks = Array.from({ length: 50 }, () => emit(host, invalidCommand(r)))
      const viewerAcks = Array.from({ length: 50 }, () => emit(viewer, anyCommand(r)))
      for (const a of await Promise.all(hostAcks)) {
        expectCodedError(a, 'host socket')
        counts.socket++
      }
      for (const a of await Promise.all(viewerAcks)) {
        expectCodedError(a, 'viewer socket')
        counts.viewer++
      }
    }

    // Over HTTP: broken commands as JSON, and bodies that are not JSON at all.
    const types = ['application/json', 'application/json; charset=utf-8', 'application/json; charset=koi8-r', 'text/plain', 'application/x-www-form-urlencoded']
    for (let batch = 0; batch < 20; batch++) {
      const answers = await Promise.all(Array.from({ length: 25 }, () => {
        const raw = r.next() < 0.7 ? JSON.stringify(invalidCommand(r)) ?? 'undefined' : str(r)
        const body = r.next() < 0.1 ? raw.slice(0, r.int(raw.length + 1)) : raw
        return rawRequest(server.url, {
          method: 'POST',
          path: '/api/conferences/test-conf/commands',
          headers: { authorization: `Bearer ${server.links.host.token}`, 'content-type': r.pick(types) },
          body,
        })
      }))
      for (const a of answers) {
        expect(a.status).toBeGreaterThanOrEqual(400)
        expect(a.status).toBeLessThan(500)
        expectCodedError(JSON.parse(a.body), `http ${a.status}`)
        counts.http++
      }
    }

    // Raw Engine.IO frames from a viewer link: garbage, misused packet types, broken JSON, binary.
    let raw: RawSocket | undefined
    const rawAcks: string[] = []
    const open = async () => {
      if (raw) rawAcks.push(...raw.frames.filter((x) => x.startsWith('43')))
      raw = rawSocket(server.url, { token: server.links.viewer.token })
      await raw.opened
      raw.connect({ token: server.links.viewer.token })
      await until(() => defined(raw).frames.some((f) => f.startsWith('40{')) || defined(raw).isClosed())
      counts.reconnects++
    }
    const frame = (): string | Buffer => {
      switch (r.int(8)) {
        case 0: return `${r.int(10)}${str(r)}`
        case 1: return `42${++ackId}${JSON.stringify(['command', anyCommand(r)])}`
        case 2: return `42${JSON.stringify([r.pick(['sync', 'clock', 'revealed', 'ink', 'command', '__proto__', 'constructor', 'welcome']), value(r)])}`
        case 3: return `42${1_000_000 + r.int(1000)}["sync",${JSON.stringify(value(r))}]`
        case 4: return `451-${r.int(1000)}["command",{"_placeholder":true,"num":${r.int(3)}}]`
        case 5: return Buffer.from(Array.from({ length: 1 + r.int(64) }, () => r.int(256)))
        case 6: return `42${'['.repeat(1 + r.int(3000))}`
        default: return `4${r.pick(['0', '1', '3', '4', '5', '6'])}${JSON.stringify(value(r))}`
      }
    }
    let ackId = 0
    await open()
    for (let i = 0; i < 2000; i++) {
      if (defined(raw).isClosed()) await open()
      const before = ackId
      defined(raw).ws.send(frame())
      counts.frames++
      // A command frame: its answer is awaited, before a later garbage frame closes the connection.
      if (ackId !== before) await until(() => defined(raw).frames.some((f) => f.startsWith(`43${ackId}[`)) || defined(raw).isClosed(), 5000)
      if (i % 50 === 0) await new Promise((res) => setTimeout(res, 5))
    }
    await new Promise((res) => setTimeout(res, 300))
    rawAcks.push(...defined(raw).frames.filter((x) => x.startsWith('43')))
    for (const f of rawAcks.filter((x) => Number(/^43(\d+)/.exec(x)?.[1]) < 1_000_000)) {
      const body = JSON.parse(f.replace(/^43\d+/, '')) as unknown[]
      expectCodedError(body[0], `raw ack ${f.slice(0, 80)}`)
    }
    defined(raw).close()
    if (process.env['FUZZ_VERBOSE']) console.log({ ...counts, rawAcks: rawAcks.length, strictTypes: STRICT_TYPES.length })

    // Still up, still the same conference.
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200)
    expect(await stateOf()).toBe(before)
    expect(counts.socket + counts.viewer + counts.http + counts.frames).toBeGreaterThan(5000)
    expect(STRICT_TYPES.length).toBeGreaterThan(5)
    expect(counts.reconnects).toBeGreaterThan(1)
    expect(rawAcks.length).toBeGreaterThan(40)
    // A well-formed command still works afterwards.
    expect(await emit(host, { id: goodId(r), type: 'conference.start', data: {} })).toMatchObject({ ok: true })
  })
})
