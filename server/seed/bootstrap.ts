/**
 * First start: seed the demo conference from the article and issue its access links.
 * Later starts reuse both (the links file is where the token secrets live).
 */
import type { ConferenceService } from '../conference/service.js'
import type { EventStore } from '../store/event-store.js'
import { renameSync } from 'node:fs'
import { issueLinks, linksFile, readLinks, rebase, UnreadableLinksError, writeLinks, type AccessLinks } from '../access/links.js'
import { importCommandId } from '../awards/catalog.js'
import { DEMO_CONFERENCE_ID, demoSetup, readDemoAwards } from './demo.js'

export async function ensureDemo(store: EventStore, service: ConferenceService, dataDir: string, publicUrl: string): Promise<AccessLinks> {
  const conferenceId = DEMO_CONFERENCE_ID
  await seedDemo(service)
  const room = await service.room(conferenceId)
  const existing = readLinksOrSetAside(dataDir)
  if (existing && existing.conferenceId === conferenceId) {
    const links = rebase(existing, publicUrl)
    writeLinks(dataDir, links)
    return links
  }
  const links = await issueLinks(store, room.state, publicUrl)
  writeLinks(dataDir, links)
  return links
}

/**
 * Creates the demo conference, then imports its award list the way an organiser's list is
 * imported: the same parser, the host's `award.import` command. Each step happens once: a later
 * start (or one after a crash between the two) does only what is missing.
 */
export async function seedDemo(service: ConferenceService): Promise<void> {
  const conferenceId = DEMO_CONFERENCE_ID
  const room = await service.room(conferenceId)
  if (room.seq === 0) await service.appendSystem(conferenceId, [{ type: 'conference.created', data: demoSetup() }], 'seed-demo-conference')
  if (room.state.awards.length > 0) return
  const { awardTypes, sites } = room.state
  const { bytes, awards } = readDemoAwards({ awardTypes, sites, existingIds: [] })
  const host = { conferenceId, role: 'host' as const, label: 'Dữ liệu mẫu (demo)' }
  const ack = await service.handle(host, { id: importCommandId(bytes), type: 'award.import', data: { awards } })
  if (!ack.ok) throw new Error(`the demo's award list was refused: ${ack.error.code}: ${ack.error.message}`)
  console.log(`Seeded the demo conference "${room.state.title}" with ${room.state.awards.length} awards.`)
}

/**
 * The links file, or null when there is none or it is damaged: a damaged one is renamed aside
 * (never printed, it may hold parts of secrets) and a fresh set is issued in its place.
 */
function readLinksOrSetAside(dataDir: string): AccessLinks | null {
  try {
    return readLinks(dataDir)
  } catch (err) {
    if (!(err instanceof UnreadableLinksError)) throw err
    const aside = `${linksFile(dataDir)}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`
    renameSync(linksFile(dataDir), aside)
    console.error(
      `${err.message} Đã đổi tên thành ${aside} và cấp bộ liên kết mới; các liên kết cũ vẫn dùng được cho đến khi bị thu hồi trong bảng điều khiển (Tài liệu → Liên kết truy cập). / ` +
        'It was renamed aside and a new set of links issued; the old links keep working until revoked from the host console (Documents → Access links).',
    )
    return null
  }
}
