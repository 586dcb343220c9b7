import { advance, type Clock } from './clock.js';
import { verifyCertificate, type OfflineCheck, type PublicKeyInfo, instantMs } from './certificate.js';
import { LicensingError } from './errors.js';
import { DEFAULT_GRACE_MS, graceFor } from './grace.js';
import { Http, type FetchLike } from './http.js';
import { LicenseSession, type SessionStart } from './session.js';
import { MemoryStorage, type Storage } from './storage.js';
import type { Activation, Certificate, Device, Validation } from './types.js';

export interface LicensingClientOptions {
  /** The platform's gateway, e.g. `https://licensing.example.com`. */
  baseUrl: string;
  licenseKey: string;
  /** Your identifier of this installation (the platform's `device_id`). */
  deviceId: string;
  /** Hardware id bound at activation and named in certificates (e.g. machineFingerprint()). */
  hwid?: string;
  storage?: Storage;
  /** Pinned certificate key (SPKI base64, raw base64 or PEM); else fetched once and kept in storage. */
  publicKey?: string | PublicKeyInfo;
  /** How long the last good validation stands while the platform is unreachable (default 72 h). */
  gracePeriodMs?: number;
  /** Called when validate() answers from grace (Java: GraceListener.onGrace). */
  onGrace?: (validation: Validation, cause: LicensingError) => void;
  /** Request timeout (default 10 s). */
  timeoutMs?: number;
  clock?: Clock;
  fetch?: FetchLike;
  userAgent?: string;
}

const K = { lastSeen: 'last-seen', publicKey: 'public-key', certificate: 'certificate', validation: 'validation:' } as const;

interface StoredValidation { at: number; raw: Record<string, unknown> }

/** The platform's client API for one license key on one device. */
export class LicensingClient {
  readonly deviceId: string;
  readonly hwid: string | undefined;
  private readonly http: Http;
  private readonly storage: Storage;
  private readonly clock: Clock;
  private readonly graceMs: number;
  private readonly pinned: PublicKeyInfo | undefined;

