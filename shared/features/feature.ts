/**
 * `defineFeature`: a feature's contract with its reducers, rules and rights, checked against each
 * other (every command has a rule and its roles, every event a reducer) and given the plain entry
 * points the registry routes to. Typed by the feature's own contract and the state it reads; the
 * registry (./registry.ts) holds every feature over the whole state.
 */
import type { Actor } from '../kernel.js'
import { RequestReason } from '../error-codes.js'
import { refuse, type DecideClock, type Decision, type Rights } from './decision.js'
import type { Contract, ContractCommand, ContractCommandType, ContractEvent, Envelope } from './define.js'

/** A command as the registry hands it on: one of any feature's contract. */
export interface AnyCommand {
  id: string
  type: string
  data: unknown
}

/** An event as the registry hands it on: one of any feature's contract. */
export type AnyEvent = Envelope<string, unknown>

/**
 * What a feature's folder brings, typed by its own contract `C`: its rules read the state `S` and
 * return `D`; its reducer keeps whatever else the state holds, or makes a new state `W`.
 */
export interface FeatureParts<C extends Contract, S, D, W = never> {
  contract: C
  /** The reducer of its events: a `switch` over them. */
  evolve: <X extends S>(state: X, event: ContractEvent<C>) => X | W
  /** Its rules: a `switch` over its commands, one named function each. Pure. */
  decide: (state: S, cmd: ContractCommand<C>, actor: Actor, clock: DecideClock) => D
  /** Who may send each of its commands, and on which subject. */
  rights: Rights<C>
}

/**
 * The writer of a reducer that keeps slice `S`: `patcher<SitesSlice>()` gives `patch(state, part)`,
 * the state with `part` written over it. `part` names only keys of `S`, each of its declared type;
 * a spread over the generic state alone (`{ ...state, sites: 5 }`) is not type-checked.
 */
export const patcher = <S extends object>() => <X extends S, K extends keyof S>(state: X, part: Pick<S, K>): X => ({ ...state, ...part })

/** A refusal by `authorize`: the role may not send the command at all, or not on this subject. */
export interface Denial {
  why: string
  /** True when the role may send the command, but not about this subject. */
  subject: boolean
}

/** A feature as the registry sees it: entry points over any command and event (`S`, `D`, `W` as in its parts). */
export interface Feature<S, D, W = never> {
  name: string
  contract: Contract
  evolve: <X extends S>(state: X, event: AnyEvent) => X | W
  decide: (state: S, cmd: AnyCommand, actor: Actor, clock: DecideClock) => D | Decision<never, typeof RequestReason.badCommand>
  authorize: (actor: Actor, cmd: AnyCommand) => Denial | null
}

export function defineFeature<const C extends Contract, S, D, W = never>(parts: FeatureParts<C, S, D, W>): Feature<S, D, W> {
  const { contract, rights } = parts
  const commandTypes = new Set<string>(contract.commands.map((c) => c.shape.type.value))
  const eventTypes = new Set<string>(Object.keys(contract.events))
  const mine = (cmd: AnyCommand): cmd is ContractCommand<C> & { type: ContractCommandType<C> } => commandTypes.has(cmd.type)
  const ours = (event: AnyEvent): event is ContractEvent<C> => eventTypes.has(event.type)
  const notMine = (type: string) => `${type} is not a command of ${contract.name}`
  return {
    name: contract.name,
    contract,
    evolve: (state, event) => (ours(event) ? parts.evolve(state, event) : state),
    decide: (state, cmd, actor, clock) => (mine(cmd) ? parts.decide(state, cmd, actor, clock) : refuse('invalid', notMine(cmd.type), RequestReason.badCommand)),
    authorize: (actor, cmd) => {
      if (!mine(cmd)) return { why: notMine(cmd.type), subject: false }
      if (!rights.roles[cmd.type].includes(actor.role)) return { why: `the ${actor.role} role may not send ${cmd.type}`, subject: false }
      const why = rights.subject?.(actor, cmd) ?? null
      return why ? { why, subject: true } : null
    },
  }
}
