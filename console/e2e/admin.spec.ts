// An administrator in the console: platform dashboard, then suspends a customer, who is refused
// at once (sign-in and the tokens already issued).
import { test, expect } from '@playwright/test'
import { ADMIN_LOGIN, ADMIN_PASSWORD, answerFrom, blockAddress, call, customer } from './api'
import { reloadUntil } from './reload'
import { shoot } from './shots'

test('admin suspends a user who is then refused', async ({ page }) => {
  const person = await customer()
  expect((await call('GET', '/api/v1/accounts/me', undefined, person.token)).status).toBe(200)

  await page.goto('/admin/users')
  await expect(page).toHaveURL(/\/sign-in\?redirect=/)
  await page.getByLabel('Username or e-mail').fill(ADMIN_LOGIN)
  await page.getByLabel('Password').fill(ADMIN_PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  // Back on the page asked for, after signing in.
  await expect(page).toHaveURL(/\/admin\/users$/)

  await page.getByLabel('Search users').fill(person.username)
  const table = page.getByTestId('users-table')
  await expect(table).toContainText(person.username)
  await expect(table.locator('tbody tr')).toHaveCount(1)
  await page.getByRole('button', { name: `Suspend ${person.username}` }).click()
  await page.getByLabel(/^Reason/).fill('chargeback')
  await page.getByTestId('action-confirm').click()
  await expect(table).toContainText('SUSPENDED')
  await shoot(page, 'admin-users')

  const signIn = await call('POST', '/api/v1/auth/sign-in', { login: person.username, password: person.password })
  expect(signIn.status).toBe(403)
  expect(signIn.json.code).toBe('ACCOUNT_SUSPENDED')
  expect((await call('GET', '/api/v1/accounts/me', undefined, person.token)).status).toBeGreaterThanOrEqual(401)

  // Reinstate from the console: the person can sign in again.
  await page.getByRole('button', { name: `Reinstate ${person.username}` }).click()
  await page.getByTestId('action-confirm').click()
  await expect(table).not.toContainText('SUSPENDED')
  expect((await call('POST', '/api/v1/auth/sign-in', { login: person.username, password: person.password })).status).toBe(200)

  // The other admin pages load (and are photographed).
  await page.getByRole('link', { name: 'Dashboard' }).first().click()
  await expect(page.getByTestId('admin-accounts')).toContainText('customers')
  await expect(page.getByTestId('admin-online')).not.toContainText('—')
  await shoot(page, 'admin-dashboard')
  await page.getByRole('link', { name: 'All licenses' }).first().click()
  await expect(page.getByRole('heading', { name: 'All licenses' })).toBeVisible()
  await shoot(page, 'admin-licenses')
  // An address the rate limiter blocked for real is listed; the admin lifts it (confirmed) and it is served again.
  const ip = `198.51.100.${1 + Math.floor(Math.random() * 250)}`
  await blockAddress(ip)
  expect(await answerFrom(ip)).toBe('IP_BLOCKED')
  await page.getByRole('link', { name: 'IP blocks' }).first().click()
  await expect(page.getByTestId('ip-blocks-table')).toContainText(ip)
  await shoot(page, 'admin-ip-blocks')
  await page.getByRole('button', { name: `Lift the block of ${ip}` }).click()
  await page.getByTestId('action-confirm').click()
  await expect(page.getByTestId('ip-blocks-table').or(page.getByTestId('list-empty'))).not.toContainText(ip)
  // no longer blocked (the ordinary per-minute limit it exceeded still applies until its window ends)
  expect(await answerFrom(ip)).not.toBe('IP_BLOCKED')
  // The event log is fed through the event stream (stats-service applies it within about a second,
  // its idle poll backs off to 1 s), so the page may load before the lift's event is stored: reload.
  await page.getByRole('link', { name: 'Event log' }).first().click()
  await expect(page.getByTestId('events-table')).toContainText('account.suspended')
  await reloadUntil(page, () => expect(page.getByTestId('events-table')).toContainText('ip.unblocked', { timeout: 3_000 }))
  await shoot(page, 'admin-events')
})
