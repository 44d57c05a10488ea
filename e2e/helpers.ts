import { expect, type Browser, type Page, type Response } from '@playwright/test'

/** DATA_DIR/access-links.json, written by the server on its first start (the `links` fixture). */
export interface AccessLinks {
  conferenceId: string
  host: { url: string; token: string }
  viewer: { url: string; token: string }
  overlay: { url: string; token: string }
  sites: { siteId: string; name: string; url: string; token: string }[]
  signers: { blocId: string; name: string; url: string; token: string }[]
}


/**
 * How long a page opened has to be live: a page starved of CPU at its start (a run's first specs
 * open a dozen pages while Vitest seeds its servers) can miss the server's heartbeat and drop its
 * first connection; it then reconnects by itself, which is what it is waited for.
 */
export const LIVE_WITHIN_MS = 60_000

/** A page in its own browser context: every role is a separate browser, as in real life. */
/**
 * `timezoneId`: the device's own zone (a page must show the conference's whatever it is).
 * `onPage`: called before the page opens, e.g. to record its socket (e2e/socket-log.ts).
 */
export async function openPage(browser: Browser, url: string, viewport: { width: number; height: number }, opts: { timezoneId?: string; onPage?: (page: Page) => void } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'vi-VN', ...(opts.timezoneId ? { timezoneId: opts.timezoneId } : {}) })
  const page = await context.newPage()
  opts.onPage?.(page)
  await page.goto(url)
  await expect(page.getByTestId('connection').first()).toHaveAttribute('data-state', 'live', { timeout: LIVE_WITHIN_MS })
  return page
}

/**
 * Waits for a page's first snapshot of the conference, which brings its title. A page is live at
 * the socket's connect, before it; until it comes, the state is the empty one (status "scheduled").
 */
export async function firstSnapshot(page: Page): Promise<void> {
  await expect(page.getByTestId('conference-title').first()).not.toHaveText(/Đang tải/)
}

export async function startIfScheduled(host: Page): Promise<void> {
  const status = host.getByTestId('conference-status')
  await firstSnapshot(host)
  if ((await status.getAttribute('data-status')) === 'scheduled') await startConfirmed(host)
  await expect(status).toHaveAttribute('data-status', 'live')
}

/** Presses "Khai mạc" on the host console and confirms in the dialog that asks first. */
export async function startConfirmed(host: Page): Promise<void> {
  await host.getByTestId('conference-start').click()
  const dialog = host.getByTestId('start-confirm')
  await expect(dialog).toContainText('điểm cầu đang trực tuyến')
  await dialog.getByTestId('confirm-ok').click()
}

/** Picks an award type in the host's award panel and checks its first pending award; returns its id. */
export async function selectFirstAward(host: Page, typeIndex: number): Promise<string> {
  await host.getByTestId('award-type').selectOption({ index: typeIndex })
  await host.getByTestId('award-tab-pending').click()
  const row = host.locator('[data-award-row-id]').first()
  const id = await row.getAttribute('data-award-row-id')
  if (!id) throw new Error('no pending award of this type')
  await row.locator('input[type=checkbox]').check()
  return id
}

/**
 * Clicks a link that opens a PDF in a new tab and returns the PDF's response, whether the browser
 * shows it (Chromium's viewer) or saves it (a browser without one, such as the headless shell).
 */
export async function pdfOpenedBy(page: Page, click: () => Promise<void>, url: RegExp): Promise<Response> {
  const [, response] = await Promise.all([page.waitForEvent('popup'), page.context().waitForEvent('response', (r) => url.test(r.url())), click()])
  return response
}
