/**
 * `defineFeature`: a feature's contract with its reducers, rules and rights, checked against each
 * other (every command has a rule and its roles, every event a reducer) and given the plain entry
 * points the registry routes to.
 */
import type { Actor } from '../kernel.js'
import { ErrorReason } from '../errors.js'
import type { Command, CommandOf, CommandTypeOf, ConferenceEvent, EventOf, EventTypeOf } from './contracts.js'
import { refuse, type DecideClock, type Decision, type Rights } from './decision.js'
import type { Contract } from './define.js'
import type { ConferenceState } from './state.js'

/** What a feature's folder brings, typed by its own contract. */
export interface FeatureParts<C extends Contract> {
  contract: C
  /** The reducer of its events: a `switch` over them. */
  evolve: (state: ConferenceState, event: EventOf<EventTypeOf<C>>) => ConferenceState
  /** Its rules: a `switch` over its commands, one named function each. Pure. */
  decide: (state: ConferenceState, cmd: CommandOf<CommandTypeOf<C>>, actor: Actor, clock: DecideClock) => Decision
  /** Who may send each of its commands, and on which subject. */
  rights: Rights<CommandTypeOf<C>>
}

/** A refusal by `authorize`: the role may not send the command at all, or not on this subject. */
export interface Denial {
  why: string
  /** True when the role may send the command, but not about this subject. */
  subject: boolean
}

/** A feature as the registry sees it: entry points over the whole `Command` and `ConferenceEvent`. */
export interface Feature {
  name: string
  contract: Contract
  evolve: (state: ConferenceState, event: ConferenceEvent) => ConferenceState
  decide: (state: ConferenceState, cmd: Command, actor: Actor, clock: DecideClock) => Decision
  authorize: (actor: Actor, cmd: Command) => Denial | null
}

export function defineFeature<const C extends Contract>(parts: FeatureParts<C>): Feature {
  const { contract, rights } = parts
  const commandTypes = new Set<string>(contract.commands.map((c) => c.shape.type.value))
  const eventTypes = new Set<string>(Object.keys(contract.events))
  const mine = (cmd: Command): cmd is CommandOf<CommandTypeOf<C>> => commandTypes.has(cmd.type)
  const ours = (event: ConferenceEvent): event is EventOf<EventTypeOf<C>> => eventTypes.has(event.type)
  const notMine = (type: string) => `${type} is not a command of ${contract.name}`
  return {
    name: contract.name,
    contract,
    evolve: (state, event) => (ours(event) ? parts.evolve(state, event) : state),
    decide: (state, cmd, actor, clock) => (mine(cmd) ? parts.decide(state, cmd, actor, clock) : refuse('invalid', notMine(cmd.type), ErrorReason.badCommand)),
    authorize: (actor, cmd) => {
      if (!mine(cmd)) return { why: notMine(cmd.type), subject: false }
      if (!rights.roles[cmd.type].includes(actor.role)) return { why: `the ${actor.role} role may not send ${cmd.type}`, subject: false }
      const why = rights.subject?.(actor, cmd) ?? null
      return why ? { why, subject: true } : null
    },
  }
}
