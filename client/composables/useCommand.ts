/** Sends a command and tells the person at the screen how it went (refusals in a toast). */
import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { CommandOf, CommandType } from '../../shared/commands.js'
import { useNoticesStore } from '../stores/notices.js'
import { useCommands, type ConferenceSync } from './useConferenceSync.js'

/** `sync` is for the page that owns the connection itself; components below it inject it. */
export function useCommand(sync?: ConferenceSync) {
  const { send } = sync ?? useCommands()
  const notices = useNoticesStore()
  const { t } = useI18n()
  /** True while a command of this component waits for its ack. */
  const busy = ref(false)

  async function run<T extends CommandType>(type: T, data: CommandOf<T>['data'], okText?: string): Promise<boolean> {
    busy.value = true
    try {
      const ack = await send(type, data)
      if (ack.ok) {
        if (okText) notices.push('success', okText)
        return true
      }
      if ('local' in ack) notices.push('error', t(ack.local === 'timeout' ? 'common.timeout' : 'common.notConnected'))
      else notices.push('error', `${t(`errors.${ack.error.code}`)}: ${ack.error.message}`)
      return false
    } finally {
      busy.value = false
    }
  }

  return { run, busy }
}
