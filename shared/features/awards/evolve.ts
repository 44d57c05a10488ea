/** The awards' reducers: the catalog's import, announcements and retractions. */
import { unreachable } from '../decision.js'
import type { ContractEvent } from '../define.js'
import { patcher } from '../feature.js'
import type { awardsContract } from './contract.js'
import { defaultPlan, pageStartMs, ROLL_FROM, rollTimeline, type RollRun } from './roll.js'
import type { AwardsSlice } from './state.js'

const patch = patcher<AwardsSlice>()

/** An awards event (of type `T`), as the log keeps it. */
type EventOf<T extends string = string> = ContractEvent<typeof awardsContract, T>

/** The runs after the host paused, resumed, skipped or ended the roll of `revealAt` at `atMs`. */
function controlled(runs: RollRun[], c: EventOf<'award.rollControlled'>['data']): RollRun[] {
  const times = rollTimeline(runs)
  return runs.map((run, i) => {
    const start = times[i]?.start
    if (run.revealAt !== c.revealAt || start === undefined || !run.plan) return run
    const { pausedAt: _p, ...going } = run
    switch (c.action) {
      case 'pause': return { ...run, pausedAt: c.atMs }
      case 'resume': return { ...going, shiftMs: run.shiftMs + (c.atMs - (run.pausedAt ?? c.atMs)) }
      // The target page comes on now (or, while paused, is where the roll stands).
      case 'skip': return { ...run, shiftMs: (run.pausedAt ?? c.atMs) - start - pageStartMs(run.plan, c.toPage ?? 0) }
      case 'end': return { ...run, endedAt: c.atMs }
      default: return unreachable(c.action)
    }
  })
}

/** The awards reducer: one case per event of its contract. */
export function evolveAwards<X extends AwardsSlice>(state: X, event: EventOf): X {
  switch (event.type) {
    case 'award.imported':
      return patch(state, { awards: [...state.awards, ...event.data.awards] })
    case 'award.announced': {
      const { at, data: { awardIds, revealAt, awards, roll } } = event
      // An announcement logged before rolls had a pace gets the default one: a big batch is never a spotlight.
      const plan = roll ?? (awardIds.length >= ROLL_FROM ? defaultPlan(awardIds.length) : undefined)
      const run: RollRun = { revealAt, awards: awardIds.length, shiftMs: 0, ...(plan ? { plan } : {}) }
      const ids = new Set(awardIds)
      const shownById = new Map(awards.map((a) => [a.id, a]))
      return patch(state, {
        awards: state.awards.map((a) => {
          if (!ids.has(a.id)) return a
          const { sealed: _sealed, ...known } = a
          return { ...known, ...shownById.get(a.id), announcedAt: at, revealAt }
        }),
        roll: { runs: [...state.roll.runs, run] },
      })
    }
    case 'award.rollControlled':
      return patch(state, { roll: { runs: controlled(state.roll.runs, event.data) } })
    case 'award.retracted': {
      const { at, data: { awardId, reason } } = event
      return patch(state, { awards: state.awards.map((a) => (a.id === awardId ? { ...a, retracted: { reason, at } } : a)) })
    }
    default:
      return unreachable(event)
  }
}
