/**
 * A bench client connects as the pages do (client/lib/socket.ts): the access token in the
 * handshake's query, checked before the upgrade, as well as in the CONNECT's auth. A token only in
 * the auth is an older client's way, which the server gives 2 s to authenticate.
 */
import type { ManagerOptions, SocketOptions } from 'socket.io-client'

export function pageOptions(auth: object): Partial<ManagerOptions & SocketOptions> {
  const token = (auth as { token?: unknown }).token
  return { auth, ...(typeof token === 'string' ? { query: { token } } : {}), transports: ['websocket'], reconnection: false, forceNew: true }
}
