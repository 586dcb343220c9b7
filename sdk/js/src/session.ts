import { LicensingError } from './errors.js';
import type { Http } from './http.js';
import { retryDelayMs } from './retry.js';

export interface SessionStart {
  session_id: string;
  token: string;
  license_id?: number;
  device_id?: number;
  started_at?: string;
  expires_at?: string;
  heartbeat_interval_seconds: number;
  heartbeat_grace_seconds?: number;
  [extra: string]: unknown;
}

export interface HeartbeatEvent {
  creditedSeconds?: number;
  usageSeconds?: number;
  nextHeartbeatSeconds: number;
  raw: Record<string, unknown>;
}

/**
 * Why a session stopped (Java: SessionEnd): the platform's verdict, or `closed` by close().
 * `code` is set when a refusal ended it.
 */
export interface SessionEnd {
  status: 'blocked' | 'expired' | 'revoked' | 'closed';
  /** blocked, license_suspended, license_revoked, timeout, ... */
  endReason?: string;
  reason?: string;
  /** INVALID_SESSION_TOKEN or SESSION_ENDED when a 401/409 ended it. */
  code?: string;
  raw?: Record<string, unknown>;
}

export interface RetryEvent {
  error: LicensingError;
  /** Consecutive failed beats so far. */
  attempt: number;
  /** Wait before the next attempt. */
  delayMs: number;
}

type Events = { heartbeat: HeartbeatEvent; ended: SessionEnd; retry: RetryEvent };
type Listener<T> = (event: T) => void;

/**
 * A running client session: heartbeats at the interval the server gives; Retry-After (or jittered
 * back-off) after 429/503 and network failures (`retry`); `ended` once on blocked/expired/revoked
 * (or a 401/409 SESSION_ENDED) and then no more beats; close() signs out and emits `ended` with
 * status `closed` (as the Java SDK's listener hears CLOSED).
 */
export class LicenseSession {
  readonly id: string;
  readonly token: string;
  readonly licenseId?: number;
  readonly deviceRowId?: number;
  readonly intervalSeconds: number;
  private state: 'running' | 'ended' = 'running';
  private timer: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;
  private inFlight: Promise<void> | undefined;
  private readonly listeners: { [K in keyof Events]: Set<Listener<Events[K]>> } = {
    heartbeat: new Set(), ended: new Set(), retry: new Set(),
  };
  private endEvent: SessionEnd | undefined;

  /** @internal use LicensingClient.startSession */
  constructor(private readonly http: Http, start: SessionStart,
      private readonly opts: { random?: () => number; unref?: boolean; maxIntervalSeconds?: number } = {}) {
    this.id = start.session_id;
    this.token = start.token;
    if (typeof start.license_id === 'number') this.licenseId = start.license_id;
    if (typeof start.device_id === 'number') this.deviceRowId = start.device_id;
    this.intervalSeconds = this.capped(start.heartbeat_interval_seconds || 60);
    this.schedule(this.intervalSeconds * 1000);
  }

  get running(): boolean { return this.state === 'running'; }

  /** The server's interval, shortened to maxHeartbeatIntervalSeconds when given, never below 1 s. */
  private capped(seconds: number): number {
    const max = this.opts.maxIntervalSeconds;
    return Math.max(1, max !== undefined && max < seconds ? max : seconds);
  }

  /** How it stopped, once it did. */
  get end(): SessionEnd | undefined { return this.endEvent; }

