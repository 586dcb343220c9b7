// Sets up what an application needs, through the gateway's public API only: a seller with a
// product and a key, a customer who redeems it.
import { execFileSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const GW = (process.env.GATEWAY_URL ?? 'http://127.0.0.1:8080').replace(/\/+$/, '');

export async function api(method, p, body, token) {
  const r = await fetch(GW + p, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await r.text();
  const json = text ? JSON.parse(text) : null;
  if (r.status >= 400) throw new Error(`${method} ${p} -> ${r.status} ${text}`);
  return json;
}

export async function signIn(login, password) {
  return (await api('POST', '/api/v1/auth/sign-in', { login, password })).access_token;
}

export async function world() {
  const u = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  const code = 'SDKTEST';   // letters only; unique per seller, and the seller is new
  await api('POST', '/api/v1/auth/register', {
    username: `sdkjs-seller-${u}`, email: `sdkjs-seller-${u}@example.test`, password: 'seller-pass-1',
    role: 'SELLER', seller_name: `SDK${u.toUpperCase().replace(/[^A-Z0-9]/g, '')}`.slice(0, 32),
  });
  const seller = await signIn(`sdkjs-seller-${u}`, 'seller-pass-1');
  const product = await api('POST', '/api/v1/products', {
    code, name: `SDK test ${u}`, key_scheme: 'SEGMENTED', default_term: 'ANNUAL', default_max_devices: 5,
  }, seller);
  const issued = await api('POST', '/api/v1/licenses', { product_id: product.id, privilege: 'REGULAR' }, seller);
  await api('POST', '/api/v1/auth/register', {
    username: `sdkjs-customer-${u}`, email: `sdkjs-customer-${u}@example.test`, password: 'customer-pass-1',
  });
  const customer = await signIn(`sdkjs-customer-${u}`, 'customer-pass-1');
  await api('POST', '/api/v1/licenses/redeem', { key: issued.key }, customer);
  return { seller, customer, productCode: code, productId: product.id, licenseId: issued.license.id, key: issued.key, u };
}

// ---- the gateway of this stack (nginx), stopped and started for the grace test

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const base = process.env.LM_PORT_BASE ?? '8080';
const RUN = path.join(ROOT, 'deploy/local', base === '8080' ? '.run' : `.run-${base}`);

async function gatewayAnswers() {
  try { await fetch(`${GW}/health/license/live`, { signal: AbortSignal.timeout(2000) }); return true; } catch { return false; }
}

export async function stopGateway() {
  execFileSync('nginx', ['-p', RUN, '-c', path.join(RUN, 'nginx.conf'), '-s', 'quit']);
  for (let i = 0; i < 100 && await gatewayAnswers(); i++) await sleep(100);
  if (await gatewayAnswers()) throw new Error('the gateway still answers');
}

export async function startGateway() {
  if (await gatewayAnswers()) return;
  execFileSync('nginx', ['-p', RUN, '-c', path.join(RUN, 'nginx.conf')]);
  for (let i = 0; i < 100 && !(await gatewayAnswers()); i++) await sleep(100);
  if (!(await gatewayAnswers())) throw new Error('the gateway did not come back');
}
