/**
 * `network`: no answer at all (refused, reset, timeout, DNS); `unavailable`: 502/503/504 (the
 * gateway or a service whose dependency is down); `refused`: any other error answer.
 */
export type ErrorKind = 'network' | 'unavailable' | 'refused';

/**
 * The one error type of the SDK (Java: LicensingException, same fields). A refusal by the
 * platform carries the problem's `code`, `status` and `detail`. Grace and retries only ever
 * cover `network` and `unavailable` (`cannotReach`).
 */
export class LicensingError extends Error {
  readonly code: string;
  readonly status: number;
  readonly detail: string;
  readonly kind: ErrorKind;
  /** From `Retry-After`, when the platform sent one. */
  readonly retryAfterMs?: number;
  /** The whole problem body, extensions included (e.g. `max_devices`). */
  readonly problem?: Record<string, unknown>;

  constructor(init: {
    code: string;
    status: number;
    detail: string;
    kind?: ErrorKind;
    retryAfterMs?: number;
    problem?: Record<string, unknown>;
    cause?: unknown;
  }) {
    super(`${init.code}${init.status ? ` (${init.status})` : ''}: ${init.detail}`,
      init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'LicensingError';
    this.code = init.code;
    this.status = init.status;
    this.detail = init.detail;
    this.kind = init.kind ?? 'refused';
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    if (init.problem !== undefined) this.problem = init.problem;
  }

  /** The platform could not be reached or could not answer (`kind` network or unavailable). */
  get cannotReach(): boolean { return this.kind !== 'refused'; }
}

/** Statuses that mean "the platform could not answer", not "the platform said no". */
export const UNREACHABLE_STATUSES: ReadonlySet<number> = new Set([502, 503, 504]);

/** Maps an HTTP error answer (status >= 400) to a LicensingError. */
export function errorFromResponse(status: number, body: unknown, retryAfterMs?: number): LicensingError {
  const problem = body !== null && typeof body === 'object' && !Array.isArray(body)
    ? (body as Record<string, unknown>) : undefined;
  const unavailable = UNREACHABLE_STATUSES.has(status);
  const code = typeof problem?.code === 'string' ? problem.code : unavailable ? 'SERVICE_UNAVAILABLE' : `HTTP_${status}`;
  const detail = typeof problem?.detail === 'string' ? problem.detail
    : typeof problem?.message === 'string' ? problem.message
      : typeof body === 'string' && body.length > 0 ? body.slice(0, 200) : `HTTP ${status}`;
  return new LicensingError({
    code, status, detail, kind: unavailable ? 'unavailable' : 'refused',
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    ...(problem !== undefined ? { problem } : {}),
  });
}

/** Maps a failure of fetch itself (refused connection, DNS, abort by timeout) to a LicensingError. */
export function errorFromNetwork(cause: unknown): LicensingError {
  const name = (cause as { name?: string } | null)?.name;
  const timeout = name === 'TimeoutError' || name === 'AbortError';
  const message = cause instanceof Error ? cause.message : String(cause);
  return new LicensingError({
    code: 'NETWORK_ERROR', status: 0, kind: 'network', cause,
    detail: timeout ? 'The platform did not answer in time' : `The platform could not be reached: ${message}`,
  });
}
