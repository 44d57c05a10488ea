/**
 * Every feature's examples, by feature (test support: only tests import it). Each is a scenario of
 * the whole conference (created, started, with other features' events), so they stand in
 * ../testing/examples/<name>.ts, above the features, and run through the registry (./run-examples.ts).
 */
import type { Examples } from '../testing/given.js'
import { agendaExamples } from '../testing/examples/agenda.js'
import { awardsExamples } from '../testing/examples/awards.js'
import { conferenceExamples } from '../testing/examples/conference.js'
import { signingExamples } from '../testing/examples/signing.js'
import { sitesExamples } from '../testing/examples/sites.js'

export const EXAMPLES: Record<string, Examples> = {
  conference: conferenceExamples,
  agenda: agendaExamples,
  sites: sitesExamples,
  awards: awardsExamples,
  signing: signingExamples,
}
