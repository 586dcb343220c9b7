// Who is signed in. The access token lives only here, in memory (never localStorage); the refresh
// token is the HttpOnly cookie lm_refresh that the API sets in cookie mode (X-Refresh-Mode: cookie,
// Path=/api/v1/auth/refresh), so a reload signs in again through POST /api/v1/auth/refresh.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { bindSession } from '@/api/client'
import { ApiError, readProblem } from '@/api/problem'

export type Role = 'ADMIN' | 'SELLER' | 'CUSTOMER'
export interface Account {
  id: number
  username: string
  email: string
  role: Role
  seller_name?: string | null
  [more: string]: unknown
}
interface Tokens {
  account?: Account
  access_token: string
  expires_in?: number
}
interface TwoFactorChallenge {
  two_factor_required: true
  challenge: string
}
export type SignInResult = { kind: 'signed-in' } | { kind: 'two-factor'; challenge: string }

const COOKIE_MODE = { 'X-Refresh-Mode': 'cookie' }

async function post(path: string, body: unknown, headers: Record<string, string> = {}, method = 'POST'): Promise<Response> {
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (!res.ok) throw new ApiError(res.status, await readProblem(res))
  return res
}

export const useAuthStore = defineStore('auth', () => {
  const account = ref<Account | null>(null)
  const accessToken = ref<string | null>(null)
  const mustChangePassword = ref(false)
  let renewTimer: ReturnType<typeof setTimeout> | undefined
  let renewing: Promise<boolean> | null = null
  let restored: Promise<void> | null = null

  const role = computed<Role | null>(() => account.value?.role ?? null)
  const signedIn = computed(() => accessToken.value !== null && account.value !== null)

  async function accept(tokens: Tokens) {
    accessToken.value = tokens.access_token
    if (tokens.account) account.value = tokens.account
    else account.value = await me()
    // The bootstrap admin (and anyone an operator flags) changes the password before anything else.
    if (account.value?.password_change_required) mustChangePassword.value = true
    clearTimeout(renewTimer)
    // Renew a minute before the access token ends, so pages never see the 401 at all.
    const life = (tokens.expires_in ?? 900) * 1000
    renewTimer = setTimeout(() => void renew(), Math.max(life - 60_000, life / 2))
  }

  async function me(): Promise<Account> {
    const res = await fetch('/api/v1/accounts/me', { headers: { Authorization: `Bearer ${accessToken.value}` } })
    if (!res.ok) throw new ApiError(res.status, await readProblem(res))
    return res.json()
  }

  async function signIn(login: string, password: string): Promise<SignInResult> {
    const res = await post('/api/v1/auth/sign-in', { login, password }, COOKIE_MODE)
    const body = (await res.json()) as Tokens | TwoFactorChallenge
    if ('two_factor_required' in body && body.two_factor_required) return { kind: 'two-factor', challenge: body.challenge }
    await accept(body as Tokens)
    return { kind: 'signed-in' }
  }

  async function signInTwoFactor(challenge: string, code: { code?: string; recovery_code?: string }) {
    const res = await post('/api/v1/auth/sign-in/2fa', { challenge, ...code }, COOKIE_MODE)
    await accept((await res.json()) as Tokens)
  }

  /** Signs in with the token of an e-mailed sign-in link (single use); 2FA still asks for its code. */
  async function signInWithLink(token: string): Promise<SignInResult> {
    const res = await post('/api/v1/auth/magic-link/sign-in', { token }, COOKIE_MODE)
    const body = (await res.json()) as Tokens | TwoFactorChallenge
    if ('two_factor_required' in body && body.two_factor_required) return { kind: 'two-factor', challenge: body.challenge }
    await accept(body as Tokens)
    return { kind: 'signed-in' }
  }

  /** Registers and, when the answer carries tokens (it does in cookie mode), is signed in. */
  async function register(form: { username: string; email: string; password: string; role: Role; seller_name?: string }): Promise<boolean> {
    const res = await post('/api/v1/auth/register', form, COOKIE_MODE)
    const body = (await res.json().catch(() => null)) as Partial<Tokens> | null
    if (body?.access_token) {
      await accept(body as Tokens)
      return true
    }
    return false
  }

  /** One renewal at a time; false (and signed out locally) when the cookie is gone or refused. */
  function renew(): Promise<boolean> {
    renewing ??= (async () => {
      try {
        const res = await post('/api/v1/auth/refresh', undefined, COOKIE_MODE)
        await accept((await res.json()) as Tokens)
        return true
      } catch {
        forget()
        return false
      } finally {
        renewing = null
      }
    })()
    return renewing
  }

  /** On start: a refresh cookie from an earlier visit signs the person in again. */
  function restore(): Promise<void> {
    restored ??= renew().then(() => undefined)
    return restored
  }

  function forget() {
    clearTimeout(renewTimer)
    accessToken.value = null
    account.value = null
    mustChangePassword.value = false
  }

  async function signOut() {
    try {
      // Revokes the cookie's refresh token and clears the cookie; the bearer token is blacklisted.
      await post('/api/v1/auth/refresh', undefined, { Authorization: `Bearer ${accessToken.value}`, ...COOKIE_MODE }, 'DELETE')
    } catch {
      /* signed out locally either way; the token ends with its short life */
    }
    forget()
  }

  async function changePassword(current_password: string, new_password: string) {
    await post('/api/v1/accounts/me/password', { current_password, new_password }, { Authorization: `Bearer ${accessToken.value}` })
    mustChangePassword.value = false
  }

  const onSignedOut = ref<() => void>(() => {})
  const onPasswordChange = ref<() => void>(() => {})
  bindSession({
    accessToken: () => accessToken.value,
    renew,
    signedOut: () => {
      forget()
      onSignedOut.value()
    },
    passwordChangeRequired: () => {
      mustChangePassword.value = true
      onPasswordChange.value()
    },
  })

  return { account, accessToken, role, signedIn, mustChangePassword, signIn, signInTwoFactor, signInWithLink, register, renew, restore, signOut, changePassword, onSignedOut, onPasswordChange }
})
