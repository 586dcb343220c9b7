import { sha256Hex } from './encoding.js';

/**
 * SHA-256 hex of `licensing-fingerprint:v1\n<platform>\n<arch>\n<machine id>`: the formula of
 * both SDKs, so one machine has one hwid whichever SDK computes it. Only the hash leaves it.
 */
export function hashFingerprint(platform: string, arch: string, machineId: string): Promise<string> {
  return sha256Hex(`licensing-fingerprint:v1\n${platform}\n${arch}\n${machineId.trim()}`);
}

/**
 * Browsers have no machine id: a random id is created once, kept in localStorage under
 * `licensing:fingerprint`, and hashed as platform `browser`, arch `web`. Clearing the site's data
 * makes a new one (the device then needs a new slot or an HWID reset).
 */
export async function browserFingerprint(store?: globalThis.Storage): Promise<string> {
  const s = store ?? (globalThis as { localStorage?: globalThis.Storage }).localStorage;
  if (!s) throw new Error('localStorage is not available here');
  let id = s.getItem('licensing:fingerprint');
  if (!id) {
    id = crypto.randomUUID();
    s.setItem('licensing:fingerprint', id);
  }
  return hashFingerprint('browser', 'web', id);
}
