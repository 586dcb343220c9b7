export { LicensingClient, type LicensingClientOptions } from './client.js';
export { LicenseSession, type SessionEnd, type RetryEvent, type HeartbeatEvent } from './session.js';
export { LicensingError, errorFromResponse, errorFromNetwork, type ErrorKind } from './errors.js';
export { MemoryStorage, LocalStorageStorage, type Storage } from './storage.js';
export {
  verifyCertificate, decodeCertificate, importEd25519, keyIdOf,
  type OfflineCheck, type OfflineCode, type CertificatePayload, type PublicKeyInfo,
} from './certificate.js';
export { graceFor, DEFAULT_GRACE_MS, type GraceDecision } from './grace.js';
export { isSetBack, CLOCK_TOLERANCE_MS, type Clock } from './clock.js';
export { parseRetryAfter, backoffMs, retryDelayMs } from './retry.js';
export { browserFingerprint, hashFingerprint } from './fingerprint.js';
export { VALIDATION_CODES, type ValidationCode, type Validation, type Activation, type Certificate, type Device, type HeartbeatStatus } from './types.js';
export type { FetchLike } from './http.js';
