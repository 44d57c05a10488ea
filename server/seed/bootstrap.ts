/**
 * First start: seed the demo conference from the article (or, with `SEED=national`, the national
 * demo: server/seed/national.ts) and issue its access links. Later starts reuse both (the links
 * file is where the token secrets live).
 */
import type { ConferenceService } from '../conference/service.js'
import type { LinkStore } from '../store/link-store.js'
import { renameSync } from 'node:fs'
import { issueLinks, linksFile, readLinks, rebase, UnreadableLinksError, withOverlay, writeLinks, type AccessLinks } from '../access/links.js'
import { importCommandId } from '../awards/catalog.js'
import { DEMO_CONFERENCE_ID, demoSetup, readDemoAwards } from './demo.js'
import { NATIONAL_CONFERENCE_ID, nationalSetup, seedKind, type SeedKind } from './national.js'
import { log } from '../log.js'
import { warn } from '../terminal.js'

/**
 * Seeds the demo once and answers its links: those of DATA_DIR/access-links.json (rebased on
 * `publicUrl`), or a fresh set issued and written there. With `oncePerCluster` and a link store
 * that other processes share (Redis), a process without the file whose store already holds live
 * links of the demo issues none and answers null: the process that seeded keeps them in its own
 * data directory, and every process accepts them. A damaged file is set aside and a fresh set
 * issued in every case. Without `oncePerCluster` (tests, benches) a set is always answered.
 */
export async function ensureDemo(links: LinkStore, service: ConferenceService, dataDir: string, publicUrl: string): Promise<AccessLinks>
export async function ensureDemo(links: LinkStore, service: ConferenceService, dataDir: string, publicUrl: string, opts: { oncePerCluster: boolean; seed?: SeedKind }): Promise<AccessLinks | null>
export async function ensureDemo(links: LinkStore, service: ConferenceService, dataDir: string, publicUrl: string, opts: { oncePerCluster: boolean; seed?: SeedKind } = { oncePerCluster: false }): Promise<AccessLinks | null> {
  const seed = opts.seed ?? seedKind(process.env['SEED'])
  const conferenceId = demoConferenceId(seed)
  await seedDemo(service, seed)
  const { state } = await service.state(conferenceId)
  const { existing, damaged } = readLinksOrSetAside(dataDir)
  if (existing && existing.conferenceId === conferenceId) {
    const rebased = await withOverlay(links, rebase(existing, publicUrl), publicUrl)
    writeLinks(dataDir, rebased)
    return rebased
  }
  if (opts.oncePerCluster && links.shared && !existing && !damaged && (await links.listLinks(conferenceId)).some((l) => !l.revokedAt)) return null
  const issued = await issueLinks(links, state, publicUrl)
  writeLinks(dataDir, issued)
  return issued
}

/** The conference a demo seeds. */
export const demoConferenceId = (seed: SeedKind) => (seed === 'national' ? NATIONAL_CONFERENCE_ID : DEMO_CONFERENCE_ID)

/**
 * Creates the demo conference, then imports its award list the way an organiser's list is
 * imported: the same parser, the host's `award.import` command. Each step happens once: a later
 * start (or one after a crash between the two) does only what is missing. The national demo has
 * its sites and no award list.
 */
export async function seedDemo(service: ConferenceService, seed: SeedKind = 'demo'): Promise<void> {
  const conferenceId = demoConferenceId(seed)
  const setup = () => (seed === 'national' ? nationalSetup() : demoSetup())
  if ((await service.state(conferenceId)).seq === 0) await service.appendSystem(conferenceId, [{ type: 'conference.created', data: setup() }], 'seed-demo-conference')
  const { state } = await service.state(conferenceId)
  if (seed === 'national') {
    log.info({ conferenceId, sites: state.sites.length }, 'seeded the national demo conference')
    return
  }
  if (state.awards.length > 0) return
  const { awardTypes, sites } = state
  const { bytes, awards } = readDemoAwards({ awardTypes, sites, existing: [] })
  const host = { conferenceId, role: 'host' as const, label: 'Dữ liệu mẫu (demo)' }
  const ack = await service.handle(host, { id: importCommandId(bytes), type: 'award.import', data: { awards } })
  if (!ack.ok) throw new Error(`the demo's award list was refused: ${ack.error.code}: ${ack.error.message}`)
  const seeded = (await service.state(conferenceId)).state
  log.info({ conferenceId, title: seeded.title, awards: seeded.awards.length }, 'seeded the demo conference')
}

/**
 * The links file, or null when there is none or it is damaged: a damaged one is renamed aside
 * (never printed, it may hold parts of secrets) and a fresh set is issued in its place.
 */
function readLinksOrSetAside(dataDir: string): { existing: AccessLinks | null; damaged: boolean } {
  try {
    return { existing: readLinks(dataDir), damaged: false }
  } catch (err) {
    if (!(err instanceof UnreadableLinksError)) throw err
    const aside = `${linksFile(dataDir)}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`
    renameSync(linksFile(dataDir), aside)
    warn(
      `${err.message} Đã đổi tên thành ${aside} và cấp bộ liên kết mới; các liên kết cũ vẫn dùng được cho đến khi bị thu hồi trong bảng điều khiển (Tài liệu → Liên kết truy cập). / ` +
        'It was renamed aside and a new set of links issued; the old links keep working until revoked from the host console (Documents → Access links).',
    )
    return { existing: null, damaged: true }
  }
}
