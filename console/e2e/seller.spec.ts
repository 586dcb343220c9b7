// A seller's day in the console, with a customer and the seller's application acting through the
// API: sign up, create a product, issue a key, see the device the application activated come
// online, suspend the license and see the application's next heartbeat answer `blocked`.
import { test, expect, type Page } from '@playwright/test'
import { call, customer, expectOk, unique } from './api'
import { reloadUntil } from './reload'
import { shoot } from './shots'

async function choose(page: Page, testId: string, option: string) {
  await page.getByTestId(testId).click()
  await page.locator('.n-base-select-option', { hasText: option }).first().click()
}

test('seller issues a key, sees the device online, suspends the license and the heartbeat is blocked', async ({ page }) => {
  const id = unique()
  const username = `seller${id}`
  const sellerName = `S${id.toUpperCase().replace(/[^A-Z0-9]/g, '')}`.slice(0, 20)

  // Sign up as a seller: the console signs in and lands on the seller's home.
  await page.goto('/')
  await expect(page).toHaveURL(/\/sign-in/)
  await shoot(page, 'sign-in')
  await page.getByRole('link', { name: 'Create one' }).click()
  await expect(page.getByText('Create an account')).toBeVisible()
  await page.getByLabel('Username', { exact: true }).fill(username)
  await page.getByLabel('E-mail', { exact: true }).fill(`${username}@acme.test`)
  await page.getByLabel('Password', { exact: true }).fill('seller-pass-123')
  await page.getByLabel(/Seller name/).fill(sellerName)
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(page).toHaveURL(/\/seller$/)
  await expect(page.getByTestId('signed-in-as')).toHaveText(username)
  // The access token lives in memory only: a reload signs in again with the refresh cookie.
  await page.reload()
  await expect(page).toHaveURL(/\/seller$/)
  await expect(page.getByTestId('signed-in-as')).toHaveText(username)
  const cookies = await page.context().cookies()
  const refresh = cookies.find((c) => c.name === 'lm_refresh')
  expect(refresh?.httpOnly).toBe(true)
  expect(refresh?.sameSite).toBe('Strict')
  expect(refresh?.path).toBe('/api/v1/auth/refresh')
  expect(await page.evaluate(() => document.cookie + JSON.stringify(localStorage) + JSON.stringify(sessionStorage))).not.toContain('eyJ')

  // A product.
  await page.getByRole('link', { name: 'Products' }).first().click()
  await expect(page.getByTestId('list-empty')).toBeVisible()
  await page.getByRole('button', { name: 'New product' }).click()
  await page.getByLabel(/^Code/).fill('APP')
  await page.getByLabel('Name', { exact: true }).fill('Acme App')
  await page.getByLabel(/^Max devices/).fill('2')
  await page.getByRole('button', { name: 'Create product' }).click()
  await expect(page.getByTestId('products-table')).toContainText('Acme App')
  await shoot(page, 'seller-products')

  // A key, shown once.
  await page.getByRole('link', { name: 'Licenses' }).first().click()
  await page.getByRole('button', { name: 'Issue licenses' }).click()
  await choose(page, 'issue-product', 'Acme App')
  await page.getByRole('button', { name: /^Issue key/ }).click()
  const keyCell = page.getByTestId('issued-keys').locator('td.mono').first()
  await expect(keyCell).toContainText(sellerName)
  const key = (await keyCell.innerText()).trim()
  await shoot(page, 'seller-keys-issued')
  await page.getByRole('button', { name: 'Done' }).click()
  await expect(page.getByTestId('licenses-table')).toContainText('UNUSED')
  // Search by key: the last characters (all the API keeps readable) and the whole key.
  await page.getByTestId('key-search').fill(key.slice(-4).toLowerCase())
  await expect(page).toHaveURL(new RegExp(`key=${key.slice(-4).toLowerCase()}`))
  await expect(page.getByTestId('licenses-table')).toContainText(`…${key.slice(-5)}`)
  await page.getByTestId('key-search').fill(key)
  await expect(page.getByTestId('licenses-table').locator('tbody tr')).toHaveCount(1)
  await page.getByTestId('key-search').fill('ZZZZZZZ')
  await expect(page.getByTestId('list-error')).toContainText('key')
  await page.getByTestId('key-search').fill('')
  await expect(page.getByTestId('licenses-table')).toContainText('UNUSED')

  // The customer redeems the key; the application activates this device and runs a session.
  const buyer = await customer()
  await expectOk('POST', '/api/v1/licenses/redeem', { key }, buyer.token)
  await expectOk('POST', '/api/v1/devices/activate', { license_key: key, device_id: 'pc-e2e', hwid: 'HWID-E2E-1', name: 'Office PC' })
  const session = await expectOk('POST', '/api/v1/sessions', { license_key: key, device_id: 'pc-e2e', client_version: '1.0.0' })
  const beat = await expectOk('POST', '/api/v1/sessions/heartbeat', undefined, session.token)
  expect(beat.status).toBe('ok')
  // Two validations: one valid, one refused (the product does not match); the home charts them.
  expect((await expectOk('POST', '/api/v1/licenses/validate', { key, device_id: 'pc-e2e' })).valid).toBe(true)
  expect((await call('POST', '/api/v1/licenses/validate', { key, product: 'OTHER' })).json?.valid).toBe(false)

  // The license page shows the device online without a reload.
  await page.reload()
  await expect(page.getByTestId('licenses-table')).toContainText('ACTIVE')
  await page.getByTestId('licenses-table').getByRole('link').first().click()
  await expect(page.getByTestId('license-status')).toHaveText('ACTIVE')
  await expect(page.getByTestId('devices-table')).toContainText('Office PC')
  await expect(page.getByTestId('device-online')).toBeVisible({ timeout: 20_000 })
  await expect(page.getByTestId('online-count')).toContainText('1 online now')
  await shoot(page, 'seller-license-detail')
  const licenseUrl = page.url()
  // The home counts it too (online now, licenses by status).
  await page.getByRole('link', { name: 'Home' }).first().click()
  await expect(page.getByTestId('home-online')).toContainText('1')
  await reloadUntil(page,
    () => expect(page.getByRole('img', { name: 'Validations per day over the last 30 days: 1 valid, 1 refused' })).toBeVisible({ timeout: 3_000 }),
    { timeout: 40_000 })
  await shoot(page, 'seller-home')
  await page.goto(licenseUrl)
  await expect(page.getByTestId('device-online')).toBeVisible({ timeout: 20_000 })

  // A second device takes a session; the seller ends it (confirmed) and its next heartbeat says so.
  await expectOk('POST', '/api/v1/devices/activate', { license_key: key, device_id: 'laptop-e2e', hwid: 'HWID-E2E-2', name: 'Laptop' })
  const second = await expectOk('POST', '/api/v1/sessions', { license_key: key, device_id: 'laptop-e2e', client_version: '1.0.0' })
  expect((await expectOk('POST', '/api/v1/sessions/heartbeat', undefined, second.token)).status).toBe('ok')
  await expect(page.getByTestId('online-count')).toContainText('2 online now', { timeout: 20_000 })
  await page.getByTestId('devices-table').locator('tr', { hasText: 'Laptop' }).getByTestId('end-session').click()
  await expect(page.getByText('The session ends now')).toBeVisible()
  await page.getByTestId('action-confirm').click()
  await expect(page.getByTestId('online-count')).toContainText('1 online now', { timeout: 20_000 })
  const ended = await call('POST', '/api/v1/sessions/heartbeat', undefined, second.token)
  expect(ended.json?.status, JSON.stringify(ended.json)).toBe('expired')
  expect(ended.json?.end_reason).toBe('ended_by_seller')

  // Suspend in the console (confirmed); the application's next heartbeat is blocked.
  await page.getByRole('button', { name: 'Suspend' }).click()
  await page.getByLabel(/^Reason/).fill('chargeback')
  await page.getByTestId('action-confirm').click()
  await expect(page.getByTestId('license-status')).toHaveText('SUSPENDED')
  const next = await call('POST', '/api/v1/sessions/heartbeat', undefined, session.token)
  expect(next.json?.status, JSON.stringify(next.json)).toBe('blocked')

  // The other pages of the seller, for the screenshots (and that each one loads).
  await page.locator('.n-tabs-tab', { hasText: 'Usage' }).click()
  await expect(page.getByRole('heading', { name: 'Usage', exact: true })).toBeVisible()
  // The license's events come through the event stream (stored within about a second): reopen the
  // tab until the suspension is there.
  await reloadUntil(page, () => expect(page.getByTestId('events-table')).toContainText('license.suspended', { timeout: 3_000 }),
    { reopen: () => page.locator('.n-tabs-tab', { hasText: 'Events' }).click() })
  await shoot(page, 'seller-license-events')
  await page.getByRole('link', { name: 'Licenses' }).first().click()
  await expect(page.getByTestId('licenses-table')).toContainText('SUSPENDED')
  await shoot(page, 'seller-licenses')
  await page.getByRole('link', { name: 'Customers' }).first().click()
  await expect(page.getByTestId('customers-table')).toContainText(`account #${buyer.id}`)
  await shoot(page, 'seller-customers')
  for (const [link, name] of [['Requests', 'seller-requests'], ['Releases', 'seller-releases'], ['Webhooks', 'seller-webhooks'], ['Event log', 'seller-events']]) {
    await page.getByRole('link', { name: link }).first().click()
    await expect(page.locator('h1')).toBeVisible()
    await expect(page.getByTestId('list-loading')).toHaveCount(0)
    await expect(page.getByTestId('list-error')).toHaveCount(0)
    await shoot(page, name)
  }

  // Signing out revokes the refresh cookie: a reload stays signed out.
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page).toHaveURL(/\/sign-in/)
  await page.goto('/seller')
  await expect(page).toHaveURL(/\/sign-in/)
})
