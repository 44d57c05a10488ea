import { defineConfig } from '@playwright/test'

/** e2e against the real server and Debian's Chromium (no browser download is possible here). */
export default defineConfig({
  testDir: 'e2e',
  // Screenshots are their own run (`npm run screenshots`): they assert nothing, so `npm test` leaves them out.
  testIgnore: process.env.SCREENSHOTS ? [] : ['**/screenshots*.spec.ts'],
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: 'http://127.0.0.1:3197',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run', '--disable-quic',
      ],
    },
  },
  webServer: {
    command: 'bash e2e/start-server.sh',
    url: 'http://127.0.0.1:3197/api/health',
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
})
