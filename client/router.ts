/**
 * One page per role; the access token travels in the query string (?token=…). The token, not
 * the path, decides the page: a link opened at another role's path is sent to its own page
 * before anything of the other page is shown.
 */
import { createRouter, createWebHistory, type RouteLocationNormalized } from 'vue-router'
import type { Role } from '../shared/domain.js'
import { refusalReason } from './lib/refusal.js'

/** The page of each role. */
export const ROLE_PATHS: Record<Role, string> = { host: '/host', site: '/site', signer: '/sign', viewer: '/view' }
const ROLES: readonly Role[] = ['host', 'site', 'signer', 'viewer']
const ROLE_OF_PATH = new Map(ROLES.map((role) => [ROLE_PATHS[role], role]))

/** Per token: its role, or null when the server does not know it (the page then says so itself). */
const known = new Map<string, Role | null>()
/** Per refused token: the server's reason, so the page says it without spending another guess on a handshake. */
const refusals = new Map<string, string>()

/** Why the server refused this token when the router asked, if it did. */
export function knownRefusal(token: string): string | undefined {
  return refusals.get(token)
}

/** The role the server gives this token; undefined when it could not be asked (offline). */
async function roleOf(token: string): Promise<Role | null | undefined> {
  if (known.has(token)) return known.get(token)
  try {
    const res = await fetch('/api/me', { headers: { authorization: `Bearer ${token}` } })
    if (res.status === 401) {
      known.set(token, null)
      refusals.set(token, refusalReason(await res.json().catch(() => ({}))))
      return null
    }
    if (!res.ok) return undefined
    const body = (await res.json()) as { actor?: { role?: Role } }
    const role = body.actor?.role && body.actor.role in ROLE_PATHS ? body.actor.role : null
    known.set(token, role)
    return role
  } catch {
    return undefined
  }
}

/** The path a role's page lives at, when `to` is a role page opened at another role's path. */
export function pathForRole(role: Role, to: Pick<RouteLocationNormalized, 'path'>): string | null {
  const own = ROLE_PATHS[role]
  return ROLE_OF_PATH.has(to.path) && to.path !== own ? own : null
}

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', component: () => import('./pages/HomePage.vue') },
    { path: '/host', component: () => import('./pages/HostPage.vue') },
    { path: '/site', component: () => import('./pages/SitePage.vue') },
    { path: '/sign', component: () => import('./pages/SignerPage.vue') },
    { path: '/view', component: () => import('./pages/ViewerPage.vue') },
    { path: '/:rest(.*)*', redirect: '/' },
  ],
})

router.beforeEach(async (to) => {
  const token = typeof to.query['token'] === 'string' ? to.query['token'] : ''
  if (!token || !ROLE_OF_PATH.has(to.path)) return true
  const role = await roleOf(token)
  const own = role ? pathForRole(role, to) : null
  return own ? { path: own, query: to.query, hash: to.hash, replace: true } : true
})
