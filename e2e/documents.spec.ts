/**
 * The day's documents from the pages: the host's Documents menu gives plain links (short-lived,
 * signed, no access token in them) that download real PDFs; a viewer's page cannot get the minutes.
 */
import { expect, test } from './fixtures.js'
import { openPage, pdfOpenedBy, startIfScheduled } from './helpers.js'
import { hostApi, loopStrokes } from './signing-helpers.js'
import { defined } from '../shared/testing/defined.js'

test('the host opens the minutes and a pledge as plain links; the links carry no token', async ({ browser, request, links }) => {
  const host = await openPage(browser, links.host.url, { width: 1366, height: 768 })
  await startIfScheduled(host)
  await host.getByTestId('documents-open').click()
  const report = host.getByTestId('documents-report')
  await expect(report).toBeVisible()
  const bloc = defined(links.signers[0]).blocId
  const hrefs = [await report.getAttribute('href'), await host.getByTestId(`documents-pledge-${bloc}`).getAttribute('href')].map((h) => new URL(h ?? '', host.url()).toString())
  for (const href of hrefs) {
    expect(href).toMatch(/\?exp=\d+&sig=[0-9a-f]{64}$/)
    for (const token of [links.host.token, links.viewer.token, ...links.signers.map((s) => s.token)]) expect(href).not.toContain(token)
    // A plain GET, no Authorization header: what a browser does with the link.
    const res = await request.get(href)
    expect(res.status()).toBe(200)
    expect(res.headers()['content-type']).toBe('application/pdf')
    expect((await res.body()).subarray(0, 5).toString()).toBe('%PDF-')
  }
  // Clicking the link opens the PDF in a new tab.
  const opened = await pdfOpenedBy(host, () => report.click(), /\/report\.pdf\?exp=/)
  expect(opened.status()).toBe(200)
  expect(opened.headers()['content-type']).toBe('application/pdf')
  // A tampered link is refused: one hex digit of the signature changed (never left as it was).
  const bad = await request.get(defined(hrefs[0]).replace(/sig=([0-9a-f])/, (_m, c: string) => `sig=${c === '0' ? '1' : '0'}`))
  expect(bad.status()).toBe(403)
})

test('a viewer gets pledge links but never the minutes', async ({ request, links, server }) => {
  const res = await request.post(`${server.base}/api/conferences/${links.conferenceId}/documents/links`, { headers: { authorization: `Bearer ${links.viewer.token}` } })
  expect(res.status()).toBe(200)
  const body = (await res.json()) as { report?: string; pledges: Record<string, string> }
  expect(body.report).toBeUndefined()
  expect(Object.keys(body.pledges)).toHaveLength(links.signers.length)
})

test('a bloc head whose pledge is signed opens its own signed PDF from the signer page', async ({ browser, request, links }) => {
  const api = hostApi(request, links)
  // The stage: this file's conference live (the first test may have started it: starting again is
  // refused and changes nothing), nobody signed yet; one bloc signs through the HTTP mirror with
  // its own token.
  await api.command('conference.start', {})
  const state = await api.state()
  expect(state.status).toBe('live')
  expect(state.blocs.filter((b) => b.signature)).toHaveLength(0)
  expect(state.signing.status).toBe('closed')
  expect(await api.command('pledge.openSigning', {})).toMatchObject({ ok: true })
  const signer = defined(links.signers[1])
  const target = defined(state.blocs.find((b) => b.id === signer.blocId))
  expect(await api.command('pledge.sign', { blocId: target.id, contentHash: target.pledge.contentHash, strokes: loopStrokes(1) }, signer.token)).toMatchObject({ ok: true })
  const bloc = (await api.state()).blocs.find((b) => b.id === target.id)
  expect(bloc?.signature).toBeDefined()
  const page = await openPage(browser, signer.url, { width: 1280, height: 800 })
  await expect(page.getByTestId('sign-result')).toBeVisible()
  const opened = await pdfOpenedBy(page, () => page.getByTestId('own-pdf').click(), new RegExp(`/pledges/${target.id}\\.pdf\\?exp=`))
  expect(opened.status()).toBe(200)
  expect(opened.headers()['content-type']).toBe('application/pdf')
  expect(opened.url()).not.toContain(signer.token)
})
