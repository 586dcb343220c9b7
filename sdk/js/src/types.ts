/** The platform's validation codes (POST /api/v1/licenses/validate), in the order it checks them. */
export const VALIDATION_CODES = [
  'VALID', 'MALFORMED_KEY', 'NOT_FOUND', 'NOT_ACTIVATED', 'SUSPENDED', 'REVOKED', 'UPGRADED', 'EXPIRED',
  'PRODUCT_MISMATCH', 'DOMAIN_NOT_ALLOWED', 'IP_NOT_ALLOWED',
  'CERTIFICATE_NOT_FOUND', 'CERTIFICATE_REVOKED', 'CERTIFICATE_EXPIRED',
  'DEVICE_NOT_ACTIVATED', 'DEVICE_BLOCKED', 'USAGE_LIMIT_EXCEEDED',
] as const;
export type ValidationCode = (typeof VALIDATION_CODES)[number];

export interface Validation {
  valid: boolean;
  /** One of VALIDATION_CODES (a newer platform may add codes: treat unknown ones as refusals). */
  code: ValidationCode | (string & {});
  detail: string;
  licenseId?: number;
  productId?: number;
  status?: string;
  expiresAt?: Date;
  deviceRowId?: number;
  limits?: Record<string, unknown>;
  usage?: Record<string, unknown>;
  /** True when the platform could not be reached and the last good validation stands. */
  grace: boolean;
  /** End of the grace period (only with grace). */
  graceEndsAt?: Date;
  /** When the platform gave this answer. */
  checkedAt: Date;
  /** The platform's answer as received. */
  raw: Record<string, unknown>;
}

/** A device of the license: your id of the installation, its hardware id, how people call it. */
export interface Device {
  id?: string;
  hwid?: string;
  name?: string;
  userName?: string;
  /** Extra facts stored with the device (platform, cores, ...). */
  fingerprint?: Record<string, unknown>;
  productCode?: string;
}

export interface Activation {
  /** 201: a slot was taken; 200: the device was already bound (idempotent). */
  created: boolean;
  deviceRowId?: number;
  licenseId?: number;
  raw: Record<string, unknown>;
}

export interface Certificate {
  certificate: string;
  /** The platform's record of it (validate with it online: `validate({certificateId})`). */
  certificateId?: string;
  keyId?: string;
  notAfter?: Date;
  raw: Record<string, unknown>;
}

export type HeartbeatStatus = 'ok' | 'blocked' | 'expired' | 'revoked';
