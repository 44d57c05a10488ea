/**
 * How a farm client takes a large message: as the bytes it received. A viewer's device decodes and
 * parses its own 860 KB `events` message on its own CPU; 3,000 of those on the farm's share of
 * this 2-core machine would be 3,000 device-seconds in a few processes, the farm's workers would
 * answer the server's heartbeat seconds late, and the bench would time the farm. So a text frame
 * over LAZY_BYTES goes from the WebSocket (ws, which has checked it is UTF-8) to the Socket.IO
 * decoder as a LazyFrame, and the event's argument is a LazyMessage whose text is decoded and parsed
 * only when asked: one client per worker does, to check what arrived (bench/farm-worker.ts).
 * Every other frame, and every packet of the handshake, heartbeat and acks, takes the client's own path.
 */
import { NodeWebSocket } from 'engine.io-client'
import { Decoder, Encoder, PacketType, protocol } from 'socket.io-parser'

/** Text frames longer than this are not decoded by the farm. */
export const LAZY_BYTES = 32 * 1024

/** An engine.io message frame, as received: "4" then the Socket.IO packet, in UTF-8. */
class LazyFrame {
  constructor(readonly bytes: Buffer) {}
}

/** A large event's argument, as received: its JSON in UTF-8 bytes. */
export class LazyMessage {
  constructor(private readonly bytes: Buffer, private readonly start: number) {}
  get byteLength(): number {
    return this.bytes.length - this.start - 1
  }
  parse(): unknown {
    return JSON.parse(this.bytes.toString('utf8', this.start, this.bytes.length - 1))
  }
  /** The first `"seq":N` in the message: the first event's seq (checked against a full parse by the sampling client). */
  firstSeq(): number | undefined {
    const m = /"seq":(\d+)/.exec(this.bytes.toString('latin1', this.start, this.start + 1000))
    return m ? Number(m[1]) : undefined
  }
}

/** An EVENT on the main namespace with no ack id: `2["name",`. */
const EVENT_HEAD = /^42\["([^"\\]{1,64})",/

/** The WebSocket transport of socket.io-client, but a large text frame is handed on undecoded. */
class FarmWebSocket extends NodeWebSocket {
  override createSocket(uri: string, protocols: string | string[] | undefined, opts: Record<string, unknown>) {
    const ws = super.createSocket(uri, protocols, opts) as {
      on(e: 'message', f: (data: Buffer, isBinary: boolean) => void): void
    }
    // The transport's own handler is kept here and called for every other frame, with what ws would give it.
    let handler: ((ev: { data: unknown }) => void) | null = null
    Object.defineProperty(ws, 'onmessage', { configurable: true, get: () => handler, set: (h: typeof handler) => (handler = h) })
    ws.on('message', (data, isBinary) => {
      if (!isBinary && data.length > LAZY_BYTES && EVENT_HEAD.test(data.toString('latin1', 0, 80))) {
        this.onPacket({ type: 'message', data: new LazyFrame(data) as unknown as string })
      } else handler?.({ data: isBinary ? data : data.toString() })
    })
    return ws
  }
}

class LazyDecoder extends Decoder {
  override add(obj: unknown): void {
    if (obj instanceof LazyFrame) {
      const head = EVENT_HEAD.exec(obj.bytes.toString('latin1', 0, 80))
      if (head) {
        // The head is ASCII: its length in characters is its length in bytes.
        this.emitReserved('decoded', { type: PacketType.EVENT, nsp: '/', data: [head[1], new LazyMessage(obj.bytes, head[0].length)] })
        return
      }
      obj = obj.bytes.toString('utf8', 1)
    }
    super.add(obj)
  }
}

/** The options that make a socket.io-client a farm client. */
export const farmClientOptions = { parser: { protocol, Encoder, Decoder: LazyDecoder }, transports: [FarmWebSocket] }
