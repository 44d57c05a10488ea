/**
 * The server's entry point to who may send which command, and on which subject: each feature's
 * rights (shared/features/<name>/decide.ts), checked in one place.
 */
export { authorize, forbidden } from '../../shared/features/registry.js'
