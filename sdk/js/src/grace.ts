import { isSetBack } from './clock.js';

export const DEFAULT_GRACE_MS = 72 * 3600_000;

export type GraceDecision =
  | { allowed: true; endsAtMs: number }
  | { allowed: false; reason: 'NO_GOOD_VALIDATION' | 'GRACE_OVER' | 'CLOCK_SET_BACK' };

/**
 * May the last good validation (at `goodAtMs`) stand while the platform is unreachable? Only for
 * `graceMs` after it, and never when the clock was set back (else moving the clock back would
 * extend grace forever), and never past the license's `expires_at`. Pure: the client passes the stored times.
 */
export function graceFor(goodAtMs: number | undefined, nowMs: number, lastSeenMs: number | undefined, graceMs: number,
    licenseExpiresAtMs?: number): GraceDecision {
  if (goodAtMs === undefined) return { allowed: false, reason: 'NO_GOOD_VALIDATION' };
  if (isSetBack(nowMs, lastSeenMs) || nowMs < goodAtMs - 5 * 60_000) return { allowed: false, reason: 'CLOCK_SET_BACK' };
  // Never past the license's own expiry as that validation saw it.
  const endsAtMs = licenseExpiresAtMs === undefined ? goodAtMs + graceMs : Math.min(goodAtMs + graceMs, licenseExpiresAtMs);
  if (nowMs >= endsAtMs) return { allowed: false, reason: 'GRACE_OVER' };
  return { allowed: true, endsAtMs };
}
