// Certificates signed in the test with a key generated here, exactly as the platform builds them:
// base64url(payload JSON) "." base64url(Ed25519 signature over those bytes).
import { createHash } from 'node:crypto';

export const b64url = (bytes) => Buffer.from(bytes).toString('base64url');
export const sha256Hex = (s) => createHash('sha256').update(s, 'utf8').digest('hex');

export async function keyPair() {
  const pair = await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify']);
  const spki = Buffer.from(await crypto.subtle.exportKey('spki', pair.publicKey)).toString('base64');
  const raw = Buffer.from(await crypto.subtle.exportKey('raw', pair.publicKey)).toString('base64');
  // The platform's key id: first 8 bytes of SHA-256 of the SPKI DER, hex (CertificateSigner.keyIdOf).
  const keyId = createHash('sha256').update(Buffer.from(spki, 'base64')).digest('hex').slice(0, 16);
  return { pair, spki, raw, keyId };
}

export async function sign(pair, payload) {
  const bytes = new TextEncoder().encode(JSON.stringify(payload));
  const sig = new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, pair.privateKey, bytes));
  return `${b64url(bytes)}.${b64url(sig)}`;
}

export function payload(hwid, { issuedAt, notAfter, keyId }) {
  return {
    v: 1, type: 'license-certificate', key_id: keyId, license_id: 7, product_id: 3, product_code: 'API',
    seller_id: 2, owner_account_id: 9, device_fingerprint_hash: sha256Hex(hwid),
    entitlements: { privilege: 'REGULAR', max_devices: 2 }, license_status: 'ACTIVE',
    issued_at: new Date(issuedAt).toISOString(), not_after: new Date(notAfter).toISOString(),
  };
}

/** A clock the test moves by hand. */
export function fakeClock(start) {
  let now = start;
  const clock = () => now;
  clock.set = (t) => { now = t; };
  clock.advance = (ms) => { now += ms; };
  return clock;
}
