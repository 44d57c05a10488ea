/**
 * The demo conference: Ninh Thuận's online conference of 22/02/2023 closing the 2022
 * emulation & awards year (see the article in the design notes). Everything it holds is data in
 * ./data/, read the way organisers' own input is read and checked by the `conference.created`
 * schema before it becomes the first event:
 * - hoi-nghi.json: title, time, agenda and award types (in ceremony order);
 * - diem-cau.csv: the sites, one row each (Mã, Tên, Loại, Thuộc), read by the award import's CSV reader;
 * - khoi-thi-dua.json and giao-uoc/*.txt: the blocs and the pledge each signs, word for word;
 * - khen-thuong-2022.csv: the 2,996 awards (written once by scripts/generate-demo-awards.ts),
 *   read by the same parser as any organiser's list.
 */
import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { Bloc, Site } from '../../shared/domain.js'
import { EVENTS, type ConferenceSetup, type NewEvent } from '../../shared/events.js'
import { sha256HexSync } from '../../shared/hash.js'
import type { ImportedAward } from '../awards/catalog.js'
import { decodeText, readCsv } from '../awards/csv.js'
import { parseAwardCsv, type Catalog } from '../awards/parse.js'
import { projectFile } from '../paths.js'

export const DEMO_CONFERENCE_ID = 'ninh-thuan-2023'

const data = (file: string) => projectFile('server', 'seed', 'data', file)

/** The award list the demo imports: Vietnamese headers, one row per award, UTF-8 with a BOM. */
export const DEMO_AWARDS_FILE = data('khen-thuong-2022.csv')

/** What the first event of a conference holds, as every log's `conference.created` is checked. */
const CREATED = EVENTS['conference.created'].schema

/** The conference itself: what `conference.created` holds but its sites and blocs. */
const ConferenceFile = CREATED.omit({ sites: true, blocs: true }).strict()

/** A bloc as its file lists it: the pledge by the file holding its text, hashed when read. */
const BlocsFile = z.array(Bloc.pick({ id: true, name: true, headUnit: true, signerName: true, members: true }).extend({ pledgeFile: z.string() }).strict())

/** A data file that does not read is a broken checkout: say which file and why, then stop. */
export function readData<T>(file: string, read: (text: string) => T): T {
  try {
    const text = decodeText(readFileSync(data(file)))
    if (!text.ok) throw new Error(text.message)
    return read(text.text)
  } catch (err) {
    throw new Error(`the demo's data file ${data(file)} does not read: ${err instanceof Error ? err.message : String(err)}`, { cause: err })
  }
}

/** diem-cau.csv (or any sites file of its columns: Mã, Tên, Loại, Thuộc): each row a `Site`, as `conference.created` checks it. */
export function readSites(text: string): Site[] {
  const sheet = readCsv(text)
  if (!sheet.ok) throw new Error(sheet.message)
  return sheet.rows.slice(1).map(({ row, cells: [id, name, kind, parentId] }) => {
    const site = Site.safeParse({ id, name, kind, ...(parentId ? { parentId } : {}) })
    if (!site.success) throw new Error(`row ${row}: ${z.prettifyError(site.error)}`)
    return site.data
  })
}

/** The demo's setup, read from its files once and checked whole by the `conference.created` schema. */
function readSetup(): ConferenceSetup {
  const conference = readData('hoi-nghi.json', (text) => ConferenceFile.parse(JSON.parse(text)))
  const sites = readData('diem-cau.csv', readSites)
  const blocs = readData('khoi-thi-dua.json', (text) => BlocsFile.parse(JSON.parse(text))).map(({ pledgeFile, ...bloc }) => {
    // The text signed is the file's, less the line end an editor adds; its hash is what the signature binds.
    const text = readData(pledgeFile, (t) => t.replace(/\r?\n$/, ''))
    return { ...bloc, pledge: { text, contentHash: sha256HexSync(text) } }
  })
  const { id, title, venue, date, startsAt, timeZone, agenda, awardTypes } = conference
  return CREATED.parse({ id, title, venue, date, startsAt, timeZone, sites, agenda, awardTypes, blocs })
}

let setup: ConferenceSetup | undefined

/** Everything `conference.created` carries: sites, agenda, award types, blocs with their pledges (a fresh copy each call). */
export function demoSetup(): ConferenceSetup {
  setup ??= readSetup()
  return structuredClone(setup)
}

/** The seven districts and cities: `of` is how a unit's name ends ("huyện Ninh Hải"). */
export const DEMO_DISTRICTS: readonly { id: string; of: string; name: string }[] = demoSetup()
  .sites.filter((s) => s.kind === 'district')
  .map((s) => ({ id: s.id, of: s.name.charAt(0).toLowerCase() + s.name.slice(1), name: s.name }))

/** The demo's award list as the import reads it, checked against `catalog` (by default the demo's own, empty). */
export function readDemoAwards(catalog?: Catalog): { bytes: Uint8Array; awards: ImportedAward[] } {
  const own = catalog ?? { awardTypes: demoSetup().awardTypes, sites: demoSetup().sites, existing: [] }
  const bytes = readFileSync(DEMO_AWARDS_FILE)
  const parsed = parseAwardCsv(bytes, own)
  const problem = parsed.fileError?.message ?? parsed.errors.slice(0, 3).map((e) => `row ${e.row}, ${e.column}: ${e.message}`).join('; ')
  if (problem) throw new Error(`${DEMO_AWARDS_FILE} does not import: ${problem}`)
  return { bytes, awards: parsed.awards }
}

/** The demo as a log: its creation, then all awards in one import (for benchmarks and tests). */
export function demoEvents(): NewEvent[] {
  return [
    { type: 'conference.created', data: demoSetup() },
    { type: 'award.imported', data: { awards: readDemoAwards().awards } },
  ]
}
