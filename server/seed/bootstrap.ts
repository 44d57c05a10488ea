/**
 * First start: seed the demo conference from the article and issue its access links.
 * Later starts reuse both (the links file is where the token secrets live).
 */
import type { ConferenceService } from '../conference/service.js'
import type { EventStore } from '../store/event-store.js'
import { issueLinks, readLinks, rebase, writeLinks, type AccessLinks } from '../access/links.js'
import { importCommandId } from '../awards/catalog.js'
import { DEMO_CONFERENCE_ID, demoSetup, readDemoAwards } from './demo.js'

export async function ensureDemo(store: EventStore, service: ConferenceService, dataDir: string, publicUrl: string): Promise<AccessLinks> {
  const conferenceId = DEMO_CONFERENCE_ID
  await seedDemo(service)
  const room = await service.room(conferenceId)
  const existing = readLinks(dataDir)
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
