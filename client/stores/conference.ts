/**
 * The conference as this browser knows it: the snapshot it started from plus every event
 * applied since, in seq order, through the same `evolve` the server runs. The page's session
 * (connection, presence, clock, reveals) is stores/session.ts.
 */
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { initialState, type ConferenceState } from '../../shared/domain.js'
import type { ConferenceEvent, Snapshot } from '../../shared/events.js'
import { evolve } from '../../shared/evolve.js'

/** 'gap': an event further ahead than seq + 1 arrived; nothing after the gap was applied. */
export type ApplyResult = 'ok' | 'gap'

export const useConferenceStore = defineStore('conference', () => {
  /** Seq of the last applied event; two pages at the same seq show the same thing. */
  const seq = ref(0)
  /** Replaced wholesale by evolve, never mutated: a shallowRef is enough and cheap with 3,000 awards. */
  const state = shallowRef<ConferenceState>(initialState())

  function applySnapshot(s: Snapshot): void {
    state.value = s.state
    seq.value = s.seq
  }

  /** Applies events strictly in order; duplicates are skipped, a gap stops and is reported. */
  function applyEvents(events: readonly ConferenceEvent[]): ApplyResult {
    let next = state.value
    let at = seq.value
    let result: ApplyResult = 'ok'
    for (const e of [...events].sort((a, b) => a.seq - b.seq)) {
      if (e.seq <= at) continue
      if (e.seq !== at + 1) {
        result = 'gap'
        break
      }
      next = evolve(next, e)
      at = e.seq
    }
    if (at !== seq.value) {
      state.value = next
      seq.value = at
    }
    return result
  }

  return { seq, state, applySnapshot, applyEvents }
})
