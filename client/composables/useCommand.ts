/** Sends a command and tells the person at the screen how it went (refusals in a toast, in people's words). */
import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { CommandOf, CommandType } from '../../shared/commands.js'
import type { ErrorBody } from '../../shared/errors.js'
import { errorText } from '../lib/errors.js'
import { useFormat } from './useFormat.js'
import { useNoticesStore } from '../stores/notices.js'
import { useCommands, type ConferenceSync } from './useConferenceSync.js'

export interface CommandOptions {
  /** Say the refusal only through `lastError` (a dialog shows it beside the form), not in a toast. */
  quiet?: boolean
}

/** `sync` is for the page that owns the connection itself; components below it inject it. */
export function useCommand(sync?: ConferenceSync) {
  const { send } = sync ?? useCommands()
  const notices = useNoticesStore()
  const { t } = useI18n()
  const { timeZone } = useFormat()
  /** True while a command of this component waits for its ack. */
  const busy = ref(false)
  /** The last refusal in people's words, and the error it came from (null after a success). */
  const lastError = ref<{ text: string; error: ErrorBody | null } | null>(null)

  async function run<T extends CommandType>(type: T, data: CommandOf<T>['data'], okText?: string, opts: CommandOptions = {}): Promise<boolean> {
    busy.value = true
    try {
      const ack = await send(type, data)
      if (ack.ok) {
        lastError.value = null
        if (okText) notices.push('success', okText)
        return true
      }
      lastError.value = 'local' in ack
        ? { text: t(ack.local === 'timeout' ? 'common.timeout' : 'common.notConnected'), error: null }
        : { text: errorText(ack.error, timeZone()), error: ack.error }
      if (!opts.quiet) notices.push('error', lastError.value.text)
      return false
    } finally {
      busy.value = false
    }
  }

  return { run, busy, lastError }
}
