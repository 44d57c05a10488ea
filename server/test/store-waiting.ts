/**
 * After the store (Redis) returns, each of a server's connections to it (log, links, budgets)
 * comes back on its own: until the one a request needs is back, the request is answered with
 * `server.storeUnavailable` and nothing changes. Tests that go on right after an outage ask again
 * while that is the answer, as a page does after `retryAfterMs`.
 */
import { ErrorReason } from '../../shared/errors.js'

/** True when `answer` (a command's ack, an HTTP body) says the store is out for a moment. */
export function storeWaiting(answer: unknown): boolean {
  if (typeof answer !== 'object' || answer === null || !('error' in answer)) return false
  const error = answer.error
  return typeof error === 'object' && error !== null && 'reason' in error && error.reason === ErrorReason.storeUnavailable
}

/** `ask()`, again every `everyMs` while its answer says the store is coming back, for at most `withinMs`: the first other answer, else the last. */
export async function whenStoreAnswers<T>(ask: () => Promise<T>, withinMs = 10_000, everyMs = 250): Promise<T> {
  const deadline = Date.now() + withinMs
  let answer = await ask()
  while (storeWaiting(answer) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, everyMs))
    answer = await ask()
  }
  return answer
}
