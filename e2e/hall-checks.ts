/** Checks the hall specs share: what a page's picture shows, measured in the page itself. */
import AxeBuilder from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'

/**
 * Resolves when the page's short animations have ended (a roll's rows rising in, a card fading
 * in, each within 3 s): text half-way through fading in is not what the hall reads. Endless ones
 * (a pulsing dot) are left running. Page code as text: the e2e type-check has no DOM library.
 */
const SETTLED = `Promise.all(document.getAnimations()
  .filter((a) => a.effect && a.effect.getComputedTiming().endTime <= 3000)
  .map((a) => a.finished.catch(() => undefined))).then(() => true)`

/** Animations running on the page that last over 3 s or for ever, as "name on element" lines: each one redraws the picture every frame while it runs. */
export async function longAnimations(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`document.getAnimations()
    .filter((a) => a.playState === 'running' && a.effect && a.effect.getComputedTiming().endTime > 3000)
    .map((a) => (a.animationName || a.transitionProperty || 'animation') + ' on ' + (a.effect.target ? a.effect.target.className : '?'))`)
}

/**
 * How many animations and transitions the page starts over `windowMs` while nothing happens: a
 * screen at rest draws no frames, so an old hall PC (or the host's laptop) is not kept busy by
 * its own picture. A timer bar that eased its width every second kept a core busy on each page.
 */
export async function animationsStartedAtRest(page: Page, windowMs = 2500): Promise<number> {
  return page.evaluate<number>(`new Promise((resolve) => {
    let started = 0
    const count = () => { started++ }
    for (const type of ['transitionrun', 'animationstart']) document.addEventListener(type, count, true)
    setTimeout(() => resolve(started), ${windowMs})
  })`)
}

/**
 * axe on the page as it is now. In axe's single-frame run: the app's pages have no frames, so the
 * default run's extra work (axe injected twice more, and a blank page opened in the context to
 * merge frames' results, at every scan) tests nothing more.
 */
export const axeOf = (page: Page) => new AxeBuilder({ page }).setLegacyMode(true).analyze()

/** Serious and critical axe violations of the page at rest, as "rule: target" lines. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(SETTLED)
  const { violations } = await axeOf(page)
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`))
}

/**
 * The rendered font size of the first element matching `selector`, in CSS pixels of the viewport
 * (the hall's canvas is scaled). Page code as text (an expression page.evaluate runs): the e2e type-check has no DOM.
 */
export async function renderedFontPx(page: Page, selector: string): Promise<number> {
  return page.evaluate<number>(`((el) => {
    const canvas = el.closest('.canvas')
    const scale = canvas && canvas.offsetWidth ? canvas.getBoundingClientRect().width / canvas.offsetWidth : 1
    return parseFloat(getComputedStyle(el).fontSize) * scale
  })(document.querySelector(${JSON.stringify(selector)}))`)
}

/** 28 px at 1080 lines, scaled to this viewport's height: what reads from the back of a hall. */
export function readableAt(viewport: { height: number }): number {
  return 28 * (viewport.height / 1080) - 0.5
}

/** Whether two boxes overlap (by more than a pixel of rounding). */
export function overlaps(a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }): boolean {
  return a.x < b.x + b.width - 1 && b.x < a.x + a.width - 1 && a.y < b.y + b.height - 1 && b.y < a.y + a.height - 1
}

/** Boxes of the elements matching `selector`, for overlap checks. */
export async function boxes(page: Page, selector: string) {
  const all = await page.locator(selector).all()
  const out: { x: number; y: number; width: number; height: number }[] = []
  for (const l of all) {
    const b = await l.boundingBox()
    if (b) out.push(b)
  }
  return out
}

/**
 * Text elements under `selector` that are cut: their content clipped by their own overflow (an
 * ellipsis, a line clamp), or their box cut off by a clipping parent. Their `data-testid` or class names them.
 */
