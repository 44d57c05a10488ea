/** Agenda timers on the server's clock: the agenda feature's own (features/agenda/timing.ts). */
export * from './features/agenda/timing.js'
