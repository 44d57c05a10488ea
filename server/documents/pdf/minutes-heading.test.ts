/**
 * The minutes' heading gives the day the conference was held (its start, in its own zone), not the
 * day it was planned for; before the start, the planned day, said as planned. Every column of the
 * sites table is headed in full. Rendered from a real SQLite log, read back with pdftotext.
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
import { documentTimes } from '../time.js'
import { renderMinutes } from './minutes.js'

const dir = mkdtempSync(path.join(tmpdir(), 'diemcau-minutes-heading-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function firstPage(service: ConferenceService, name: string): Promise<string> {
  const model = minutesModel(await loadSource({ service }, 'test-conf'))
  const file = path.join(dir, name)
  writeFileSync(file, await renderMinutes(model))
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-f', '1', '-l', '2', file, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ')
}

it('heads the minutes with the day held, and every sites-table column in full', async () => {
  const store = openSqliteStore(dir)
  const service = new ConferenceService({ store })
  // The tiny conference was planned for 10/01/2025; it is held today.
  await service.appendSystem('test-conf', smallConference(), 'seed')
  expect(await firstPage(service, 'planned.pdf')).toContain('ngày 10/01/2025 (dự kiến)')

  const host = { conferenceId: 'test-conf', role: 'host' as const }
  expect((await service.handle(host, { id: crypto.randomUUID(), type: 'conference.start', data: {} })).ok).toBe(true)
  const state = (await service.state('test-conf')).state
  const text = await firstPage(service, 'held.pdf')
  await store.close()
  const heldDay = documentTimes(state.timeZone).day(state.startedAt)
  expect(heldDay).not.toBe('10/01/2025')
  expect(text).toContain(`ngày ${heldDay}`)
  expect(text).not.toContain('10/01/2025')
  expect(text).toContain('Số người dự')
  expect(text).not.toMatch(/ Dự \n/)
})
