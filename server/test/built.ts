/**
 * The server and its scripts as the tests run them: the bundles of scripts/build-server.mjs
 * (built by the test runs' global set-up), started by `node` in well under a second.
 */
import path from 'node:path'
import { PROJECT_ROOT } from '../paths.js'

/** An entry point of dist/server/. */
export type BuiltEntry = 'main' | 'lobby-server' | 'verify' | 'backup'

/** `node`'s arguments to run the bundle of `entry`, stack traces mapped back to the sources. */
export const builtArgs = (entry: BuiltEntry): string[] => ['--enable-source-maps', path.join(PROJECT_ROOT, 'dist', 'server', `${entry}.mjs`)]
