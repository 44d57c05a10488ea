/**
 * The minutes print the log's head whole where it is read: seq and the full 64-digit hash in the
 * footer of every page and in a closing block on the last page, with the command that checks a
 * data folder against it. Rendered from a real SQLite log, read back with pdftotext.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { ConferenceService } from '../../conference/service.js'
import { openSqliteStore } from '../../store/sqlite.js'
import { smallConference } from '../../test/harness.js'
import { minutesModel } from '../minutes-model.js'
import { loadSource } from '../source.js'
import { renderMinutes } from './minutes.js'

const dir = mkdtempSync(path.join(tmpdir(), 'diemcau-minutes-head-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** One page's text as pdftotext reads it (`-layout`), or every page's with `page` 0. */
const pageText = (file: string, page: number) =>
  execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', ...(page ? ['-f', String(page), '-l', String(page)] : []), file, '-'], { encoding: 'utf8' })

it('prints the head’s seq and whole hash in every footer and in a closing block on the last page', async () => {
  const store = openSqliteStore(dir)
  const service = new ConferenceService({ store })
  await service.appendSystem('test-conf', smallConference(), 'seed')
  const host = { conferenceId: 'test-conf', role: 'host' as const }
  for (const type of ['conference.start', 'conference.end']) expect((await service.handle(host, { id: crypto.randomUUID(), type, data: {} })).ok).toBe(true)
  const head = await store.head('test-conf')
  const model = minutesModel(await loadSource({ service }, 'test-conf'))
  await store.close()
  expect(model.draft).toBe(false)
  const file = path.join(dir, 'minutes.pdf')
  writeFileSync(file, await renderMinutes(model))

  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1])
  expect(pages).toBeGreaterThan(1)
  for (let p = 1; p <= pages; p++) expect(pageText(file, p), `page ${p}`).toContain(`seq ${head.seq} · SHA-256 ${head.hash}`)
  const last = pageText(file, pages).replace(/[ \t]+/g, ' ')
  expect(last).toContain('ĐẦU NHẬT KÝ ĐỂ ĐỐI CHIẾU')
  expect(last).toContain(`Seq: ${head.seq}`)
  expect(last).toMatch(new RegExp(`Mã băm \\(SHA-256\\):\\s+${head.hash}`))
  expect(last).toContain(`npm run verify -- --head ${head.seq}:${head.hash}`)
})
