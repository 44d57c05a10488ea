/**
 * The server's health as `GET /api/health` and the pages' `status` see it: the conference log and
 * the access links together. A page whose links cannot be checked cannot connect, and a console
 * cannot issue or revoke a link, so a link store that cannot be reached (Redis) is an outage too.
 */
import type { EventStore, StoreHealth } from './event-store.js'
import type { LinkStore } from './link-store.js'

/** `store` with `health` and `onHealthChange` failing while either it or `links` fails; `store` itself when `links` has no health of its own. */
export function withLinkHealth<S extends EventStore>(store: S, links: LinkStore): S {
  const linkHealth = links.health?.bind(links)
  const onLinkChange = links.onHealthChange?.bind(links)
  if (!linkHealth || !onLinkChange) return store
  const health = (): StoreHealth => {
    const own = store.health()
    if (!own.ok) return own
    const l = linkHealth()
    return l.ok ? l : { ok: false, reason: `the access links cannot be read: ${l.reason}` }
  }
  const onHealthChange = (listener: (health: StoreHealth) => void) => {
    let wasOk = health().ok
    const check = () => {
      const now = health()
      if (now.ok === wasOk) return
      wasOk = now.ok
      listener(now)
    }
    const offs = [store.onHealthChange(check), onLinkChange(check)]
    return () => offs.forEach((off) => off())
  }
  return new Proxy(store, {
    get(target, prop) {
      if (prop === 'health') return health
      if (prop === 'onHealthChange') return onHealthChange
      const value: unknown = Reflect.get(target, prop, target)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}
