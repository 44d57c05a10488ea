/**
 * The building blocks of a feature's contract: a command (its wire name and data schema), an
 * event (its data schema, and the upcasts that lead older stored shapes to it), and the
 * envelope the log puts around an event. Pure types and zod: imported by every contract.
 */
import { z } from 'zod'
import { CommandId } from '../kernel.js'
import type { ConferenceState } from './state.js'

/** A command's wire schema: `{ id, type, data }`, `type` being its contract name. */
export const command = <const T extends string, D extends z.ZodType>(type: T, data: D) => z.object({ id: CommandId, type: z.literal(type), data })

/** One step from an older stored shape of an event's data to the next, or why it cannot be taken. */
export type Upcast = (data: unknown, state: ConferenceState) => { ok: true; data: unknown } | { ok: false; problem: string }

/** An upcast step that reads the older shape with its own schema: `state` is the conference just before the event. */
export function upcast<S extends z.ZodType>(from: S, step: (data: z.output<S>, state: ConferenceState) => unknown): Upcast {
  return (data, state) => {
    const old = from.safeParse(data)
    return old.success ? { ok: true, data: step(old.data, state) } : { ok: false, problem: `${old.error.issues[0]?.path.join('.')}: ${old.error.issues[0]?.message}` }
  }
}

/** An event's contract: the schema of its data as written today, its version, and the upcasts from every older version. */
export interface EventSpec<S extends z.ZodType = z.ZodType> {
  schema: S
  /** 1 + the number of upcasts: a new shape always comes with the step that reads the old one. */
  version: number
  /** `upcasts[v - 1]` leads version v to v + 1. */
  upcasts: readonly Upcast[]
}

/** An event of the contract; `upcasts` lists the steps from version 1 on, oldest first. */
export const event = <S extends z.ZodType>(schema: S, upcasts: readonly Upcast[] = []): EventSpec<S> => ({ schema, version: upcasts.length + 1, upcasts })

/** One event of type `T` with data `D`, as the log keeps it and the wire carries it. `at` is ISO server time. */
export interface Envelope<T extends string, D> {
  seq: number
  type: T
  at: string
  data: D
}

/** What a feature's contract holds: its commands (wire schemas), its events and its refusal reasons. */
export interface Contract {
  name: string
  commands: readonly z.ZodObject<{ id: typeof CommandId; type: z.ZodLiteral<string>; data: z.ZodType }>[]
  events: Record<string, EventSpec>
  /** Refusal reasons this feature's rules give: key (used in code) to wire code. */
  reasons: Record<string, string>
  /** The numbers a command's data or rule is limited by, named, by command type: docs/protocol.md must state each. */
  limits: Record<string, Record<string, number>>
}

/** Checks a contract's shape while keeping its literal types. */
export const defineContract = <const C extends Contract>(contract: C): C => contract
