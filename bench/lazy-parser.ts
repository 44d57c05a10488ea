/**
 * The farm clients' Socket.IO parser: socket.io-parser as the pages have it, except that a text
 * event larger than LAZY_CHARS is handed on with its JSON unparsed (a LazyMessage). A viewer's
 * device parses its own 860 KB `events` message on its own CPU; 3,000 of those parses on the
 * farm's share of this 2-core machine would be 3,000 device-seconds in one process, and the bench
 * would time the farm. The bytes are received and decoded to text as a page receives them; one
 * client per worker parses each large message in full, to check what arrived (bench/farm-worker.ts).
 */
import { Decoder, Encoder, PacketType, protocol } from 'socket.io-parser'

/** Text packets longer than this are not parsed by the farm. */
export const LAZY_CHARS = 32 * 1024

/** A large event's argument, as received: its JSON text. */
export class LazyMessage {
  constructor(readonly json: string) {}
  parse(): unknown {
    return JSON.parse(this.json)
  }
  /** The first `"seq":N` in the message: the first event's seq (checked against a full parse by the sampling client). */
  firstSeq(): number | undefined {
    const m = /"seq":(\d+)/.exec(this.json.slice(0, 1000))
    return m ? Number(m[1]) : undefined
  }
}

const EVENT_HEAD = /^2\["([^"\\]{1,64})",/

class LazyDecoder extends Decoder {
  override add(obj: unknown): void {
    if (typeof obj === 'string' && obj.length > LAZY_CHARS && obj.endsWith(']')) {
      const head = EVENT_HEAD.exec(obj.slice(0, 80))
      if (head) {
        this.emitReserved('decoded', { type: PacketType.EVENT, nsp: '/', data: [head[1], new LazyMessage(obj.slice(head[0].length, -1))] })
        return
      }
    }
    super.add(obj)
  }
}

/** The `parser` option of a farm client. */
export const lazyParser = { protocol, Encoder, Decoder: LazyDecoder }
