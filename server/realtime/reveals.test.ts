import { afterEach, describe, expect, it } from 'vitest'
import type { Actor } from '../../shared/domain.js'
import type { ConferenceEvent } from '../../shared/events.js'
import { RevealTracker } from './reveals.js'

const site = (siteId: string): Actor => ({ conferenceId: 'c1', role: 'site', siteId })
const announced = (revealAt: number): ConferenceEvent => ({ seq: 1, type: 'award.announced', at: new Date(revealAt).toISOString(), data: { awardIds: ['a1'], revealAt, awards: [] } })

describe('RevealTracker', () => {
  let tracker: RevealTracker | null = null
  afterEach(() => tracker?.stop())

  it('counts the sites that were asked (online at the announcement), so "3/2" cannot happen', () => {
    let online = ['hub', 'd1']
    tracker = new RevealTracker(() => undefined, 1_000, () => online)
    tracker.appended('c1', [announced(10_000)])
    // A site comes online after the announcement; another drops: neither changes who was asked.
    online = ['hub', 'd2']
    expect(tracker.report(site('hub'), 's1', 10_000, 10_004)).toBe(true)
    expect(tracker.report(site('d1'), 's2', 10_000, 10_009)).toBe(true)
    expect(tracker.report(site('d2'), 's3', 10_000, 10_020)).toBe(true)
    const [stat] = tracker.current('c1')
    expect(stat).toMatchObject({ asked: 2, sites: 2, clients: 3, spreadMs: 16 })
  })

  it('asks no site when none is online, and counts none', () => {
    tracker = new RevealTracker(() => undefined, 1_000, () => [])
    tracker.appended('c1', [announced(5_000)])
    tracker.report(site('d1'), 's1', 5_000, 5_001)
    expect(tracker.current('c1')[0]).toMatchObject({ asked: 0, sites: 0, clients: 1 })
  })
})
