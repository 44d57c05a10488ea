import { defineConfig } from '@playwright/test'

/**
 * e2e against the real server and Debian's Chromium (no browser download is possible here): its
 * headless shell (package chromium-headless-shell), the engine without the browser's windowing,
 * which takes a third less CPU a page than `chromium --headless`; CHROMIUM_PATH picks another.
 * Every spec file has a server of its own on a free port (e2e/fixtures.ts), so files run side by side.
 */
const TIMED = ['**/reveal.spec.ts', '**/reveal-slow.spec.ts', '**/scale.spec.ts', '**/scale-national.spec.ts']
// Screenshots are their own run (`npm run screenshots`): they assert nothing, so `npm test` leaves them out.
const SCREENSHOTS = process.env.SCREENSHOTS ? [] : ['**/screenshots*.spec.ts']

export default defineConfig({
  testDir: 'e2e',
  // The server bundles every spec's own server runs (scripts/build-server.mjs).
  globalSetup: './e2e/global-setup.ts',
  workers: Number(process.env.E2E_WORKERS ?? 3),
  // A file's tests share its server, in order; the files themselves are independent.
  fullyParallel: false,
  // Generous: on a loaded two-core machine a step of a page can take seconds; the time promises
  // (offline within 5 s, revocation within 5 s, …) have their own bounds in the specs.
  timeout: 180_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  projects: [
    { name: 'e2e', testIgnore: [...TIMED, ...SCREENSHOTS] },
    // The specs that measure time and frames on this machine (a reveal's instant across halls, the
    // console's frames with 700 and 3,356 sites) run after the others, one at a time: another
    // worker's Chromium on the same two cores would measure itself, not the product. (The timers'
    // flips, agenda-timing.spec, are judged against 870 ms and measured 23 ms apart beside the whole
    // e2e run: they run with it.)
    // The halls as they are by default, in motion: what is measured is what a hall PC does.
    { name: 'timed', testMatch: TIMED, workers: 1, dependencies: ['e2e'], use: { contextOptions: { reducedMotion: 'no-preference' } } },
  ],
  use: {
    // Every context (those the specs open with browser.newContext too) asks for reduced motion:
    // what is checked is what the pages show and do, and a hall in motion during a roll took 13 % of
    // a core, against 2.5 % at rest (client/styles.css). The timed specs keep the motion.
    contextOptions: { reducedMotion: 'reduce' },
    // A step whose element never comes fails there, naming it, not at the test's timeout.
    actionTimeout: 30_000,
    // A failed test keeps its trace: actions, console, network. Without the screencast and DOM
    // snapshots, which made the browser draw and encode frames through every test that passed
    // (a third of the run's time); E2E_TRACE=full records them.
    trace: process.env.E2E_TRACE === 'full' ? 'retain-on-failure' : { mode: 'retain-on-failure', screenshots: false, snapshots: false },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium-headless-shell',
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run', '--disable-quic',
      ],
    },
  },
})
