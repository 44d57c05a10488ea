/**
 * First start: seed the demo conference from the article and issue its access links.
 * Later starts reuse both (the links file is where the token secrets live).
 */
import type { ConferenceService } from '../conference/service.js'
import type { EventStore } from '../store/event-store.js'
import { issueLinks, readLinks, rebase, writeLinks, type AccessLinks } from '../access/links.js'
import { demoEvents } from './demo.js'

export async function ensureDemo(store: EventStore, service: ConferenceService, dataDir: string, publicUrl: string): Promise<AccessLinks> {
  const events = demoEvents()
  const created = events.find((e) => e.type === 'conference.created')
  if (created?.type !== 'conference.created') throw new Error('the demo seed has no conference.created event')
  const conferenceId = created.data.id
  const room = await service.room(conferenceId)
  if (room.seq === 0) {
    await service.appendSystem(conferenceId, events, 'seed-demo-conference')
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
