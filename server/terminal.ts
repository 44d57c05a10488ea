/**
 * What the person at the terminal reads when they start the server: the address, the access links,
 * a one-sentence refusal. Not logs: logs go through pino (server/log.ts). Written as plain lines so
 * that scripts and tests reading the output see exactly these words.
 */

/** A line for the person starting the server, on stdout. */
export function say(text: string): void {
  process.stdout.write(`${text}\n`)
}

/** A line the person must act on (a refusal, a damaged file set aside), on stderr. */
export function warn(text: string): void {
  process.stderr.write(`${text}\n`)
}
