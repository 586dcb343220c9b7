/**
 * The one error type of the SDK. A refusal by the platform (a problem+json answer) carries the
 * problem's `code`, `status` and `detail`; a failure to reach the platform has `network: true`
 * (code `NETWORK_ERROR` or `TIMEOUT`, status 0, or a 502/503/504 from the gateway or a service
 * whose dependency is down). Grace and retries only ever cover `network` errors.
 */
export class LicensingError extends Error {
  readonly code: string;
  readonly status: number;
  readonly detail: string;
  readonly network: boolean;
  /** From `Retry-After`, when the platform sent one. */
  readonly retryAfterMs?: number;
  /** The whole problem body, extensions included (e.g. `max_devices`). */
  readonly problem?: Record<string, unknown>;

  constructor(init: {
    code: string;
    status: number;
    detail: string;
    network?: boolean;
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
    this.network = init.network ?? false;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    if (init.problem !== undefined) this.problem = init.problem;
  }
}

/** Statuses that mean "the platform could not answer", not "the platform said no". */
export const UNREACHABLE_STATUSES: ReadonlySet<number> = new Set([502, 503, 504]);

/** Maps an HTTP error answer (status >= 400) to a LicensingError. */
export function errorFromResponse(status: number, body: unknown, retryAfterMs?: number): LicensingError {
  const problem = body !== null && typeof body === 'object' && !Array.isArray(body)
    ? (body as Record<string, unknown>) : undefined;
  const code = typeof problem?.code === 'string' ? problem.code : `HTTP_${status}`;
  const detail = typeof problem?.detail === 'string' ? problem.detail
    : typeof problem?.message === 'string' ? problem.message
      : typeof body === 'string' && body.length > 0 ? body.slice(0, 200) : `HTTP ${status}`;
  return new LicensingError({
    code, status, detail, network: UNREACHABLE_STATUSES.has(status),
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
    code: timeout ? 'TIMEOUT' : 'NETWORK_ERROR', status: 0, network: true, cause,
    detail: timeout ? 'The platform did not answer in time' : `The platform could not be reached: ${message}`,
  });
}
