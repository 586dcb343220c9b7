// A screenshot of a page at 1280 px and at 390 px wide, under console/test-results/ (git-ignored).
import type { Page } from '@playwright/test'

export async function shoot(page: Page, name: string) {
  await page.waitForLoadState('networkidle').catch(() => {})
  // No spinner in the picture: wait (a little) for lists and charts to finish loading.
  await page.waitForFunction(() => !document.querySelector('.n-spin-body, .n-data-table-loading-wrapper'), null, { timeout: 10_000 }).catch(() => {})
  await page.screenshot({ path: `test-results/${name}-1280.png`, fullPage: true })
  const size = page.viewportSize()
  await page.setViewportSize({ width: 390, height: 844 })
  await page.waitForTimeout(300)
  await page.screenshot({ path: `test-results/${name}-390.png`, fullPage: true })
  if (size) await page.setViewportSize(size)
  await page.waitForTimeout(200)
}
