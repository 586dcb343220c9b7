// Direct calls to the public API through the gateway: what a customer and the seller's
// application do while the console is watched in the browser.
export const GATEWAY = process.env.GATEWAY_URL ?? 'http://127.0.0.1:8080'
// license-service itself (the gateway's port + 1 in deploy/local): it trusts the loopback as a proxy,
// so a test can present another client address in X-Forwarded-For there (the gateway overwrites it).
export const LICENSE_SERVICE = process.env.LICENSE_SERVICE_URL ?? GATEWAY.replace(/:(\d+)$/, (_, p) => `:${Number(p) + 1}`)
export const ADMIN_LOGIN = process.env.LICENSING_ADMIN_USERNAME ?? 'admin'
export const ADMIN_PASSWORD = process.env.LICENSING_ADMIN_PASSWORD ?? 'admin-change-me'

export async function call(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; json: any }> {
  const res = await fetch(GATEWAY + path, {
    method,
    headers: { ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  })
  const text = await res.text()
  let json: any = null
  try {
    json = text ? JSON.parse(text) : null
  } catch {
    json = text
  }
  return { status: res.status, json }
}

export async function expectOk(method: string, path: string, body?: unknown, token?: string): Promise<any> {
  const r = await call(method, path, body, token)
  if (r.status >= 300) throw new Error(`${method} ${path} -> ${r.status} ${JSON.stringify(r.json)}`)
  return r.json
}

export const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`

export async function customer(): Promise<{ username: string; password: string; token: string; id: number }> {
  const username = `cust${unique()}`
  const password = 'customer-pass-123'
  await expectOk('POST', '/api/v1/auth/register', { username, email: `${username}@example.test`, password })
  const signed = await expectOk('POST', '/api/v1/auth/sign-in', { login: username, password })
  return { username, password, token: signed.access_token, id: signed.account.id }
}

/** Blocks a documentation address for real: auth requests from it until the rate limiter blocks it. */
export async function blockAddress(ip: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const res = await fetch(`${LICENSE_SERVICE}/api/v1/auth/refresh`, { method: 'POST', headers: { 'X-Forwarded-For': ip, 'Content-Type': 'application/json' }, body: '{}' })
    const body = await res.text()
    if (res.status === 429 && body.includes('IP_BLOCKED')) return
  }
  throw new Error(`${ip} was not blocked after 400 requests`)
}

/** The problem code (or the HTTP status) an auth request from this address gets. */
export async function answerFrom(ip: string): Promise<string> {
  const res = await fetch(`${LICENSE_SERVICE}/api/v1/auth/refresh`, { method: 'POST', headers: { 'X-Forwarded-For': ip, 'Content-Type': 'application/json' }, body: '{}' })
  const body = await res.json().catch(() => null)
  return body?.code ?? String(res.status)
}
