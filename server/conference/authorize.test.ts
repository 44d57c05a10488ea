import { describe, it, expect } from 'vitest'
import { authorize } from './authorize.js'
import { COMMAND_TYPES, Command, type CommandType } from '../../shared/commands.js'
import type { Actor, Role } from '../../shared/domain.js'

const CONF = 'conf-1'
const HASH = 'a'.repeat(64)
const STROKES = [[[0.1, 0.1, 0]]] as [number, number, number][][]

/** One valid example of every command, with no subject (or the actors' own subject). */
const EXAMPLES: Record<CommandType, Command['data']> = {
  'conference.start': {},
  'conference.end': {},
  'conference.schedule': { startsAt: '2030-01-15T08:00:00+07:00' },
  'agenda.goto': { itemId: 'item-1' },
  'agenda.next': {},
  'agenda.previous': {},
  'agenda.addItem': { title: 'Tham luận', kind: 'speech' },
  'agenda.updateItem': { itemId: 'item-1', rev: 1, title: 'Tham luận' },
  'agenda.moveItem': { itemId: 'item-1', toIndex: 0, listRev: 1 },
  'agenda.removeItem': { itemId: 'item-1', rev: 1 },
  'site.checkIn': { attendees: 10 },
  'site.reportIssue': { message: 'Mất tiếng' },
  'site.resolveIssue': {},
  'site.add': { name: 'Xã Vĩnh Hải', kind: 'commune', parentId: 'd1' },
  'award.announce': { awardIds: ['a1'] },
  'award.retract': { awardId: 'a1', reason: 'Sai tên' },
  'award.import': { awards: [{ id: 'a9', typeId: 't1', recipientKind: 'collective', recipientName: 'Phòng Nội vụ' }] },
  'pledge.openSigning': {},
  'pledge.closeSigning': {},
  'pledge.sign': { blocId: 'blocA', contentHash: HASH, strokes: STROKES },
  'pledge.void': { blocId: 'blocA', reason: 'Ký nhầm' },
  'pledge.witness': {},
}

/** Exactly which roles may send each command. */
const ALLOWED: Record<CommandType, Role[]> = {
  'conference.start': ['host'],
  'conference.end': ['host'],
  'conference.schedule': ['host'],
  'agenda.goto': ['host'],
  'agenda.next': ['host'],
  'agenda.previous': ['host'],
  'agenda.addItem': ['host'],
  'agenda.updateItem': ['host'],
  'agenda.moveItem': ['host'],
  'agenda.removeItem': ['host'],
  'site.checkIn': ['site'],
  'site.reportIssue': ['host', 'site'],
  'site.resolveIssue': ['host', 'site'],
  'site.add': ['host'],
  'award.announce': ['host'],
  'award.retract': ['host'],
  'award.import': ['host'],
  'pledge.openSigning': ['host'],
  'pledge.closeSigning': ['host'],
  'pledge.sign': ['signer'],
  'pledge.void': ['host'],
  'pledge.witness': ['host'],
}

const ROLES: Role[] = ['host', 'site', 'signer', 'viewer']

const ACTORS: Record<Role, Actor> = {
  host: { conferenceId: CONF, role: 'host' },
  site: { conferenceId: CONF, role: 'site', siteId: 'd1' },
  signer: { conferenceId: CONF, role: 'signer', blocId: 'blocA' },
  viewer: { conferenceId: CONF, role: 'viewer' },
}

let n = 0
function command(type: CommandType, data: unknown): Command {
  // every example is a valid command: parse it, so the table never drifts from the schema
  return Command.parse({ id: `cmd-${String(++n).padStart(8, '0')}`, type, data })
}

describe('the tables', () => {
  it('name every command type', () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual([...COMMAND_TYPES].sort())
    expect(Object.keys(ALLOWED).sort()).toEqual([...COMMAND_TYPES].sort())
    expect(COMMAND_TYPES).toHaveLength(22)
  })
})

const matrix = COMMAND_TYPES.flatMap((type) => ROLES.map((role) => [type, role, ALLOWED[type].includes(role)] as const))

