import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import { precompress } from './scripts/precompress.js'
import { WaitingFirst } from './server/test/sequencer.js'

const serverPort = Number(process.env.PORT ?? 3000)

export default defineConfig({
  root: 'client',
  // Brotli and gzip copies of the assets, served as they are (server/http/static-assets.ts).
  plugins: [vue(), precompress()],
  build: { outDir: '../dist/client', emptyOutDir: true },
  server: {
    proxy: {
      '/api': `http://localhost:${serverPort}`,
      '/socket.io': { target: `ws://localhost:${serverPort}`, ws: true },
    },
  },
  test: {
    root: '.',
    include: ['server/**/*.test.ts', 'shared/**/*.test.ts', 'client/**/*.test.ts'],
    // The server bundles that the process tests start (scripts/build-server.mjs).
    globalSetup: ['server/test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration tests start servers and child processes in forks; two cores, and Playwright's
    // browsers beside them in \`npm test\`, so two forks (three starved servers' starts in CI).
    pool: 'forks',
    maxWorkers: 2,
    // A fork keeps the modules it has loaded for its next file: every test file leaves the
    // process as it found it (servers closed, timers cleared), and importing the server's
    // modules again for each of 84 files was two thirds of the run (import 268 s of CPU → 13 s).
    isolate: false,
    // The files that mostly wait (Redis outages, start-up waits) begin first, on a clean clone too.
    sequence: { sequencer: WaitingFirst },
  },
})
