/**
 * First start: seed the demo conference from the article and issue its access links.
 * Later starts reuse both (the links file is where the token secrets live).
 */
import type { ConferenceService } from '../conference/service.js'
import type { EventStore } from '../store/event-store.js'
import { issueLinks, readLinks, rebase, writeLinks, type AccessLinks } from '../access/links.js'
import { DEMO_CONFERENCE_ID, demoEvents } from './demo.js'

export async function ensureDemo(store: EventStore, service: ConferenceService, dataDir: string, publicUrl: string): Promise<AccessLinks> {
  const conferenceId = DEMO_CONFERENCE_ID
  const room = await service.room(conferenceId)
  if (room.seq === 0) {
    // Generated only on first start: 3,000 awards are not rebuilt on every restart.
    await service.appendSystem(conferenceId, demoEvents(), 'seed-demo-conference')
    console.log(`Seeded the demo conference "${room.state.title}" with ${room.state.awards.length} awards.`)
  }
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
