import { isSetBack, CLOCK_TOLERANCE_MS } from './clock.js';
import { base64ToBytes, sha256Hex } from './encoding.js';

/** The result codes of an offline check, in the order they are checked (Java: OfflineCode). */
export type OfflineCode =
  | 'VALID' | 'NO_CERTIFICATE' | 'MALFORMED' | 'UNKNOWN_KEY' | 'BAD_SIGNATURE'
  | 'CLOCK_TAMPERED' | 'FINGERPRINT_MISMATCH' | 'EXPIRED';

/** What the platform signed (docs/license-validation.md, "Offline certificates"). */
export interface CertificatePayload {
  v: number;
  type: string;
  key_id: string;
  license_id: number;
  product_id: number;
  product_code?: string;
  seller_id?: number;
  owner_account_id?: number;
  device_fingerprint_hash: string;
  entitlements?: Record<string, unknown>;
  license_status?: string;
  license_expires_at?: string | number;
  issued_at: string | number;
  not_after: string | number;
  [extra: string]: unknown;
}

export interface OfflineCheck {
  valid: boolean;
  code: OfflineCode;
  detail: string;
  payload?: CertificatePayload;
  notAfter?: Date;
}

/** The platform's certificate key as `GET /api/v1/keys/public` gives it (or pinned). */
export interface PublicKeyInfo {
  /** SPKI DER (base64), raw 32 bytes (base64) or PEM. */
  publicKey: string;
}

/** X.509 SubjectPublicKeyInfo prefix of an Ed25519 key (RFC 8410): prefix + the 32 raw bytes. */
const ED25519_SPKI_PREFIX = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00];

/** SPKI DER bytes of a key given as SPKI base64, raw base64 or PEM. */
export function spkiBytes(publicKey: string): Uint8Array {
  const pem = publicKey.match(/-----BEGIN PUBLIC KEY-----([\s\S]+?)-----END PUBLIC KEY-----/);
  const bytes = base64ToBytes(pem ? pem[1]! : publicKey);
  if (bytes.length !== 32) return bytes;
  const out = new Uint8Array(ED25519_SPKI_PREFIX.length + 32);
  out.set(ED25519_SPKI_PREFIX, 0);
  out.set(bytes, ED25519_SPKI_PREFIX.length);
  return out;
}

/** The platform's key id: the first 8 bytes of SHA-256 of the SPKI DER, in hex. */
export async function keyIdOf(publicKey: string): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', spkiBytes(publicKey) as BufferSource));
  return [...d.slice(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Instants arrive as ISO-8601 strings or epoch seconds (with a fraction): both are read. */
export function instantMs(v: string | number | undefined): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number') return v * 1000;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : t;
}

export async function importEd25519(publicKey: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('spki', spkiBytes(publicKey) as BufferSource, { name: 'Ed25519' }, false, ['verify']);
}

export function decodeCertificate(certificate: string): { payloadBytes: Uint8Array; signature: Uint8Array; payload: CertificatePayload } | undefined {
  const parts = certificate.trim().split('.');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return undefined;
  try {
    const payloadBytes = base64ToBytes(parts[0]);
    const signature = base64ToBytes(parts[1]);
    const payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payloadBytes)) as CertificatePayload;
    if (payload === null || typeof payload !== 'object') return undefined;
    return { payloadBytes, signature, payload };
  } catch {
    return undefined;
  }
}

function result(code: OfflineCode, detail: string, payload?: CertificatePayload): OfflineCheck {
  const notAfter = payload ? instantMs(payload.not_after) : undefined;
  return { valid: code === 'VALID', code, detail, ...(payload ? { payload } : {}), ...(notAfter !== undefined ? { notAfter: new Date(notAfter) } : {}) };
}

/**
 * Verifies a certificate without the network, in the order both SDKs use: present, well formed,
 * signed by the known key (key id), signature, clock (last-seen and issued_at, 5 min tolerance),
 * this device's fingerprint, not_after.
 */
export async function verifyCertificate(input: {
  certificate: string | null | undefined;
  key: PublicKeyInfo | undefined;
  hwid: string | undefined;
  nowMs: number;
  lastSeenMs?: number | undefined;
}): Promise<OfflineCheck> {
  if (!input.certificate) return result('NO_CERTIFICATE', 'No certificate is stored');
  const decoded = decodeCertificate(input.certificate);
  if (!decoded) return result('MALFORMED', 'Not base64url(payload).base64url(signature) with a JSON payload');
  const { payload } = decoded;
  const issued = instantMs(payload.issued_at);
  const notAfter = instantMs(payload.not_after);
  if (issued === undefined || notAfter === undefined) return result('MALFORMED', 'issued_at or not_after is missing', payload);
  if (!input.key) return result('UNKNOWN_KEY', "No public key is pinned or stored; fetch the platform's key once online", payload);
  let key: CryptoKey;
  let keyId: string;
  try {
    key = await importEd25519(input.key.publicKey);
    keyId = await keyIdOf(input.key.publicKey);
  } catch {
    return result('UNKNOWN_KEY', 'The known public key is not an Ed25519 key', payload);
  }
  if (payload.key_id !== keyId) return result('UNKNOWN_KEY', `Signed by key ${String(payload.key_id)}, the known key is ${keyId}`, payload);
  let ok = false;
  try {
    ok = await crypto.subtle.verify({ name: 'Ed25519' }, key, decoded.signature as BufferSource, decoded.payloadBytes as BufferSource);
  } catch {
    ok = false;
  }
  if (!ok) return result('BAD_SIGNATURE', 'The signature does not verify: the certificate was altered', payload);
  if (isSetBack(input.nowMs, input.lastSeenMs) || input.nowMs < issued - CLOCK_TOLERANCE_MS) {
    return result('CLOCK_TAMPERED', 'The clock is earlier than the last time seen or than the issue time: it was set back', payload);
  }
  const expected = input.hwid === undefined ? undefined : await sha256Hex(input.hwid.trim());
  if (expected === undefined || typeof payload.device_fingerprint_hash !== 'string'
      || payload.device_fingerprint_hash.toLowerCase() !== expected) {
    return result('FINGERPRINT_MISMATCH', 'The certificate was issued for another device', payload);
  }
  if (input.nowMs >= notAfter) return result('EXPIRED', `Expired at ${new Date(notAfter).toISOString()}`, payload);
  return result('VALID', 'The certificate is valid', payload);
}
