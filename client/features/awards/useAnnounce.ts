/**
 * Announcing from the host console: a big batch, or any batch while a roll is on the halls'
 * screens, is confirmed first, showing the roll's pace against the time left in the item (and
 * that it queues behind the roll in progress, or may end it); the roll's plan travels with the
 * command so every hall turns the same pages.
 */
import { computed, ref, type Ref } from 'vue'
import { storeToRefs } from 'pinia'
import { useI18n } from 'vue-i18n'
import type { Award } from '../../../shared/domain.js'
import { REVEAL_LEAD_MS } from '../../../shared/features/awards/contract.js'
import { rollAt, rollTimeline, ROLL_FROM } from '../../../shared/features/awards/roll.js'
import { useConferenceStore } from '../../stores/conference.js'
import { useSessionStore } from '../../stores/session.js'
import { useCommand } from '../../composables/useCommand.js'
import { useFormat } from '../../composables/useFormat.js'
import { useLookups } from './useLookups.js'
import { planRoll, type RollProposal } from './plan-roll.js'
import { timeLeftInItem, type RollGroup } from './roll.js'

/** Above this many awards, an announcement asks first. */
const CONFIRM_ABOVE = 50
/** The command's limit; a bigger announcement goes in several commands. */
const MAX_PER_COMMAND = 5000

export interface Confirming {
  awards: Award[]
  what: string
  /** The roll's plan and pace, for a batch that makes a roll. */
  proposal: RollProposal | null
  /** Server ms the batch is expected on screen (after the roll in progress, if any). */
  startsAt: number
  /** The roll on the screens now, if any: its end (Infinity while paused). */
  inProgress: { endsAt: number; paused: boolean } | null
  itemTitle: string
}

export function useAnnounce(countdown: Ref<number>, onSent: (ids: string[]) => void) {
  const { state } = storeToRefs(useConferenceStore())
  const { clockOffsetMs } = storeToRefs(useSessionStore())
  const { t } = useI18n()
  const { formatNumber } = useFormat()
  const { types, sites, typeName } = useLookups()
  const { run, busy } = useCommand()
  const confirming = ref<Confirming | null>(null)
  const serverNow = () => Date.now() + clockOffsetMs.value

  const words = {
    groupTitle: (g: RollGroup) => [typeName(g.typeId), g.awardClass].filter(Boolean).join(' '),
    groupLine: (g: RollGroup) => `${t(`roll.kind.${g.kind}`)}  ${g.decision ?? ''}`,
    withdrawn: (a: Award) => `${t('dashboard.withdrawn')} — ${t('dashboard.reason', { reason: a.retracted?.reason ?? '' })}`,
  }
  const currentItem = computed(() => state.value.agenda.items.find((i) => i.id === state.value.agenda.currentItemId) ?? null)

  function prepare(awards: Award[], what: string): Confirming {
    const now = serverNow()
    const at = rollAt(state.value.roll.runs, now)
    const live = at && at.run.plan && (at.phase === 'running' || at.phase === 'paused') ? at : null
    const queueEnd = Math.max(now, ...rollTimeline(state.value.roll.runs).map((x) => x.end))
    const startsAt = Math.max(now + (countdown.value ? countdown.value * 1000 : REVEAL_LEAD_MS), queueEnd)
    const budget = startsAt === Infinity ? null : timeLeftInItem(currentItem.value, startsAt)
    const proposal = awards.length >= ROLL_FROM
      ? planRoll(awards, { types: types.value, siteOrder: [...sites.value.keys()] }, words, budget !== null && budget > 0 ? budget : null)
      : null
    return { awards, what, proposal, startsAt, inProgress: live ? { endsAt: live.end, paused: live.phase === 'paused' } : null, itemTitle: currentItem.value?.title ?? '' }
  }

  function announce(awards: Award[], what: string) {
    if (!awards.length) return
    const c = prepare(awards, what)
    if (awards.length > CONFIRM_ABOVE || c.inProgress) confirming.value = c
    else void send(c)
  }

  /** Sends the batch; `endRoll`: ends the roll on the screens first, so this one shows at once. */
  async function send(c: Confirming, endRoll = false) {
    confirming.value = null
    if (endRoll && !(await run('award.controlRoll', { action: 'end' }))) return
    const revealInMs = countdown.value ? countdown.value * 1000 : undefined
    const ids = c.awards.map((a) => a.id)
    for (let i = 0; i < ids.length; i += MAX_PER_COMMAND) {
      const chunk = ids.slice(i, i + MAX_PER_COMMAND)
      const last = i + MAX_PER_COMMAND >= ids.length
      // A batch split in commands is one roll per command, each paced for its share.
      const roll = c.proposal && ids.length <= MAX_PER_COMMAND ? { roll: c.proposal.plan } : {}
      const ok = await run('award.announce', { awardIds: chunk, ...(revealInMs === undefined ? {} : { revealInMs }), ...roll }, last ? t('host.announcedOk', { n: formatNumber(ids.length) }) : undefined)
      if (!ok) return
    }
    onSent(ids)
  }

  return { confirming, announce, send, busy, run }
}
