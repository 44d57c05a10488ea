/**
 * Accessibility through the day: axe-core on every page (host console, a site's hall, the public
 * link on a desktop and a 390 px phone, a signer's tablet) in the lobby, live during the awards,
 * live during the signing, and after the end, the hall and the phone offline too; the host's dialogs open in the lobby. No serious or critical violation anywhere; the
 * counts per page and phase are printed so a change shows in the run's output.
 */
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from './fixtures.js'
import { openPage } from './helpers.js'
import { hostApi, loopStrokes, openTouchPage, TABLET } from './signing-helpers.js'
import { defined } from '../shared/testing/defined.js'

test.describe.configure({ mode: 'serial' })

interface Finding { page: string; phase: string; rule: string; impact: string; nodes: number; sample: string }

/** The serious and critical violations axe finds on the page as it is now. */
async function scan(page: Page, name: string, phase: string): Promise<Finding[]> {
  const result = await new AxeBuilder({ page }).analyze()
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ page: name, phase, rule: v.id, impact: v.impact ?? '', nodes: v.nodes.length, sample: v.nodes.map((n) => `${n.target.join(' ')} ${n.any[0]?.message ?? ''}`).join('\n      ') }))
}

test('no serious or critical axe violation on any page, in any phase', async ({ browser, links, request }) => {
  test.setTimeout(600_000)
  const api = hostApi(request, links)
  const site = defined(links.sites.find((s) => s.siteId !== 'hub'))
  const signer = defined(links.signers[0])
  const pages: Record<string, Page> = {
    host: await openPage(browser, links.host.url, { width: 1366, height: 768 }),
    site: await openPage(browser, site.url, { width: 1280, height: 720 }),
    'view-desktop': await openPage(browser, links.viewer.url, { width: 1920, height: 1080 }),
    'view-phone': await openPage(browser, links.viewer.url, { width: 390, height: 844 }),
    sign: await openTouchPage(browser, signer.url, TABLET),
    // The bloc that signs during the phases: its page then shows the signature drawn.
    'sign-signed': await openTouchPage(browser, defined(links.signers[1]).url, TABLET),
  }
  const host = defined(pages['host'])
  const findings: Finding[] = []
  const counted: string[] = []
  function note(phase: string, name: string, found: Finding[]): void {
    const line = `${phase.padEnd(8)} ${name.padEnd(13)} ${found.reduce((n, f) => n + f.nodes, 0)} (${found.map((f) => `${f.rule}×${f.nodes}`).join(', ') || '—'})`
    console.log(line)
    counted.push(line)
    findings.push(...found)
  }
  async function scanAll(phase: string): Promise<void> {
    for (const [name, page] of Object.entries(pages)) {
      const found = await scan(page, name, phase)
      note(phase, name, found)
    }
    // The host's documents menu, open: its links are menu items.
    await host.getByTestId('documents-open').click()
    await expect(host.getByTestId('documents-menu')).toBeVisible()
    const menu = await scan(host, 'host+menu', phase)
    note(phase, 'host+menu', menu)
    await host.keyboard.press('Escape')
    await expect(host.getByTestId('documents-menu')).toBeHidden()
  }

  await expect(host.getByTestId('conference-status')).toHaveAttribute('data-status', 'scheduled')
  await scanAll('lobby')

  // The host's dialogs, each open in turn over the console: what opens it, what it is, how it closes.
  const dialogs: [string, () => Promise<void>, string][] = [
    ['schedule', () => host.getByTestId('schedule-open').click(), 'schedule-dialog'],
    ['agenda', () => host.getByTestId('agenda-edit').first().click(), 'agenda-editor-dialog'],
    ['import', () => host.getByTestId('award-import').click(), 'import-dialog'],
    ['links', async () => {
      await host.getByTestId('documents-open').click()
      await host.getByTestId('documents-links').click()
    }, 'links-dialog'],
  ]
  for (const [name, open, testId] of dialogs) {
    await open()
    const dialog = host.getByTestId(testId)
    await expect(dialog).toBeVisible()
    note('lobby', `host+${name}`, await scan(host, `host+${name}`, 'lobby'))
    await host.keyboard.press('Escape')
    await expect(dialog).toBeHidden()
  }

  // Figures on the board: two sites checked in, one with a problem.
  const [one, two] = links.sites.filter((s) => s.siteId !== 'hub')
  expect((await api.command('site.checkIn', { attendees: 120 }, defined(one).token)).ok).toBe(true)
  expect((await api.command('site.checkIn', { attendees: 85 }, defined(two).token)).ok).toBe(true)
  expect((await api.command('site.reportIssue', { message: 'Mất tiếng tại hội trường' }, defined(two).token)).ok).toBe(true)
  expect((await api.command('conference.start', {})).ok).toBe(true)
  const state = await api.state()
  const awardsItem = defined(state.agenda.items.find((i) => i.kind === 'awards'))
  expect((await api.command('agenda.goto', { itemId: awardsItem.id })).ok).toBe(true)
  // The award type with the fewest awards, all announced: its line of the ceremony's progress is finished.
  const perType = new Map<string, string[]>()
  for (const a of state.awards) perType.set(a.typeId, [...(perType.get(a.typeId) ?? []), a.id])
  const awardIds = defined([...perType.values()].sort((a, b) => a.length - b.length)[0])
  expect((await api.command('award.announce', { awardIds, revealInMs: 0 })).ok).toBe(true)
  for (const name of ['site', 'view-desktop']) await expect(defined(pages[name]).locator(`[data-award-id="${awardIds[0]}"]`).first()).toBeAttached()
  await scanAll('awards')

  const signingItem = defined(state.agenda.items.find((i) => i.kind === 'signing'))
  expect((await api.command('agenda.goto', { itemId: signingItem.id })).ok).toBe(true)
  expect((await api.command('pledge.openSigning', {})).ok).toBe(true)
  const other = defined(links.signers[1])
  const bloc = defined(state.blocs.find((b) => b.id === other.blocId))
  expect((await api.command('pledge.sign', { blocId: bloc.id, contentHash: bloc.pledge.contentHash, strokes: loopStrokes(1) }, other.token)).ok).toBe(true)
  await expect(host.getByTestId(`bloc-${bloc.id}`)).toHaveAttribute('data-signed', 'true')
  await expect(defined(pages['sign-signed']).getByTestId('sign-result')).toBeVisible()
  await scanAll('signing')

  expect((await api.command('conference.end', {})).ok).toBe(true)
  await expect(host.getByTestId('conference-status')).toHaveAttribute('data-status', 'ended')
  await scanAll('ended')

  // Offline: the hall's and the phone's figures are marked as not live, and stay readable.
  for (const name of ['site', 'view-phone']) {
    const page = defined(pages[name])
    await page.context().setOffline(true)
    await expect(page.getByTestId('connection').first()).not.toHaveAttribute('data-state', 'live', { timeout: 15_000 })
    await expect(page.locator('.figures.stale')).toHaveCount(1)
    note('offline', name, await scan(page, name, 'offline'))
  }

  console.log(`axe, serious and critical nodes per page:\n${counted.join('\n')}`)
  for (const f of findings) console.log(`  ${f.phase} ${f.page}: ${f.rule} (${f.impact}) ×${f.nodes}: ${f.sample}`)
  expect(findings.map((f) => `${f.phase} ${f.page} ${f.rule}×${f.nodes}`)).toEqual([])
})
