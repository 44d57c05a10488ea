/**
 * One page per role; the access token travels in the query string (?token=…). The token, not
 * the path, decides the page: a link opened at another role's path is sent to its own page
 * before anything of the other page is shown.
 */
import { createRouter, createWebHistory, type RouteLocationNormalized } from 'vue-router'
import type { Role } from '../shared/domain.js'
import { roleOf } from './lib/token-role.js'

/** The page of each role. */
export const ROLE_PATHS: Record<Role, string> = { host: '/host', site: '/site', signer: '/sign', viewer: '/view', overlay: '/overlay' }
const ROLES: readonly Role[] = ['host', 'site', 'signer', 'viewer', 'overlay']
const ROLE_OF_PATH = new Map(ROLES.map((role) => [ROLE_PATHS[role], role]))

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
    { path: '/overlay', component: () => import('./pages/OverlayPage.vue') },
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
