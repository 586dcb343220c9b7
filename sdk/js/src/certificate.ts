import { isSetBack, CLOCK_TOLERANCE_MS } from './clock.js';
import { base64ToBytes, sha256Hex } from './encoding.js';

/** The result codes of an offline check, in the order they are checked (same as the Java SDK). */
export type CertificateCode =
  | 'VALID' | 'NO_CERTIFICATE' | 'MALFORMED' | 'UNKNOWN_KEY' | 'KEY_MISMATCH' | 'BAD_SIGNATURE'
  | 'FINGERPRINT_MISMATCH' | 'CLOCK_SET_BACK' | 'NOT_YET_VALID' | 'EXPIRED';

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

export interface CertificateCheck {
  valid: boolean;
  code: CertificateCode;
  detail: string;
  payload?: CertificatePayload;
  notAfter?: Date;
}

/** The platform's certificate key as `GET /api/v1/keys/public` gives it (or pinned). */
export interface PublicKeyInfo {
  /** SPKI DER (base64), raw 32 bytes (base64) or PEM. */
  publicKey: string;
  keyId?: string;
}

/** Instants arrive as ISO-8601 strings or epoch seconds (with a fraction): both are read. */
export function instantMs(v: string | number | undefined): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number') return v * 1000;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : t;
}

export async function importEd25519(publicKey: string): Promise<CryptoKey> {
  const pem = publicKey.match(/-----BEGIN PUBLIC KEY-----([\s\S]+?)-----END PUBLIC KEY-----/);
  const bytes = base64ToBytes(pem ? pem[1]! : publicKey);
  const format = bytes.length === 32 ? 'raw' : 'spki';
  return crypto.subtle.importKey(format, bytes as BufferSource, { name: 'Ed25519' }, false, ['verify']);
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

function result(code: CertificateCode, detail: string, payload?: CertificatePayload): CertificateCheck {
  const notAfter = payload ? instantMs(payload.not_after) : undefined;
  return { valid: code === 'VALID', code, detail, ...(payload ? { payload } : {}), ...(notAfter !== undefined ? { notAfter: new Date(notAfter) } : {}) };
}

/**
 * Verifies a certificate without the network: signature over the payload bytes with the
 * platform's Ed25519 key, the device's fingerprint, the clock (last-seen), then the validity window.
 */
export async function verifyCertificate(input: {
  certificate: string | null | undefined;
  key: PublicKeyInfo | undefined;
  hwid: string | undefined;
  nowMs: number;
  lastSeenMs?: number | undefined;
}): Promise<CertificateCheck> {
  if (!input.certificate) return result('NO_CERTIFICATE', 'No certificate is stored');
  const decoded = decodeCertificate(input.certificate);
  if (!decoded) return result('MALFORMED', 'Not base64url(payload).base64url(signature) with a JSON payload');
  const { payload } = decoded;
  if (!input.key) return result('UNKNOWN_KEY', "No public key is pinned or stored; fetch the platform's key once online", payload);
  if (input.key.keyId && payload.key_id && input.key.keyId !== payload.key_id) {
    return result('KEY_MISMATCH', `Signed by key ${payload.key_id}, the known key is ${input.key.keyId}`, payload);
  }
  let ok = false;
  try {
    const key = await importEd25519(input.key.publicKey);
    ok = await crypto.subtle.verify({ name: 'Ed25519' }, key, decoded.signature as BufferSource, decoded.payloadBytes as BufferSource);
  } catch {
    ok = false;
  }
  if (!ok) return result('BAD_SIGNATURE', 'The signature does not verify: the certificate was altered or signed by another key', payload);
  const expected = input.hwid === undefined ? undefined : await sha256Hex(input.hwid.trim());
  if (expected === undefined || typeof payload.device_fingerprint_hash !== 'string'
      || payload.device_fingerprint_hash.toLowerCase() !== expected) {
    return result('FINGERPRINT_MISMATCH', 'The certificate was issued for another device', payload);
  }
  if (isSetBack(input.nowMs, input.lastSeenMs)) {
    return result('CLOCK_SET_BACK', 'The clock is earlier than the last time seen: it was set back', payload);
  }
  const issued = instantMs(payload.issued_at);
  const notAfter = instantMs(payload.not_after);
  if (issued === undefined || notAfter === undefined) return result('MALFORMED', 'issued_at or not_after is missing', payload);
  if (input.nowMs < issued - CLOCK_TOLERANCE_MS) return result('NOT_YET_VALID', 'Issued later than now: the clock is behind', payload);
  if (input.nowMs >= notAfter) return result('EXPIRED', `Expired at ${new Date(notAfter).toISOString()}`, payload);
  return result('VALID', 'The certificate is valid', payload);
}
