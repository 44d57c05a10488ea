/**
 * Accessibility through the day, for e2e/a11y.spec.ts: axe-core on every page (host console,
 * a site's hall, the public link on a desktop and a 390 px phone, a signer's tablet, a signer whose
 * bloc has signed), the phases driven through the host's API, and the serious and critical
 * violations gathered, printed per page and phase so a change shows in the run's output.
 */
import { expect, type Browser, type Page } from '@playwright/test'
import { axeOf } from './hall-checks.js'
import { openPage, type AccessLinks } from './helpers.js'
import { hostApi, loopStrokes, openTouchPage, TABLET } from './signing-helpers.js'
import { defined } from '../shared/testing/defined.js'

interface Finding { page: string; phase: string; rule: string; impact: string; nodes: number; sample: string }
type Api = ReturnType<typeof hostApi>

/** The serious and critical violations axe finds on the page as it is now. */
async function scan(page: Page, name: string, phase: string): Promise<Finding[]> {
  const result = await axeOf(page)
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ page: name, phase, rule: v.id, impact: v.impact ?? '', nodes: v.nodes.length, sample: v.nodes.map((n) => `${n.target.join(' ')} ${n.any[0]?.message ?? ''}`).join('\n      ') }))
}

/**
 * Every role's page, each in a browser context of its own, opened one after the other: the a11y
 * spec is among the run's first, and pages loading at once beside Vitest's first servers starved
 * them past the server's heartbeat.
 */
export async function openDayPages(browser: Browser, links: AccessLinks): Promise<Record<string, Page>> {
  const site = defined(links.sites.find((s) => s.siteId !== 'hub'))
  const opening: [string, () => Promise<Page>][] = [
    ['host', () => openPage(browser, links.host.url, { width: 1366, height: 768 })],
    ['site', () => openPage(browser, site.url, { width: 1280, height: 720 })],
    ['view-desktop', () => openPage(browser, links.viewer.url, { width: 1920, height: 1080 })],
    ['view-phone', () => openPage(browser, links.viewer.url, { width: 390, height: 844 })],
    ['sign', () => openTouchPage(browser, defined(links.signers[0]).url, TABLET)],
    // The bloc that signs during the phases: its page then shows the signature drawn.
    ['sign-signed', () => openTouchPage(browser, defined(links.signers[1]).url, TABLET)],
  ]
  const pages: Record<string, Page> = {}
  for (const [name, open] of opening) pages[name] = await open()
  return pages
}

/** What axe found, page by page and phase by phase. */
export class AxeReport {
  private readonly findings: Finding[] = []
  private readonly counted: string[] = []

  /** Scans `page` now and notes what it found under `phase` and `name`. */
  async scan(phase: string, name: string, page: Page): Promise<void> {
    const found = await scan(page, name, phase)
    this.counted.push(`${phase.padEnd(8)} ${name.padEnd(13)} ${found.reduce((n, f) => n + f.nodes, 0)} (${found.map((f) => `${f.rule}×${f.nodes}`).join(', ') || '—'})`)
    this.findings.push(...found)
  }

  /**
   * Every page, one after the other, then the host's documents menu, open: its links are menu
   * items. (Scanned at once, in two CI runs of four the host's scrollable panels came out as not
   * focusable, tabindex and all; one at a time, as before, they never did.)
   */
  async scanAll(phase: string, pages: Record<string, Page>): Promise<void> {
    for (const [name, page] of Object.entries(pages)) await this.scan(phase, name, page)
    const host = defined(pages['host'])
    await host.getByTestId('documents-open').click()
    await expect(host.getByTestId('documents-menu')).toBeVisible()
    await this.scan(phase, 'host+menu', host)
    await host.keyboard.press('Escape')
    await expect(host.getByTestId('documents-menu')).toBeHidden()
  }

  /** Prints the counts and every finding, then fails on any. */
  expectNone(): void {
    console.log(`axe, serious and critical nodes per page:\n${this.counted.join('\n')}`)
    for (const f of this.findings) console.log(`  ${f.phase} ${f.page}: ${f.rule} (${f.impact}) ×${f.nodes}: ${f.sample}`)
    expect(this.findings.map((f) => `${f.phase} ${f.page} ${f.rule}×${f.nodes}`)).toEqual([])
  }
}

/** Live during the awards: two sites checked in, one with a problem; the award type with the fewest awards all announced, so its line of the ceremony's progress is finished. */
export async function toAwards(api: Api, links: AccessLinks, pages: Record<string, Page>): Promise<void> {
  const [one, two] = links.sites.filter((s) => s.siteId !== 'hub')
  expect((await api.command('site.checkIn', { attendees: 120 }, defined(one).token)).ok).toBe(true)
  expect((await api.command('site.checkIn', { attendees: 85 }, defined(two).token)).ok).toBe(true)
  expect((await api.command('site.reportIssue', { message: 'Mất tiếng tại hội trường' }, defined(two).token)).ok).toBe(true)
  expect((await api.command('conference.start', {})).ok).toBe(true)
  const state = await api.state()
  const awardsItem = defined(state.agenda.items.find((i) => i.kind === 'awards'))
  expect((await api.command('agenda.goto', { itemId: awardsItem.id })).ok).toBe(true)
  const perType = new Map<string, string[]>()
  for (const a of state.awards) perType.set(a.typeId, [...(perType.get(a.typeId) ?? []), a.id])
  const awardIds = defined([...perType.values()].sort((a, b) => a.length - b.length)[0])
  expect((await api.command('award.announce', { awardIds, revealInMs: 0 })).ok).toBe(true)
  for (const name of ['site', 'view-desktop']) await expect(defined(pages[name]).locator(`[data-award-id="${awardIds[0]}"]`).first()).toBeAttached()
}

/** Live during the signing: the second bloc has signed, and every page shows it. */
export async function toSigning(api: Api, links: AccessLinks, pages: Record<string, Page>): Promise<void> {
  const state = await api.state()
  const signingItem = defined(state.agenda.items.find((i) => i.kind === 'signing'))
  expect((await api.command('agenda.goto', { itemId: signingItem.id })).ok).toBe(true)
  expect((await api.command('pledge.openSigning', {})).ok).toBe(true)
  const other = defined(links.signers[1])
  const bloc = defined(state.blocs.find((b) => b.id === other.blocId))
  expect((await api.command('pledge.sign', { blocId: bloc.id, contentHash: bloc.pledge.contentHash, strokes: loopStrokes(1) }, other.token)).ok).toBe(true)
  await expect(defined(pages['host']).getByTestId(`bloc-${bloc.id}`)).toHaveAttribute('data-signed', 'true')
  await expect(defined(pages['sign-signed']).getByTestId('sign-result')).toBeVisible()
}
