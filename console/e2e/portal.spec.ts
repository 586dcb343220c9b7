// The customer portal through the real stack: a customer registers, redeems a key, sees the device
// an API call activated, deactivates it and sees the slot freed, asks for an extension that the
// seller approves in the seller's pages, and the seller's CSV export matches the API's list.
import { test, expect } from '@playwright/test'
import { readFile } from 'node:fs/promises'
import { expectOk, unique } from './api'
import { shoot } from './shots'

test('a customer redeems, frees a device slot, gets an extension approved; exports match the API', async ({ page, browser }) => {
  const id = unique()
  // The seller and its key, through the API.
  const sellerLogin = `pseller${id}`
  const sellerPassword = 'seller-pass-123'
  const sellerName = `P${id.toUpperCase().replace(/[^A-Z0-9]/g, '')}`.slice(0, 20)
  await expectOk('POST', '/api/v1/auth/register', { username: sellerLogin, email: `${sellerLogin}@acme.test`, password: sellerPassword, role: 'SELLER', seller_name: sellerName })
  const seller = (await expectOk('POST', '/api/v1/auth/sign-in', { login: sellerLogin, password: sellerPassword })).access_token as string
  const product = await expectOk('POST', '/api/v1/products', { code: 'PORTAL', name: 'Portal App', key_scheme: 'SEGMENTED', default_term: 'ANNUAL', default_max_devices: 2 }, seller)
  const issued = await expectOk('POST', '/api/v1/licenses', { product_id: product.id }, seller)
  const key = issued.key as string
  const licenseId = issued.license.id as number

  // The customer signs up in the console and lands on the portal.
  const username = `pcust${id}`
  await page.goto('/sign-up')
  await page.getByText('A customer').click()
  await page.getByLabel('Username', { exact: true }).fill(username)
  await page.getByLabel('E-mail', { exact: true }).fill(`${username}@example.test`)
  await page.getByLabel('Password', { exact: true }).fill('customer-pass-123')
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(page).toHaveURL(/\/my$/)
  await expect(page.getByTestId('list-empty')).toBeVisible()

  // Redeems the key.
  await page.getByLabel('Redeem a key').fill(key)
  await page.getByRole('button', { name: 'Redeem' }).click()
  await expect(page.getByTestId('redeemed')).toContainText('PORTAL is now yours (ACTIVE)')
  await expect(page.getByTestId('my-licenses')).toContainText('PORTAL')
  await expect(page.getByTestId('devices-used')).toHaveText('0 of 2')
  // Redeeming starts the term: the expiry the extension adds to.
  const redeemed = await expectOk('GET', `/api/v1/licenses/${licenseId}`, undefined, seller)

  // The application activates a device through the API; the portal shows it and the slot used.
  await expectOk('POST', '/api/v1/devices/activate', { license_key: key, device_id: 'pc-portal', hwid: 'HWID-PORTAL-1', name: 'Studio PC' })
  await page.reload()
  await expect(page.getByTestId('devices-used')).toHaveText('1 of 2')
  await shoot(page, 'portal-licenses')
  await page.getByTestId('my-license-link').click()
  await expect(page).toHaveURL(new RegExp(`/my/licenses/${licenseId}$`))
  await expect(page.getByTestId('my-devices')).toContainText('Studio PC')
  await expect(page.getByTestId('slots')).toContainText('1 of 2 slots used')
  await page.getByRole('button', { name: 'Reveal' }).click()
  await expect(page.getByTestId('license-key')).toHaveText(key)
  await shoot(page, 'portal-license')
  // The README's picture (docs/img/portal-license.png is a copy): the top of the page, one screen.
  await page.screenshot({ path: 'test-results/portal-license-docs.png' })

  // Deactivates it: the slot is free again.
  await page.getByRole('button', { name: 'Deactivate' }).click()
  await page.getByTestId('action-confirm').click()
  await expect(page.getByTestId('slots')).toContainText('0 of 2 slots used')
  await expect(page.getByTestId('my-devices')).toContainText('UNBOUND')
  const device = await expectOk('GET', `/api/v1/devices?license_id=${licenseId}`, undefined, seller)
  expect(device.bound_devices).toBe(0)

  // Asks for 30 more days.
  const before = await page.getByTestId('license-expires').innerText()
  await page.getByRole('button', { name: 'Request an extension' }).click()
  await page.getByLabel(/^Days/).fill('30')
  await page.getByTestId('action-confirm').click()
  await expect(page.getByTestId('my-requests')).toContainText('PENDING')

  // The seller approves it in the seller's pages.
  const sellerContext = await browser.newContext()
  const sellerPage = await sellerContext.newPage()
  await sellerPage.goto('/sign-in')
  await sellerPage.getByLabel('Username or e-mail').fill(sellerLogin)
  await sellerPage.getByLabel('Password', { exact: true }).fill(sellerPassword)
  await sellerPage.getByRole('button', { name: 'Sign in' }).click()
  await expect(sellerPage).toHaveURL(/\/seller$/)
  await sellerPage.goto('/seller/requests')
  await sellerPage.getByRole('button', { name: 'Approve' }).first().click()
  await sellerPage.getByTestId('action-confirm').click()
  await expect(sellerPage.getByRole('button', { name: 'Approve' })).toHaveCount(0)

  // The customer sees it approved and the license 30 days longer.
  await page.reload()
  await expect(page.getByTestId('my-requests')).toContainText('APPROVED')
  await expect(page.getByTestId('license-expires')).not.toHaveText(before)
  const after = await expectOk('GET', `/api/v1/licenses/${licenseId}`, undefined, seller)
  expect(new Date(after.expires_at).getTime() - new Date(redeemed.expires_at).getTime()).toBe(30 * 86_400_000)

  await page.goto('/account')
  await expect(page.getByTestId('sessions')).toContainText('this one')
  await shoot(page, 'portal-account')

  // The seller downloads its licenses as CSV; the rows are the API's list.
  await sellerPage.goto('/seller/exports')
  await sellerPage.getByRole('button', { name: 'Licenses' }).click()
  const downloading = sellerPage.waitForEvent('download')
  await sellerPage.locator('.n-dropdown-option', { hasText: 'CSV' }).click()
  const file = await (await downloading).path()
  const lines = (await readFile(file, 'utf8')).trimEnd().split('\r\n')
  const header = lines[0].split(',')
  const rows = lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [header[i], v])))
  const listed = await expectOk('GET', '/api/v1/licenses?size=100', undefined, seller)
  expect(rows.length).toBe(listed.total)
  for (const l of listed.items) {
    const row = rows.find((r) => r.id === String(l.id))
    expect(row, `license ${l.id} in the CSV`).toBeTruthy()
    expect([row!.product_code, row!.key_hint, row!.status, row!.owner_username]).toEqual([l.product_code, l.key_hint, l.status, username])
  }
  await shoot(sellerPage, 'seller-exports')
  await sellerContext.close()
})
