/**
 * The server's structured log (pino, one JSON object a line on stdout): connections, refusals and
 * failures with the role and conference they concern. Never payloads or secrets: no tokens, no
 * signature strokes, no command data; the paths below are censored should one slip into a field.
 */
import { pino } from 'pino'

const level = process.env['LOG_LEVEL'] ?? (process.env['VITEST'] ? 'silent' : 'info')

export const log = pino({
  level,
  base: { pid: process.pid },
  redact: {
    paths: ['token', '*.token', 'auth', '*.auth', 'authorization', '*.authorization', 'headers.authorization', 'strokes', '*.strokes', 'data', '*.data', 'body', '*.body', 'query.token'],
    censor: '[redacted]',
  },
  serializers: { err: pino.stdSerializers.err },
})

export type Log = typeof log
