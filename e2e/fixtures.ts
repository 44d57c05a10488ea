/**
 * The specs' `test`:
 * - `server`, `links`: the real server (`server/main.ts`) of this spec file, on a free port with a
 *   data directory of its own, started by the first test that asks for it and stopped when the
 *   worker moves on to another file; so no spec sees what another one left, and files run side
 *   by side on several workers. Specs that need another server (a lobby, 700 sites, Redis) start
 *   their own with `startPrivateServer`.
 * - whatever browser contexts a test opens are closed when it ends, so that no page of an earlier
 *   test stays connected (a site that would still be online, hall screens that would still render)
 *   while the next one runs.
 */
import { test as base } from '@playwright/test'
import type { AccessLinks } from './helpers.js'
import { startAppServer, type PrivateServer } from './private-server.js'

export * from '@playwright/test'

/** One server per spec file in a worker: a file's tests share it, in the order they are written. */
class FileServers {
  private current: { file: string; server: Promise<PrivateServer> } | null = null

  async for(file: string): Promise<PrivateServer> {
    if (this.current?.file !== file) {
      await this.stop()
      this.current = { file, server: startAppServer() }
    }
    return this.current.server
  }

  async stop(): Promise<void> {
    const running = this.current?.server
    this.current = null
    await running?.then((s) => s.stop(), () => undefined)
  }
}

export const test = base.extend<{ closeContexts: void; server: PrivateServer; links: AccessLinks }, { fileServers: FileServers }>({
  fileServers: [
    async ({}, use) => {
      const servers = new FileServers()
      await use(servers)
      await servers.stop()
    },
    { scope: 'worker' },
  ],
  server: async ({ fileServers }, use, testInfo) => {
    const t0 = Date.now()
    const server = await fileServers.for(testInfo.file)
    // Starting the file's server is not the test's time.
    testInfo.setTimeout(testInfo.timeout + (Date.now() - t0))
    await use(server)
  },
  links: async ({ server }, use) => use(server.links),
  closeContexts: [async ({ browser }, use) => {
    await use()
    await Promise.all(browser.contexts().map((c) => c.close().catch(() => undefined)))
  }, { auto: true }],
})
