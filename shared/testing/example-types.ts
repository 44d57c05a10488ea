/** Types for the example table: a partial of the state to match against. */
import type { Actor, ConferenceState } from '../domain.js'

export type { Actor, ConferenceState }

type DeepPartial<T> = T extends (infer U)[] ? DeepPartial<U>[] : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T
export type DeepPartialState = DeepPartial<ConferenceState>
