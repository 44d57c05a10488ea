/**
 * The cast and props every feature's examples share: the actors, a command builder that parses
 * what it builds (so an example is always a valid command), and the events most examples start from.
 */
import type { Actor } from '../kernel.js'
import { Command, type CommandOf, type CommandType, type NewEvent } from '../features/contracts.js'
import { PLEDGE_A, PLEDGE_B, sha256 } from './tiny-conference.js'

export const EXAMPLE_NOW = 1_700_000_000_000
export const CONF = 'conf-1'

export const host: Actor = { conferenceId: CONF, role: 'host' }
export const site = (siteId: string): Actor => ({ conferenceId: CONF, role: 'site', siteId })
export const signer = (blocId: string, label: string | null = 'Trưởng khối'): Actor => ({ conferenceId: CONF, role: 'signer', blocId, ...(label ? { label } : {}) })
export const viewer: Actor = { conferenceId: CONF, role: 'viewer' }
export const overlay: Actor = { conferenceId: CONF, role: 'overlay' }

let n = 0
/** A command of `type`, parsed as the server would parse it. */
export const c = <T extends CommandType>(type: T, data: CommandOf<T>['data'], id = `example-${String(++n).padStart(4, '0')}`): Command =>
  Command.parse({ id, type, data })

export const started: NewEvent[] = [{ type: 'conference.started', data: {} }, { type: 'agenda.itemStarted', data: { itemId: 'open' } }]
export const ended: NewEvent = { type: 'conference.ended', data: {} }
export const itemStarted = (itemId: string): NewEvent => ({ type: 'agenda.itemStarted', data: { itemId } })

export const STROKES: [number, number, number][][] = [[[0.1, 0.2, 0], [0.4, 0.5, 20], [0.8, 0.3, 40]]]
export const HASH_A = sha256(PLEDGE_A)
export const HASH_B = sha256(PLEDGE_B)
