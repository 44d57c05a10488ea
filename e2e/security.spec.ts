import { expect, test, type Page } from './fixtures.js'
import { openPage } from './helpers.js'
import { defined } from '../shared/testing/defined.js'

const LAPTOP = { width: 1280, height: 800 }
/** An image address the policy refuses (img-src 'self' data: blob:), as a marker. */
const SENTINEL = 'https://csp-sentinel.invalid/marker.png'

/** Records every CSP violation the page reports, from before its first script runs. */
async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) seen.push(m.text())
  })
  // A string, run in the page before its scripts (the spec itself is type-checked without the DOM).
  await page.addInitScript(`
    window.__csp = []
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber))
  `)
  return seen
}

test('every page loads and works under the Content-Security-Policy with no violation', async ({ browser, links }) => {
  const site = links.sites.find((s) => s.siteId !== 'hub') ?? defined(links.sites[0])
  const pages = [
    { name: 'host', url: links.host.url },
    { name: 'site', url: site.url },
    { name: 'view', url: links.viewer.url },
    { name: 'sign', url: defined(links.signers[0]).url },
  ]
  for (const p of pages) {
    const context = await browser.newContext({ viewport: LAPTOP, locale: 'vi-VN' })
    const page = await context.newPage()
    const consoleViolations = await watchViolations(page)
    const response = await page.goto(p.url)
    const csp = response?.headers()['content-security-policy'] ?? ''
    expect(csp, p.name).toContain("script-src 'self'")
    expect(csp, p.name).toContain("frame-ancestors 'none'")
    await expect(page.getByTestId('connection').first(), p.name).toHaveAttribute('data-state', 'live')
    // Fonts, styles, the live socket and the first snapshot have all had their chance to be blocked.
    await page.waitForLoadState('networkidle').catch(() => undefined)
    // Then one violation of our own, an image from elsewhere: once it is reported, so is any before it.
    await page.evaluate(`document.body.appendChild(Object.assign(document.createElement('img'), { src: '${SENTINEL}' }))`)
    await expect.poll(() => page.evaluate('window.__csp') as Promise<string[]>).toContainEqual(expect.stringContaining(SENTINEL))
    await expect.poll(() => consoleViolations).toContainEqual(expect.stringContaining(SENTINEL))
    const reported = (await page.evaluate('window.__csp')) as string[]
    expect(reported.filter((v) => !v.includes(SENTINEL)), `${p.name}: securitypolicyviolation`).toEqual([])
    expect(consoleViolations.filter((v) => !v.includes(SENTINEL)), `${p.name}: console`).toEqual([])
    expect(await page.evaluate(`document.fonts.check('16px "Be Vietnam Pro"')`), `${p.name}: font`).toBe(true)
    await context.close()
  }
})

test('the host console refuses to be framed by another page', async ({ browser, links }) => {
  const context = await browser.newContext({ viewport: LAPTOP })
  const page = await context.newPage()
  await page.goto('about:blank')
  await page.setContent(`<iframe id="f" src="${links.host.url}" width="1200" height="700"></iframe>`)
  // Chromium shows its error page in the frame instead of the console.
  await expect.poll(() => page.frames().filter((f) => f !== page.mainFrame()).map((f) => f.url())).toEqual([expect.stringMatching(/^chrome-error:/)])
  const frames = page.frames().filter((f) => f !== page.mainFrame())
  // Blocked by frame-ancestors: an error document, none of the console's buttons.
  expect(await defined(frames[0]).locator('button').count()).toBe(0)
  expect(await defined(frames[0]).getByTestId('conference-start').count()).toBe(0)
  await context.close()
})

test('a page served elsewhere cannot drive the server: its socket and its commands are refused', async ({ browser, request, links, server }) => {
  const res = await request.post(`${server.base}/api/conferences/${links.conferenceId}/commands`, {
    headers: { authorization: `Bearer ${links.host.token}`, origin: 'https://evil.example' },
    data: { id: crypto.randomUUID(), type: 'conference.start', data: {} },
  })
  expect(res.status()).toBe(403)
  expect(await res.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  // The same page at its own address connects (the allowlist is not in the way of the real thing).
  const page = await openPage(browser, links.viewer.url, LAPTOP)
  await page.context().close()
})
