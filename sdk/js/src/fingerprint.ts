import { sha256Hex } from './encoding.js';

/** Prefix hashed with every fingerprint input, so the raw machine id never leaves the machine. */
export const FINGERPRINT_PREFIX = 'licensing-fingerprint:v1:';

export function hashFingerprint(input: string): Promise<string> {
  return sha256Hex(FINGERPRINT_PREFIX + input.trim());
}

/**
 * Browsers have no machine id: a random id is created once, kept in localStorage under
 * `licensing:fingerprint`, and hashed. Clearing the site's data makes a new one.
 */
export async function browserFingerprint(store?: globalThis.Storage): Promise<string> {
  const s = store ?? (globalThis as { localStorage?: globalThis.Storage }).localStorage;
  if (!s) throw new Error('localStorage is not available here');
  let id = s.getItem('licensing:fingerprint');
  if (!id) {
    id = crypto.randomUUID();
    s.setItem('licensing:fingerprint', id);
  }
  return hashFingerprint(id);
}
