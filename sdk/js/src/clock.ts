/**
 * The clock rules shared with the Java SDK. A last-seen time only moves forward; a clock earlier
 * than last-seen minus the tolerance has been set back (certificates then answer CLOCK_SET_BACK
 * and grace is refused).
 */
export type Clock = () => number;

export const CLOCK_TOLERANCE_MS = 5 * 60_000;

export function isSetBack(nowMs: number, lastSeenMs: number | undefined, toleranceMs = CLOCK_TOLERANCE_MS): boolean {
  return lastSeenMs !== undefined && nowMs < lastSeenMs - toleranceMs;
}

/** The last-seen time to store after observing `nowMs` (never moves backwards). */
export function advance(nowMs: number, lastSeenMs: number | undefined): number {
  return lastSeenMs === undefined ? nowMs : Math.max(nowMs, lastSeenMs);
}
