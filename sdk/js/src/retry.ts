/** Retry-After parsing and jittered back-off: pure functions, the session loop uses them. */

/**
 * Milliseconds to wait from a `Retry-After` value: delay-seconds (`120`) or an HTTP date
 * (`Wed, 21 Oct 2026 07:28:00 GMT`, relative to `nowMs`). Undefined when absent or unreadable;
 * never negative.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const v = value.trim();
  if (v === '') return undefined;
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  if (/^\d/.test(v)) return undefined; // "1.5", "10s": not a valid delay-seconds
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

export interface BackoffOptions {
  /** First delay (default 1 s). */
  baseMs?: number;
  /** Largest delay before jitter (default 60 s). */
  maxMs?: number;
  /** Random source in [0, 1) (tests pass a fixed one). */
  random?: () => number;
}

/**
 * Back-off for the n-th consecutive failure (1-based): min(cap, base × 2^(n−1)) times a random
 * factor in [0.5, 1.0) ("equal jitter"), as the Java SDK.
 */
export function backoffMs(attempt: number, options: BackoffOptions = {}): number {
  const base = options.baseMs ?? 1000;
  const max = options.maxMs ?? 60_000;
  const random = options.random ?? Math.random;
  const raw = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  return Math.round(raw * (0.5 + 0.5 * random()));
}

/**
 * The wait before retrying after a 429/503: what the server asked plus a random 0-10 % (never
 * less, and clients told the same time do not come back together), else the back-off.
 */
export function retryDelayMs(retryAfterMs: number | undefined, attempt: number, options: BackoffOptions = {}): number {
  const random = options.random ?? Math.random;
  if (retryAfterMs !== undefined) return Math.round(retryAfterMs * (1 + 0.1 * random()));
  return backoffMs(attempt, options);
}
