// Typed clients of the four services (types generated from their OpenAPI documents in
// console/openapi/ by scripts/openapi.mjs). Every call goes to this origin: the gateway routes
// /api/... to the owning service. The session binding adds the access token, renews it once on a
// 401 and retries, and tells the app when the API wants a password change first.
import createClient, { type Middleware } from 'openapi-fetch'
import type { paths as LicensePaths } from './schema/license'
import type { paths as DevicePaths } from './schema/device'
import type { paths as SessionPaths } from './schema/session'
import type { paths as StatsPaths } from './schema/stats'
import { ApiError, type Problem } from './problem'

export interface SessionBinding {
  accessToken(): string | null
  /** Renews the access token (refresh cookie); false when the person must sign in again. */
  renew(): Promise<boolean>
  signedOut(): void
  passwordChangeRequired(): void
}

let binding: SessionBinding | null = null
export function bindSession(b: SessionBinding) {
  binding = b
}

const pending = new Map<string, Request>()
const isAuthCall = (url: string) => new URL(url).pathname.startsWith('/api/v1/auth/')

const session: Middleware = {
  onRequest({ request, id }) {
    const token = binding?.accessToken()
    if (token && !request.headers.has('Authorization')) request.headers.set('Authorization', `Bearer ${token}`)
    if (!isAuthCall(request.url)) pending.set(id, request.clone())
    return request
  },
  async onResponse({ request, response, id }) {
    const copy = pending.get(id)
    pending.delete(id)
    if (response.status === 401 && copy && binding) {
      if (await binding.renew()) {
        copy.headers.set('Authorization', `Bearer ${binding.accessToken()}`)
        return fetch(copy)
      }
      binding.signedOut()
    } else if (response.status === 403 && !isAuthCall(request.url)) {
      const body = await response.clone().json().catch(() => null)
      if (body?.code === 'PASSWORD_CHANGE_REQUIRED') binding?.passwordChangeRequired()
    }
    return response
  },
  onError({ id }) {
    pending.delete(id)
  },
}

function client<Paths extends {}>() {
  const c = createClient<Paths>({ baseUrl: window.location.origin, credentials: 'same-origin' })
  c.use(session)
  return c
}

export const licenseApi = client<LicensePaths>()
export const deviceApi = client<DevicePaths>()
export const sessionApi = client<SessionPaths>()
export const statsApi = client<StatsPaths>()

/** The data of a successful call; an ApiError with the problem+json of a failed one. */
export async function ok<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call
  if (!response.ok || error !== undefined) {
    const problem: Problem =
      error && typeof error === 'object'
        ? { status: response.status, ...(error as Problem) }
        : { status: response.status, title: response.statusText || `HTTP ${response.status}`, detail: typeof error === 'string' && error ? error.slice(0, 300) : undefined }
    throw new ApiError(response.status, problem)
  }
  return data as T
}
