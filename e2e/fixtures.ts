/**
 * The specs' `test`: whatever browser contexts a test opens are closed when it ends, so that no
 * page of an earlier test stays connected (a site that would still be online, hall screens that
 * would still render) while the next one runs. Everything else is Playwright's own.
 */
import { test as base } from '@playwright/test'

export * from '@playwright/test'

export const test = base.extend<{ closeContexts: void }>({
  closeContexts: [async ({ browser }, use) => {
    await use()
    await Promise.all(browser.contexts().map((c) => c.close().catch(() => undefined)))
  }, { auto: true }],
})
