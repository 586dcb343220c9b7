// The links of the account mails land on console pages: the e-mail verification link confirms the
// address, the password-reset link sets a new password (the old one stops working).
import { test, expect } from '@playwright/test'
import { call, expectOk, unique } from './api'
import { linkIn } from './mail'
import { shoot } from './shots'

test('a customer confirms the e-mail from the mail, then resets a forgotten password', async ({ page }) => {
  const username = `rec${unique()}`
  const email = `${username}@example.test`
  await expectOk('POST', '/api/v1/auth/register', { username, email, password: 'first-pass-123' })

  await page.goto(await linkIn(email, 'Confirm your e-mail address', '/verify-email'))
  await expect(page.getByTestId('email-verified')).toContainText(email)
  await expect(page).toHaveURL(/\/verify-email$/) // the token left the address bar

  await page.goto('/sign-in')
  await page.getByRole('link', { name: 'Forgot your password?' }).click()
  await page.getByLabel('E-mail').fill(email)
  await page.getByRole('button', { name: 'E-mail me a link' }).click()
  await expect(page.getByTestId('reset-sent')).toBeVisible()
  await shoot(page, 'reset-password')

  await page.goto(await linkIn(email, 'Reset your password', '/reset-password'))
  await page.getByLabel('New password', { exact: true }).fill('second-pass-456')
  await page.getByLabel('Repeat the new password').fill('second-pass-456')
  await page.getByRole('button', { name: 'Set the new password' }).click()
  await expect(page.getByTestId('reset-done')).toBeVisible()

  expect((await call('POST', '/api/v1/auth/sign-in', { login: username, password: 'first-pass-123' })).status).toBe(401)
  await page.getByRole('link', { name: 'Sign in' }).click()
  await page.getByLabel('Username or e-mail').fill(username)
  await page.getByLabel('Password', { exact: true }).fill('second-pass-456')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).toHaveURL(/\/my$/)
})
