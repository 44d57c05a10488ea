/**
 * Live ink as this screen received it, per bloc: beside the conference state, never part of
 * it (the submitted signature is what counts). Fed by useConferenceSync's `ink` listener.
 */
import { defineStore } from 'pinia'
import { shallowRef } from 'vue'
import type { InkBatch } from '../../../shared/protocol.js'
import { applyInk, type LiveDrawing } from './ink.js'

export const useInkStore = defineStore('ink', () => {
  /** blocId → its drawing in progress; replaced on each batch so views re-render. */
  const drawings = shallowRef<Record<string, LiveDrawing>>({})

  function receive(b: InkBatch): void {
    drawings.value = { ...drawings.value, [b.blocId]: applyInk(drawings.value[b.blocId], b, performance.now()) }
  }

  /** The bloc's signature landed (or was voided): its preview goes. */
  function forget(blocId: string): void {
    if (!(blocId in drawings.value)) return
    const { [blocId]: _gone, ...rest } = drawings.value
    drawings.value = rest
  }

  return { drawings, receive, forget }
})
