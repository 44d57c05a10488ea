/**
 * Vitest's order of files, with the ones whose length is mostly waiting started first: the Redis
 * outages (2 min, 30 s and 6 s of a stopped or frozen Redis) and the start-up refusals (a wait for
 * Redis, killed holders). Vitest runs the largest files first when it has no timings of an earlier
 * run, as on a clean clone in CI, and these small files then began last, when the other fork was
 * done: the run lasted as long as the work before them plus their waits (341 s beside Playwright).
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node'

const WAITING = ['server/redis-outage.test.ts', 'server/startup.test.ts']

export class WaitingFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => {
      const i = WAITING.findIndex((name) => f.moduleId.endsWith(name))
      return i < 0 ? WAITING.length : i
    }
    const sorted = await super.sort(files)
    return sorted.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map(({ f }) => f)
  }
}
