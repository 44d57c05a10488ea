/** Every feature's examples, by feature (test support: only tests import it). */
import type { Examples } from '../testing/given.js'
import { agendaExamples } from './agenda/examples.js'
import { awardsExamples } from './awards/examples.js'
import { conferenceExamples } from './conference/examples.js'
import { signingExamples } from './signing/examples.js'
import { sitesExamples } from './sites/examples.js'

export const EXAMPLES: Record<string, Examples> = {
  conference: conferenceExamples,
  agenda: agendaExamples,
  sites: sitesExamples,
  awards: awardsExamples,
  signing: signingExamples,
}
