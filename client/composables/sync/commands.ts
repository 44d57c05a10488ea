/** What a page sends over its socket: commands with acks, reveal reports, live ink. */
import type { CommandOf, CommandType } from '../../../shared/commands.js'
import type { Ack } from '../../../shared/errors.js'
import type { InkBatch } from '../../../shared/protocol.js'
import { newCommandId } from '../../lib/ids.js'
import type { ConferenceSocket } from '../../lib/socket.js'

const COMMAND_TIMEOUT_MS = 8000

/** The server's answer, or why none came: this page was not connected, or no ack arrived after one retry. */
export type SendResult = Ack | { ok: false; local: 'offline' | 'timeout' }
export type Send = <T extends CommandType>(type: T, data: CommandOf<T>['data']) => Promise<SendResult>

export interface ConferenceSync {
  send: Send
  /** Tells the server this page has shown the announcement of `revealAt`, at server-clock `at` (ms). */
  reportReveal: (revealAt: number, at: number) => void
  /** A signer's pad: live ink while the bloc head draws; dropped when not connected (ink is a preview). */
  sendInk: (batch: InkBatch) => void
}

/** The sending side of a page's sync; `socket()` is null before the page connects (or after a refusal). */
export function sender(socket: () => ConferenceSocket | null): ConferenceSync {
  const send: Send = async (type, data) => {
    const s = socket()
    // Not connected: say so now. Socket.IO would buffer the command and the page would wait for nothing.
    if (!s?.connected) return { ok: false, local: 'offline' }
    const envelope = { id: newCommandId(), type, data }
    // Retried once with the same id: the server answers a repeat with the first answer.
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        return await s.timeout(COMMAND_TIMEOUT_MS).emitWithAck('command', envelope)
      } catch {
        // timed out; try again
      }
    }
    return { ok: false, local: 'timeout' }
  }
  return {
    send,
    reportReveal(revealAt, at) {
      const s = socket()
      if (s?.connected) s.emit('revealed', { revealAt, at: Math.round(at) })
    },
    sendInk(batch) {
      const s = socket()
      if (s?.connected) s.volatile.emit('ink', batch)
    },
  }
}
