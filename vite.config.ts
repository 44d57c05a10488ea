import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import { precompress } from './scripts/precompress.js'

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
    // Integration tests start servers and child processes; two cores, so keep forks modest.
    pool: 'forks',
    maxWorkers: 2,
  },
})