describe('authorize: every command type × every role', () => {
  it.each(matrix)('%s by %s → allowed: %s', (type, role, allowed) => {
    const reason = authorize(ACTORS[role], command(type, EXAMPLES[type]))
    if (allowed) {
      expect(reason).toBeNull()
    } else {
      expect(reason).toEqual(expect.any(String))
      expect(reason!.length).toBeGreaterThan(0)
    }
  })
})

describe('viewer', () => {
  it('may send nothing', () => {
    for (const type of COMMAND_TYPES) {
      expect(authorize(ACTORS.viewer, command(type, EXAMPLES[type])), type).not.toBeNull()
    }
  })

  it('may not sign even a bloc id it claims', () => {
    expect(authorize({ ...ACTORS.viewer, blocId: 'blocA' }, command('pledge.sign', EXAMPLES['pledge.sign']))).not.toBeNull()
  })
})

describe('signer', () => {
  it('may send only pledge.sign', () => {
    const allowed = COMMAND_TYPES.filter((t) => authorize(ACTORS.signer, command(t, EXAMPLES[t])) === null)
    expect(allowed).toEqual(['pledge.sign'])
  })

  it('may sign only its own bloc', () => {
    expect(authorize(ACTORS.signer, command('pledge.sign', { ...EXAMPLES['pledge.sign'], blocId: 'blocA' }))).toBeNull()
    const reason = authorize(ACTORS.signer, command('pledge.sign', { ...EXAMPLES['pledge.sign'], blocId: 'blocB' }))
    expect(reason).toEqual(expect.stringContaining('blocB'))
  })

  it('without a bloc of its own may sign nothing', () => {
    const noBloc: Actor = { conferenceId: CONF, role: 'signer' }
    expect(authorize(noBloc, command('pledge.sign', EXAMPLES['pledge.sign']))).not.toBeNull()
  })
})

describe('site', () => {
  it('may send only site.checkIn, site.reportIssue and site.resolveIssue', () => {
    const allowed = COMMAND_TYPES.filter((t) => authorize(ACTORS.site, command(t, EXAMPLES[t])) === null)
    expect(allowed).toEqual(['site.checkIn', 'site.reportIssue', 'site.resolveIssue'])
  })

  it('may name its own siteId', () => {
    expect(authorize(ACTORS.site, command('site.reportIssue', { message: 'x', siteId: 'd1' }))).toBeNull()
    expect(authorize(ACTORS.site, command('site.resolveIssue', { siteId: 'd1' }))).toBeNull()
  })

  it('may not act for another siteId', () => {
    expect(authorize(ACTORS.site, command('site.reportIssue', { message: 'x', siteId: 'd2' }))).toEqual(expect.stringContaining('d2'))
    expect(authorize(ACTORS.site, command('site.resolveIssue', { siteId: 'd2' }))).toEqual(expect.stringContaining('d2'))
  })

  it('may not sign a pledge even when it names a bloc', () => {
    expect(authorize({ ...ACTORS.site, blocId: 'blocA' }, command('pledge.sign', EXAMPLES['pledge.sign']))).not.toBeNull()
  })
})

describe('host', () => {
  it('may send everything except site.checkIn and pledge.sign', () => {
    const refused = COMMAND_TYPES.filter((t) => authorize(ACTORS.host, command(t, EXAMPLES[t])) !== null)
    expect(refused).toEqual(['site.checkIn', 'pledge.sign'])
  })

  it('may report and resolve for any named site', () => {
    expect(authorize(ACTORS.host, command('site.reportIssue', { message: 'x', siteId: 'd2' }))).toBeNull()
    expect(authorize(ACTORS.host, command('site.resolveIssue', { siteId: 'hub' }))).toBeNull()
  })

  it('may not sign for a bloc', () => {
    expect(authorize({ ...ACTORS.host, blocId: 'blocA' }, command('pledge.sign', EXAMPLES['pledge.sign']))).not.toBeNull()
  })
})
