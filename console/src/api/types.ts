// Names for the schemas the pages use, from the generated OpenAPI types.
import type { components as L } from './schema/license'
import type { components as S } from './schema/session'
import type { components as T } from './schema/stats'

export type AccountView = L['schemas']['AccountView']
export type LicenseView = L['schemas']['LicenseView']
export type Product = L['schemas']['Product']
export type ProductInput = L['schemas']['ProductInput']
export type IssueRequest = L['schemas']['IssueRequest']
export type Issued = L['schemas']['Issued1']
export type LicenseRequest = L['schemas']['LicenseRequest']
export type Release = L['schemas']['Release']
export type ReleaseRequest = L['schemas']['ReleaseRequest']
export type WebhookEndpoint = L['schemas']['WebhookEndpoint']
export type WebhookDelivery = L['schemas']['WebhookDelivery']
export type UsageReport = L['schemas']['UsageReport']
export type IpBlock = L['schemas']['IpBlock']
export type OnlineLicense = S['schemas']['OnlineLicense']
export type EventView = T['schemas']['EventView']
export type EventPage = T['schemas']['EventPage']
export type UsageView = T['schemas']['UsageView']
export type DailyUsage = T['schemas']['DailyUsage']
export type DailyPoint = T['schemas']['Point']
export type SellerUsage = T['schemas']['SellerUsage']
export type DailyValidations = T['schemas']['DailyValidations']
export type OnlineSeller = S['schemas']['OnlineSeller']

/** A page of a list endpoint (license-service's Page/AccountPage). */
export interface PageOf<T> {
  items: T[]
  total: number
  page: number
  size: number
}

/** An issued batch (POST /api/v1/licenses/batch; the document gives no schema for it). */
export interface IssuedBatch {
  batch_id: string
  count: number
  licenses: Issued[]
}

export const LICENSE_STATUSES = ['UNUSED', 'ACTIVE', 'SUSPENDED', 'EXPIRED', 'UPGRADED', 'REVOKED'] as const
export const KEY_SCHEMES = ['SEGMENTED', 'CHECKSUMMED', 'OPAQUE'] as const
export const TERMS = ['LIFETIME', 'ANNUAL', 'MONTHLY', 'TRIAL', 'ONE_TIME'] as const
export const PRIVILEGES = ['BASIC', 'REGULAR', 'ULTIMATE', 'TESTER', 'STAFF'] as const
