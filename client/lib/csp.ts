/**
 * Imported first by main.ts: the pages run under a Content-Security-Policy without
 * 'unsafe-eval' (server/http/headers.ts), so zod must never try `new Function` — it probes for it
 * when the first schema is built, which is why this runs before any module that defines one.
 */
import { z } from 'zod'

z.config({ jitless: true })