  on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): this {
    this.listeners[event].add(listener);
    if (event === 'ended' && this.endEvent) (listener as Listener<SessionEnd>)(this.endEvent);
    return this;
  }

  off<K extends keyof Events>(event: K, listener: Listener<Events[K]>): this {
    this.listeners[event].delete(listener);
    return this;
  }

  /** Sends one heartbeat now (the timer continues from its answer). Mostly for tests and resume-from-sleep. */
  async beatNow(): Promise<void> {
    await this.inFlight?.catch(() => undefined);   // never two beats at once
    if (this.state !== 'running') return;
    clearTimeout(this.timer);
    await this.beat();
  }

  /**
   * Ends the session: stops the heartbeats, signs out (frees the seat) and emits `ended` with
   * status `closed`. Nothing is sent or emitted when the platform already ended it. Safe to call
   * twice. Answers the sign-out, or undefined.
   */
  async close(): Promise<Record<string, unknown> | undefined> {
    if (this.state !== 'running') return undefined;
    this.state = 'ended';
    clearTimeout(this.timer);
    await this.inFlight?.catch(() => undefined);
    if (this.endEvent) return undefined;
    let raw: Record<string, unknown> | undefined;
    let detail: string | undefined;
    try {
      raw = (await this.http.request<Record<string, unknown>>('DELETE', '/api/v1/sessions/current', { token: this.token })).body;
    } catch (e) {
      // Already ended on the server, or unreachable: the platform ends a silent session by itself.
      if (!(e instanceof LicensingError)) throw e;
      detail = e.message;
    }
    this.finish({ status: 'closed', endReason: 'signed_out', ...(detail ? { reason: detail } : {}), ...(raw ? { raw } : {}) });
    return raw;
  }

  private schedule(ms: number): void {
    if (this.state !== 'running') return;
    this.timer = setTimeout(() => { void this.beat(); }, ms);
    // Node: with unref, a session alone does not keep the process alive.
    if (this.opts.unref) (this.timer as { unref?: () => void }).unref?.();
  }

  private beat(): Promise<void> {
    const run = this.beatOnce().finally(() => { this.inFlight = undefined; });
    this.inFlight = run;
    return run;
  }

  private async beatOnce(): Promise<void> {
    let body: Record<string, unknown>;
    try {
      body = (await this.http.request<Record<string, unknown>>('POST', '/api/v1/sessions/heartbeat', { token: this.token })).body;
    } catch (e) {
      if (this.state !== 'running') return;
      const error = e instanceof LicensingError ? e
        : new LicensingError({ code: 'UNEXPECTED_ERROR', status: 0, detail: String(e), cause: e });
      // A refusal other than 429 (401 INVALID_SESSION_TOKEN, 409 SESSION_ENDED, ...) will not change by retrying.
      if (error.status >= 400 && error.status < 500 && error.status !== 429) {
        this.finish({ status: 'expired', code: error.code, reason: error.detail });
        return;
      }
      this.failures += 1;
      const delayMs = retryDelayMs(error.retryAfterMs, this.failures,
        { baseMs: 1000, maxMs: this.intervalSeconds * 1000, random: this.opts.random ?? Math.random });
      this.emit('retry', { error, attempt: this.failures, delayMs });
      this.schedule(delayMs);
      return;
    }
    if (this.state !== 'running') return;
    this.failures = 0;
    const status = body.status;
    if (status === 'ok') {
      const next = typeof body.next_heartbeat_seconds === 'number' && body.next_heartbeat_seconds > 0
        ? this.capped(body.next_heartbeat_seconds) : this.intervalSeconds;
      this.emit('heartbeat', {
        nextHeartbeatSeconds: next, raw: body,
        ...(typeof body.credited_seconds === 'number' ? { creditedSeconds: body.credited_seconds } : {}),
        ...(typeof body.usage_seconds === 'number' ? { usageSeconds: body.usage_seconds } : {}),
      });
      this.schedule(next * 1000);
      return;
    }
    const ended: SessionEnd['status'] = status === 'blocked' || status === 'revoked' ? status : 'expired';
    this.finish({
      status: ended, raw: body,
      ...(typeof body.end_reason === 'string' ? { endReason: body.end_reason } : {}),
      ...(typeof body.reason === 'string' ? { reason: body.reason } : {}),
    });
  }

  private finish(event: SessionEnd): void {
    if (this.endEvent) return;
    this.state = 'ended';
    clearTimeout(this.timer);
    this.endEvent = event;
    this.emit('ended', event);
  }

  private emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    for (const l of this.listeners[event]) {
      try { l(payload); } catch { /* a listener's failure must not stop the heartbeats */ }
    }
  }
}
