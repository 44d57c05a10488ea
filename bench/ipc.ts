/**
 * Requests and answers between a bench and its child processes (the server under test, the bare
 * server, the farm's workers) over Node's IPC channel, with structured-clone serialization so
 * that buffers and arrays of numbers cross as they are. A child may also push messages unasked.
 */
import { fork, type ChildProcess } from 'node:child_process'
import { openSync } from 'node:fs'

interface Answer { answer: number; value?: unknown; error?: string }
type Push = { push: string } & Record<string, unknown>

const isAnswer = (m: unknown): m is Answer => typeof m === 'object' && m !== null && 'answer' in m
const isPush = (m: unknown): m is Push => typeof m === 'object' && m !== null && 'push' in m

/** A child process spoken to by requests; its pushes go to the handlers given to onPush. */
export class Channel {
  private next = 0
  private waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()
  private pushHandlers = new Map<string, (m: Push) => void>()
  private exited: Error | null = null

  constructor(readonly child: ChildProcess, readonly name: string) {
    child.on('message', (m: unknown) => {
      if (isPush(m)) return this.pushHandlers.get(m.push)?.(m)
      if (!isAnswer(m)) return
      const w = this.waiting.get(m.answer)
      this.waiting.delete(m.answer)
      if (m.error !== undefined) w?.reject(new Error(`${name}: ${m.error}`))
      else w?.resolve(m.value)
    })
    child.once('exit', (code, signal) => {
      this.exited = new Error(`${name} exited (${signal ?? code})`)
      for (const w of this.waiting.values()) w.reject(this.exited)
      this.waiting.clear()
    })
  }

  /** Sends a request and waits for its answer. */
  call<T>(op: string, args: object = {}): Promise<T> {
    if (this.exited) return Promise.reject(this.exited)
    const id = ++this.next
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: (v) => resolve(v as T), reject })
      this.child.send({ ask: id, op, ...args })
    })
  }

  onPush(kind: string, handler: (m: Push) => void): void {
    this.pushHandlers.set(kind, handler)
  }

  kill(): void {
    this.child.kill('SIGKILL')
  }
}

/**
 * Starts a TypeScript child with an IPC channel; its stdout goes to `logFile` when given (the
 * server's pino lines), else it is inherited. Resolves with the channel and the child's first push, 'ready'.
 */
export async function start<R>(script: string, opts: { name: string; env?: Record<string, string>; logFile?: string; execArgv?: string[] }): Promise<{ channel: Channel; ready: R }> {
  const out = opts.logFile ? openSync(opts.logFile, 'a') : 'inherit'
  const child = fork(script, [], {
    execArgv: ['--import', 'tsx', ...(opts.execArgv ?? [])],
    env: { ...process.env, ...opts.env },
    serialization: 'advanced',
    stdio: ['ignore', out, 'inherit', 'ipc'],
  })
  const channel = new Channel(child, opts.name)
  const ready = await new Promise<R>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${opts.name} exited with ${code} before it was ready`)))
    channel.onPush('ready', (m) => resolve(m.ready as R))
  })
  return { channel, ready }
}

type Handler = (args: Record<string, unknown>) => unknown
/** In a child: answers each request with its handler's (awaited) value. */
export function serve(handlers: Record<string, Handler>): void {
  process.on('message', (m: { ask?: number; op?: string } & Record<string, unknown>) => {
    if (typeof m.ask !== 'number' || typeof m.op !== 'string') return
    const ask = m.ask
    const handler = handlers[m.op]
    Promise.resolve()
      .then(() => (handler ? handler(m) : Promise.reject(new Error(`unknown request ${m.op}`))))
      .then(
        (value) => send({ answer: ask, value }),
        (err: unknown) => send({ answer: ask, error: err instanceof Error ? err.message : String(err) }),
      )
  })
}

/** In a child: sends a message to the bench. */
export function send(message: object): void {
  process.send?.(message)
}

/** In a child: tells the bench it is ready, with what it needs to know. */
export function ready(value: object): void {
  send({ push: 'ready', ready: value })
}
