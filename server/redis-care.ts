/**
 * The care every Redis client of ours gets, whether it carries the conference log (server/store/)
 * or the Socket.IO adapter (server/realtime/cluster.ts): reconnection with jitter, one log line
 * per outage, and no unhandled rejection from a command nobody awaits.
 */
import { log } from './log.js'

/** Milliseconds before the `retries`-th reconnection: 100 ms doubling to 2 s, ±25 % jitter. Never gives up. */
export const reconnectDelay = (retries: number): number => Math.round(Math.min(100 * 2 ** retries, 2000) * (0.75 + Math.random() / 2))

/** Any Redis client (of any modules and RESP version): what the helpers below use of it. */
type Emitting = { on(event: 'error' | 'ready', listener: (err: Error) => void): unknown }

/** Logs a client's outage once when its connection fails and once when it is ready again (its `error` events are handled: they never end the process). */
export function logOutages(client: Emitting, name: string): void {
  let down = false
  client.on('error', (err: Error) => {
    if (down) return
    down = true
    log.warn({ redis: name, reason: err.message || err.name }, 'Redis cannot be reached; retrying until it returns')
  })
  client.on('ready', () => {
    if (!down) return
    down = false
    log.info({ redis: name }, 'Redis answers again')
  })
}

/**
 * Marks the promises of `client`'s `commands` handled where they are made: a library that sends
 * them and never awaits them (the Socket.IO Redis adapters publish and forget) then cannot end the
 * process with an unhandled rejection when Redis is gone. Whoever awaits one still gets its error.
 */
export function catchForgotten<K extends string>(client: Emitting & Record<K, (...args: never[]) => Promise<unknown>>, commands: readonly K[], name: string): void {
  let dropped = 0
  for (const command of commands) {
    const send = client[command]
    const guarded = (...args: never[]) => {
      const sent = send.apply(client, args)
      sent.catch((err: Error) => {
        // One line per outage, not one per message.
        if (dropped++ === 0) log.warn({ redis: name, command, reason: err.message || err.name }, 'a message for the other processes was not sent: Redis cannot be reached')
      })
      return sent
    }
    Object.assign(client, { [command]: guarded })
  }
  client.on('ready', () => (dropped = 0))
}
