import { expect, type Page } from '@playwright/test'

// Events reach stats-service's event log through the event stream about a second after the API call
// (its idle poll backs off to 1 s), so a page opened right after may not show them yet. This reloads
// the page, reopens what the check needs (a tab), and checks again until it passes.
export async function reloadUntil(page: Page, check: () => Promise<void>,
  options: { reopen?: () => Promise<void>; timeout?: number } = {}): Promise<void> {
  await expect(async () => {
    await page.reload()
    if (options.reopen) await options.reopen()
    await check()
  }).toPass({ timeout: options.timeout ?? 30_000 })
}
