import { defineConfig } from '@playwright/test'

/**
 * e2e against the real server and Debian's Chromium (no browser download is possible here).
 * Every spec file has a server of its own on a free port (e2e/fixtures.ts), so files run side by side.
 */
export default defineConfig({
  testDir: 'e2e',
  // Screenshots are their own run (`npm run screenshots`): they assert nothing, so `npm test` leaves them out.
  testIgnore: process.env.SCREENSHOTS ? [] : ['**/screenshots*.spec.ts'],
  workers: Number(process.env.E2E_WORKERS ?? 2),
  // A file's tests share its server, in order; the files themselves are independent.
  fullyParallel: false,
  // Generous: on a loaded two-core machine a step of a page can take seconds; the time promises
  // (offline within 5 s, revocation within 5 s, …) have their own bounds in the specs.
  timeout: 180_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run', '--disable-quic',
      ],
    },
  },
})