  constructor(private readonly options: LicensingClientOptions) {
    if (!options.licenseKey) throw new Error('licenseKey is required');
    if (!options.deviceId) throw new Error('deviceId is required');
    this.deviceId = options.deviceId;
    this.hwid = options.hwid;
    this.storage = options.storage ?? new MemoryStorage();
    this.clock = options.clock ?? Date.now;
    this.graceMs = options.gracePeriodMs ?? DEFAULT_GRACE_MS;
    this.pinned = typeof options.publicKey === 'string' ? { publicKey: options.publicKey } : options.publicKey;
    this.http = new Http({
      baseUrl: options.baseUrl, now: this.clock,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.userAgent ? { userAgent: options.userAgent } : {}),
    });
  }

  /**
   * Binds this device to the license (idempotent: an already bound device answers `created: false`).
   * `id` and `hwid` default to the client's `deviceId` and `hwid`.
   */
  async activate(device: Device = {}): Promise<Activation> {
    const hwid = device.hwid ?? this.hwid;
    const a = await this.http.request<Record<string, unknown>>('POST', '/api/v1/devices/activate', {
      body: {
        license_key: this.options.licenseKey, device_id: device.id ?? this.deviceId,
        ...(hwid ? { hwid } : {}),
        ...(device.name ? { name: device.name } : {}),
        ...(device.userName ? { user_name: device.userName } : {}),
        ...(device.fingerprint ? { fingerprint: device.fingerprint } : {}),
        ...(device.productCode ? { product_code: device.productCode } : {}),
      },
    });
    await this.touch();
    const d = (a.body.device ?? a.body) as Record<string, unknown>;
    const rowId = typeof d.id === 'number' ? d.id : typeof a.body.device_row_id === 'number' ? a.body.device_row_id : undefined;
    const licenseId = typeof d.license_id === 'number' ? d.license_id : typeof a.body.license_id === 'number' ? a.body.license_id : undefined;
    return { created: a.status === 201, raw: a.body, ...(rowId !== undefined ? { deviceRowId: rowId } : {}), ...(licenseId !== undefined ? { licenseId } : {}) };
  }

  /**
   * Unbinds a device (frees its slot). The platform asks for the access token of the license's
   * owner, its seller or an admin: the key alone cannot unbind.
   */
  async deactivate(input: { deviceRowId: number; accessToken: string }): Promise<Record<string, unknown>>;
  /** The Java SDK's form: `deactivate(deviceRowId, accessToken)`. */
  async deactivate(deviceRowId: number, accessToken: string): Promise<Record<string, unknown>>;
  async deactivate(input: number | { deviceRowId: number; accessToken: string }, token?: string): Promise<Record<string, unknown>> {
    const { deviceRowId, accessToken } = typeof input === 'number' ? { deviceRowId: input, accessToken: token ?? '' } : input;
    if (!accessToken) throw new Error('deactivate needs the access token of the owner, the seller or an admin');
    const a = await this.http.request<Record<string, unknown>>('POST', `/api/v1/devices/${encodeURIComponent(String(deviceRowId))}/deactivate`, { token: accessToken });
    return a.body;
  }

  /**
   * Validates the key (HTTP 200 with a code for every verdict). When the platform cannot be reached,
   * the last valid answer for the same product/domain/device stands for the grace period (`grace: true`).
   */
  async validate(input: { product?: string | number; domain?: string; device?: string; certificateId?: string } = {}): Promise<Validation> {
    const device = input.device ?? this.deviceId;
    const slot = K.validation + JSON.stringify([input.product ?? null, input.domain ?? null, device, input.certificateId ?? null]);
    try {
      const a = await this.http.request<Record<string, unknown>>('POST', '/api/v1/licenses/validate', {
        body: {
          key: this.options.licenseKey, device_id: device,
          ...(input.product !== undefined ? { product: String(input.product) } : {}),
          ...(input.domain ? { domain: input.domain } : {}),
          ...(input.certificateId ? { certificate_id: input.certificateId } : {}),
        },
      });
      const now = this.clock();
      await this.touch(now);
      if (a.body.valid === true) await this.storage.set(slot, JSON.stringify({ at: now, raw: a.body } satisfies StoredValidation));
      else await this.storage.delete(slot);
      return toValidation(a.body, now);
    } catch (e) {
      if (!(e instanceof LicensingError) || !e.cannotReach) throw e;
      const stored = parse<StoredValidation>(await this.storage.get(slot));
      const now = this.clock();
      const decision = graceFor(stored?.at, now, await this.lastSeen(), this.graceMs,
        instantMs(stored?.raw.expires_at as string | number | undefined));
      if (!decision.allowed || !stored) throw e;
      await this.touch(now);
      const v: Validation = { ...toValidation(stored.raw, stored.at), grace: true, graceEndsAt: new Date(decision.endsAtMs) };
      try { this.options.onGrace?.(v, e); } catch { /* the application's listener must not break validation */ }
      return v;
    }
  }

  /** Starts a session (a floating seat) and keeps its heartbeats going. `clientVersion` (your application's version) is required by the platform. */
  async startSession(input: {
    clientVersion: string; language?: string; sessionData?: Record<string, unknown>;
    /** Beat at most this many seconds apart (only shortens the server's interval, never below 1 s). */
    maxHeartbeatIntervalSeconds?: number;
    unref?: boolean;
  }): Promise<LicenseSession> {
    const a = await this.http.request<SessionStart>('POST', '/api/v1/sessions', {
      body: {
        license_key: this.options.licenseKey, device_id: this.deviceId,
        client_version: input.clientVersion,
        ...(input.language ? { language: input.language } : {}),
        ...(input.sessionData ? { session_data: input.sessionData } : {}),
      },
    });
    await this.touch();
    return new LicenseSession(this.http, a.body, {
      ...(input.unref !== undefined ? { unref: input.unref } : {}),
      ...(input.maxHeartbeatIntervalSeconds !== undefined ? { maxIntervalSeconds: input.maxHeartbeatIntervalSeconds } : {}),
    });
  }

  /** The platform's certificate key, fetched once and kept in storage (or the pinned one). */
  async fetchPublicKey(): Promise<PublicKeyInfo> {
    if (this.pinned) return this.pinned;
    const a = await this.http.request<Record<string, unknown>>('GET', '/api/v1/keys/public');
    const info: PublicKeyInfo = { publicKey: String(a.body.public_key) };
    await this.storage.set(K.publicKey, JSON.stringify(info));
    return info;
  }

  /**
   * Fetches a certificate for this device (`POST /api/v1/certificates`: the device must be bound with
   * this hwid) and stores it, with the public key when none is known yet.
   */
  async fetchCertificate(input: { device?: Device; validityDays?: number } = {}): Promise<Certificate> {
    const hwid = input.device?.hwid ?? this.hwid;
    if (!hwid) throw new Error('a certificate names the device by its hwid: pass options.hwid');
    if (!(await this.knownKey())) await this.fetchPublicKey();
    const a = await this.http.request<Record<string, unknown>>('POST', '/api/v1/certificates', {
      body: {
        license_key: this.options.licenseKey, device_id: input.device?.id ?? this.deviceId, hwid,
        ...(input.validityDays !== undefined ? { validity_days: input.validityDays } : {}),
      },
    });
    return this.storeCertificate(String(a.body.certificate), a.body);
  }

  /** Stores a certificate obtained another way (e.g. by the customer from the platform). */
  async storeCertificate(certificate: string, raw: Record<string, unknown> = {}): Promise<Certificate> {
    await this.storage.set(K.certificate, certificate);
    await this.touch();
    const notAfter = instantMs(raw.not_after as string | number | undefined);
    return {
      certificate, raw,
      ...(raw.certificate_id !== undefined && raw.certificate_id !== null ? { certificateId: String(raw.certificate_id) } : {}),
      ...(typeof raw.key_id === 'string' ? { keyId: raw.key_id } : {}),
      ...(notAfter !== undefined ? { notAfter: new Date(notAfter) } : {}),
    };
  }

  /** Verifies the stored certificate for this hwid (default: the client's) without any network call. */
  async verifyOffline(hwid: string | undefined = this.hwid): Promise<OfflineCheck> {
    const now = this.clock();
    const lastSeen = await this.lastSeen();
    const check = await verifyCertificate({
      certificate: await this.storage.get(K.certificate), key: await this.knownKey(),
      hwid, nowMs: now, lastSeenMs: lastSeen,
    });
    // Only a check that got past the clock test moves last-seen forward.
    if (check.code === 'VALID' || check.code === 'FINGERPRINT_MISMATCH' || check.code === 'EXPIRED') await this.touch(now);
    return check;
  }

  private async knownKey(): Promise<PublicKeyInfo | undefined> {
    return this.pinned ?? parse<PublicKeyInfo>(await this.storage.get(K.publicKey));
  }

  private async lastSeen(): Promise<number | undefined> {
    const v = Number(await this.storage.get(K.lastSeen));
    return Number.isFinite(v) && v > 0 ? v : undefined;
  }

  /** Moves last-seen forward (never back: a clock set back is detected against it). */
  private async touch(now = this.clock()): Promise<void> {
    const next = advance(now, await this.lastSeen());
    await this.storage.set(K.lastSeen, String(next));
  }
}

function parse<T>(text: string | null): T | undefined {
  if (!text) return undefined;
  try { return JSON.parse(text) as T; } catch { return undefined; }
}

function toValidation(b: Record<string, unknown>, at: number): Validation {
  const expires = instantMs(b.expires_at as string | number | undefined);
  return {
    valid: b.valid === true,
    code: typeof b.code === 'string' ? b.code : 'NOT_FOUND',
    detail: typeof b.detail === 'string' ? b.detail : '',
    grace: false,
    checkedAt: new Date(at),
    raw: b,
    ...(typeof b.license_id === 'number' ? { licenseId: b.license_id } : {}),
    ...(typeof b.product_id === 'number' ? { productId: b.product_id } : {}),
    ...(typeof b.status === 'string' ? { status: b.status } : {}),
    ...(expires !== undefined ? { expiresAt: new Date(expires) } : {}),
    ...(typeof b.device_row_id === 'number' ? { deviceRowId: b.device_row_id } : {}),
    ...(b.limits && typeof b.limits === 'object' ? { limits: b.limits as Record<string, unknown> } : {}),
    ...(b.usage && typeof b.usage === 'object' ? { usage: b.usage as Record<string, unknown> } : {}),
  };
}
