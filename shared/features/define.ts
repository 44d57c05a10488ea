/**
 * The building blocks of a feature's contract: a command (its wire name and data schema), an
 * event (its data schema, and the upcasts that lead older stored shapes to it), and the
 * envelope the log puts around an event; and the types one contract gives its feature's rules.
 * Pure types and zod: imported by every contract.
 */
import { z } from 'zod'
import { CommandId } from '../kernel.js'

/** A command's wire schema: `{ id, type, data }`, `type` being its contract name. */
export const command = <const T extends string, D extends z.ZodType>(type: T, data: D) => z.object({ id: CommandId, type: z.literal(type), data })

/**
 * One step from an older stored shape of an event's data to the next, or why it cannot be taken.
 * `S` is what it reads of the state just before the event (an `Upcast<never>` may read anything).
 */
export type Upcast<S = never> = (data: unknown, state: S) => { ok: true; data: unknown } | { ok: false; problem: string }

/** An upcast step that reads the older shape with its own schema: `state` is the conference just before the event. */
export function upcast<Z extends z.ZodType, S = unknown>(from: Z, step: (data: z.output<Z>, state: S) => unknown): Upcast<S> {
  return (data, state) => {
    const old = from.safeParse(data)
    return old.success ? { ok: true, data: step(old.data, state) } : { ok: false, problem: `${old.error.issues[0]?.path.join('.')}: ${old.error.issues[0]?.message}` }
  }
}

/** An event's contract: the schema of its data as written today, its version, and the upcasts from every older version. */
export interface EventSpec<Z extends z.ZodType = z.ZodType, S = never> {
  schema: Z
  /** 1 + the number of upcasts: a new shape always comes with the step that reads the old one. */
  version: number
  /** `upcasts[v - 1]` leads version v to v + 1. */
  upcasts: readonly Upcast<S>[]
}

/**
 * An event of the contract; `upcasts` lists the steps from version 1 on, oldest first. `S` is
 * what they read of the state, taken from them alone (not from the contract the event sits in).
 */
export const event = <Z extends z.ZodType, S = unknown>(schema: Z, upcasts: readonly Upcast<S>[] = []): EventSpec<Z, NoInfer<S>> => ({ schema, version: upcasts.length + 1, upcasts })

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

/** The command types of contract `C`. */
export type ContractCommandType<C extends Contract> = C['commands'][number]['shape']['type']['value']

/** The commands of contract `C` as parsed from the wire (those of type `T`, when it is given). */
export type ContractCommand<C extends Contract, T extends string = string> = Extract<z.output<C['commands'][number]>, { type: T }>

/** The event types of contract `C`. */
export type ContractEventType<C extends Contract> = keyof C['events'] & string

type EventData<C extends Contract, T extends ContractEventType<C>> = z.output<C['events'][T]['schema']>

/** An event of contract `C` as a rule decides it, before the log gives it a place. */
export type ContractNewEvent<C extends Contract> = { [T in ContractEventType<C>]: { type: T; data: EventData<C, T> } }[ContractEventType<C>]

/** The events of contract `C` as the log keeps them (those of type `T`, when it is given). */
export type ContractEvent<C extends Contract, T extends string = string> = Extract<{ [K in ContractEventType<C>]: Envelope<K, EventData<C, K>> }[ContractEventType<C>], { type: T }>

/** The refusal reasons (wire codes) of contract `C`. */
export type ContractReason<C extends Contract> = C['reasons'][keyof C['reasons']]
