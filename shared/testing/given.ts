/**
 * Given/when/then examples, each rule said once: given these events (after the tiny conference is
 * created and its awards imported), when this actor sends this command, then these events are
 * decided (or this refusal), and the state then shows this. ../features/run-examples.ts reads every example
 * three ways: what decide answers, what authorize allows, what evolve makes of the events.
 */
import type { Actor, Role } from '../kernel.js'
import type { Command, NewEvent } from '../features/contracts.js'
import type { ConferenceSetup } from '../features/conference/contract.js'
import type { ConferenceState } from '../features/state.js'
import type { ErrorCode, ErrorReason } from '../errors.js'

type DeepPartial<T> = T extends (infer U)[] ? DeepPartial<U>[] : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T
export type DeepPartialState = DeepPartial<ConferenceState>

/** What the state shows after the events: a partial match, and a check beyond it. */
export interface After {
  shows?: DeepPartialState
  check?: (s: ConferenceState) => boolean
}

/** The conference the example starts from: the tiny one, changed by `setup`; `created: false` for none at all. */
export interface Start {
  setup?: Partial<ConferenceSetup>
  created?: boolean
}

export interface Refusal {
  refused: ErrorCode
  reason?: ErrorReason
  /** Words the message for scripts must contain (the id or field it names). */
  says?: string[]
}

/** A command example: decide, authorize and evolve all read it. */
export interface Example extends After, Start {
  name: string
  given: NewEvent[]
  actor: Actor
  when: Command
  nowMs?: number
  then: NewEvent[] | Refusal
  /** Authorize turns the actor away, and decide, asked anyway, still acts only within the actor's own rights. */
  forbiddenYet?: true
}

/** An evolve example: events no command of today decides (older logs), applied to the state. */
export interface Applied extends After, Start {
  name: string
  given: NewEvent[]
  applying: NewEvent[]
}

/** Who may send a command: every role is tried, and only these are let through. */
export interface Access {
  when: Command
  allowed: Role[]
}

/** A feature's examples. */
export interface Examples {
  commands: Example[]
  applied?: Applied[]
  access: Access[]
}

/** `scenario(name).given(...events).by(actor).when(command).then(...)`: one example, read top to bottom. */
export function scenario(name: string, start: Start = {}) {
  return {
    given: (...given: NewEvent[]) => ({
      by: (actor: Actor) => ({
        when: (when: Command, nowMs?: number) => {
          const base = { name, ...start, given, actor, when, ...(nowMs === undefined ? {} : { nowMs }) }
          return {
            then: (events: NewEvent[], after: After & { forbiddenYet?: true } = {}): Example => ({ ...base, then: events, ...after }),
            refused: (refused: ErrorCode, reason?: ErrorReason, ...says: string[]): Example => ({ ...base, then: { refused, ...(reason ? { reason } : {}), says } }),
          }
        },
      }),
      applying: (...applying: NewEvent[]) => ({
        shows: (after: After): Applied => ({ name, ...start, given, applying, ...after }),
      }),
    }),
  }
}
