/** The bloc head's gestures on the signer page: read the pledge to its end, sign by touch or mouse, confirm. */
import { randomUUID } from 'node:crypto'
import { expect, type APIRequestContext, type Browser, type CDPSession, type Page } from '@playwright/test'
import type { ConferenceState } from '../shared/domain.js'
import { LIVE_WITHIN_MS, type AccessLinks } from './helpers.js'
import { defined } from '../shared/testing/defined.js'

/** A tablet held sideways and a phone held upright, both touch screens. */
export const TABLET = { width: 1280, height: 800 }
export const PHONE = { width: 412, height: 915 }

/** The signer's link in a touch device's browser; `onPage` is called before it opens (as openPage's). */
export async function openTouchPage(browser: Browser, url: string, viewport: { width: number; height: number }, onPage?: (page: Page) => void): Promise<Page> {
  const context = await browser.newContext({ viewport, hasTouch: true, isMobile: viewport.width < 600, locale: 'vi-VN' })
  const page = await context.newPage()
  onPage?.(page)
  await page.goto(url)
  await expect(page.getByTestId('connection').first()).toHaveAttribute('data-state', 'live', { timeout: LIVE_WITHIN_MS })
  return page
}

/** Scrolls the pledge text to its end with the wheel, as a reader would; the pad unlocks then. */
export async function readPledge(page: Page): Promise<void> {
  const text = page.getByTestId('pledge-text')
  await text.scrollIntoViewIfNeeded()
  await text.hover()
  // A turn of the wheel, then a look at whether the page counts the pledge as read, until it does.
  await expect.poll(async () => {
    await page.mouse.wheel(0, 400)
    return page.getByTestId('pledge-read').getAttribute('data-read')
  }, { intervals: [40], timeout: 10_000 }).toBe('true')
}

type Pt = readonly [number, number]
/** A hurried signature in pad units: a looping name, then the flourish under it. */
export const SIGNATURE: Pt[][] = [
  Array.from({ length: 48 }, (_, i) => {
    const k = i / 47
    return [0.14 + 0.56 * k, 0.52 - 0.28 * Math.sin(k * Math.PI * 3) * (1 - k / 2)] as const
  }),
  Array.from({ length: 16 }, (_, i) => [0.2 + 0.64 * (i / 15), 0.78 - 0.07 * (i / 15) + 0.02 * Math.sin(i)] as const),
]

async function padBox(page: Page) {
  const pad = page.getByTestId('signature-pad')
  await pad.scrollIntoViewIfNeeded()
  const box = await pad.boundingBox()
  if (!box) throw new Error('signature pad not visible')
  return (p: Pt) => ({ x: box.x + p[0] * box.width, y: box.y + p[1] * box.height })
}

/** A finger on the pad: real touch events (touchstart, touchmove, touchend) through Chromium's input. */
export class Finger {
  private constructor(private readonly cdp: CDPSession, private readonly at: (p: Pt) => { x: number; y: number }) {}
  static async on(page: Page): Promise<Finger> {
    return new Finger(await page.context().newCDPSession(page), await padBox(page))
  }
  async down(p: Pt) {
    await this.cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [this.at(p)] })
  }
  async move(points: readonly Pt[], stepMs = 12) {
    for (const p of points) {
      await this.cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [this.at(p)] })
      await new Promise((r) => setTimeout(r, stepMs))
    }
  }
  async up() {
    await this.cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] })
  }
  /** Whole strokes, lifted between. */
  async draw(strokes: readonly (readonly Pt[])[] = SIGNATURE, stepMs = 12) {
    for (const s of strokes) {
      await this.down(defined(s[0]))
      await this.move(s.slice(1), stepMs)
      await this.up()
    }
  }
}

/** The same signature with the mouse (a laptop at the hub). */
export async function drawWithMouse(page: Page, strokes: readonly (readonly Pt[])[] = SIGNATURE): Promise<void> {
  const at = await padBox(page)
  for (const s of strokes) {
    const first = at(defined(s[0]))
    await page.mouse.move(first.x, first.y)
    await page.mouse.down()
    for (const p of s.slice(1)) {
      const q = at(p)
      await page.mouse.move(q.x, q.y)
    }
    await page.mouse.up()
  }
}

/** Presses "Ký giao ước", checks the confirmation names the bloc and the signer, confirms, and waits for the result. */
export async function confirmSignature(page: Page, expectName?: string): Promise<void> {
  await page.getByTestId('sign-submit').click()
  const dialog = page.getByTestId('sign-confirm-dialog')
  await expect(dialog).toBeVisible()
  await expect(dialog).toContainText(await page.getByTestId('signer-bloc').innerText())
  if (expectName) await expect(page.getByTestId('confirm-signer')).toHaveText(expectName)
  await page.getByTestId('sign-confirm').click()
  await expect(page.getByTestId('sign-result')).toHaveAttribute('data-phase', 'signedHere')
}

/** Reads, signs with the mouse and confirms: the whole gesture, for specs that only need a signature. */
export async function signOnPage(page: Page): Promise<void> {
  await readPledge(page)
  await drawWithMouse(page)
  await confirmSignature(page)
}

/** The host's HTTP mirror, to set the stage a spec starts from. */
export function hostApi(request: APIRequestContext, links: AccessLinks) {
  const headers = { authorization: `Bearer ${links.host.token}` }
  const base = `${new URL(links.host.url).origin}/api/conferences/${links.conferenceId}`
  return {
    async command(type: string, data: unknown, token = links.host.token) {
      const res = await request.post(`${base}/commands`, { headers: { authorization: `Bearer ${token}` }, data: { id: randomUUID(), type, data } })
      return (await res.json()) as { ok: boolean; error?: { code: string; message: string } }
    },
    async state(): Promise<ConferenceState> {
      return ((await (await request.get(`${base}/state`, { headers })).json()) as { state: ConferenceState }).state
    },
  }
}

/** Strokes for `pledge.sign` sent straight to the server (the other blocs of a full wall). */
export function loopStrokes(seed: number): [number, number, number][][] {
  return [
    Array.from({ length: 44 }, (_, i) => [0.12 + i * 0.014, 0.5 + (0.18 + 0.03 * (seed % 3)) * Math.sin(i / (2.2 + (seed % 4) * 0.3)) * (1 - i / 80), i * 16] as [number, number, number]),
    Array.from({ length: 14 }, (_, i) => [0.2 + i * 0.045, 0.8 - i * 0.004 * (1 + (seed % 2)), i * 16] as [number, number, number]),
  ]
}
