/**
 * The access token leaves the address bar once the page has read it, so it is not shown on a
 * projected screen, copied with the address, or sent as a Referer. It is kept for this tab in
 * sessionStorage, so a reload still opens the page: on load it is put back for the router to read
 * (the router reads the address once, when it is created) and hidden again after each navigation.
 * Imported first in main.ts: its top level runs before the router module.
 */
import type { Router } from 'vue-router'

const KEY = 'diemcau.token:'

function keep(path: string, token: string): void {
  try {
    sessionStorage.setItem(KEY + path, token)
  } catch {
    // Storage blocked (a kiosk's private mode): a reload then needs the link again.
  }
}

function kept(path: string): string | null {
  try {
    return sessionStorage.getItem(KEY + path)
  } catch {
    return null
  }
}

/** Before the router exists: a reloaded page gets back the token this tab opened it with. */
export function restoreToken(): void {
  const url = new URL(window.location.href)
  const fromUrl = url.searchParams.get('token')
  if (fromUrl) return keep(url.pathname, fromUrl)
  const token = kept(url.pathname)
  if (!token) return
  url.searchParams.set('token', token)
  window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash)
}

/** After every navigation (the router has read the token by then): keep it, and take it out of the address. */
export function hideTokenAfterNavigation(router: Router): void {
  router.afterEach(() => {
    const url = new URL(window.location.href)
    const token = url.searchParams.get('token')
    if (!token) return
    keep(url.pathname, token)
    url.searchParams.delete('token')
    // Straight to the history API, not the router: the route keeps its query, the address bar loses it.
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash)
  })
}

restoreToken()