export async function cutText(page: Page, selector: string): Promise<string[]> {
  return page.evaluate<string[]>(`[...document.querySelectorAll(${JSON.stringify(selector)})].flatMap((el) => {
    const clips = (e) => getComputedStyle(e).overflowX !== 'visible' || getComputedStyle(e).overflowY !== 'visible'
    // Its own overflow clips what does not fit, or a clipping parent cuts the box itself off.
    const own = clips(el) && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)
    const parent = el.parentElement
    const r = el.getBoundingClientRect()
    const p = parent && parent.getBoundingClientRect()
    const byParent = !!p && clips(parent) && (r.left < p.left - 1 || r.right > p.right + 1 || r.top < p.top - 1 || r.bottom > p.bottom + 1)
    const name = el.dataset.testid || el.className
    return own || byParent ? [name + ' (' + el.scrollWidth + '×' + el.scrollHeight + ' in ' + el.clientWidth + '×' + el.clientHeight + '): ' + el.textContent.trim().slice(0, 60)] : []
  })`)
}

/**
 * The rows of the honours roll on screen that its page area cuts off (wholly or in part), as
 * "class (top–bottom of height px): text" lines, measured in the same task that saw no row, page
 * or card coming in (a row rising in is 14 px low for 0.45 s, by design).
 */
export async function rollRowsCut(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`(async () => {
    const coming = () => document.getAnimations().filter((a) => a.playState === 'running' && a.effect && a.effect.getComputedTiming().endTime <= 3000)
    for (let tries = 0; tries < 20 && coming().length; tries++) await Promise.all(coming().map((a) => a.finished.catch(() => undefined)))
    const body = document.querySelector('[data-testid=latest-batch][data-mode=roll] .body')
    if (!body) return ['no roll on screen']
    const b = body.getBoundingClientRect()
    return [...body.querySelectorAll('.entry, .locality, .group-head')].flatMap((el) => {
      const r = el.getBoundingClientRect()
      const cut = r.top < b.top - 1 || r.bottom > b.bottom + 1 || r.left < b.left - 1 || r.right > b.right + 1
      return cut ? [el.className + ' (' + Math.round(r.top - b.top) + '–' + Math.round(r.bottom - b.top) + ' of ' + Math.round(b.height) + ' px): ' + el.textContent.trim().slice(0, 60)] : []
    })
  })()`)
}

/** How many of the elements matching `selector` have something else drawn over their middle. */
export async function coveredCount(page: Page, selector: string): Promise<number> {
  return page.evaluate<number>(`[...document.querySelectorAll(${JSON.stringify(selector)})].filter((el) => {
    const r = el.getBoundingClientRect()
    const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)
    return !top || !el.contains(top)
  }).length`)
}

/** Waits until the page's hall reports a live connection. */
export async function live(page: Page): Promise<void> {
  await expect(page.getByTestId('connection').first()).toHaveAttribute('data-state', 'live')
}

/** The calendar date of `ms` in the conference's zone (the demo's, Asia/Ho_Chi_Minh). */
function hcmDate(ms: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms)
}

/**
 * The lobby of a start `startsAt` (epoch ms) less than a day away says how far off it is: a
 * countdown of the seconds left when it is the same calendar day in the conference's zone, and
 * "Ngày mai, HH:MM" with the hours and minutes left when the start is past midnight there (a run
 * late in the evening, Vietnam time). Returns the seconds the page says are left and how finely
 * it says them (1 s for the countdown, 60 s for the words).
 */
export async function lobbyCountsDown(page: Page, startsAt: number): Promise<{ seconds: number; step: number }> {
  const now = Date.now()
  if (hcmDate(now) === hcmDate(startsAt)) {
    const countdown = page.getByTestId('lobby-countdown')
    await expect(countdown).toHaveText(/^(\d{1,2}:)?\d{2}:\d{2}$/)
    return { seconds: Number(await countdown.getAttribute('data-seconds')), step: 1 }
  }
  await expect(page.getByTestId('lobby-distance')).toHaveAttribute('data-kind', 'tomorrow')
  const left = page.getByTestId('lobby-left')
  await expect(left).toHaveText(/^Còn \d{1,2} giờ \d{1,2} phút$/)
  const [, h, m] = /(\d+) giờ (\d+) phút/.exec((await left.textContent()) ?? '') ?? []
  return { seconds: (Number(h) * 60 + Number(m)) * 60, step: 60 }
}
