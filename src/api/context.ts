import type { Database } from '../db/database.js'
import type { KeyCheck } from '../merchants/key-check.js'

/** The caller, as every request learns it from its API key: the merchant id scopes every query. */
export interface AuthenticatedMerchant {
  id: string
  /** Present when the key was not looked up before the handler: the request's write checks it (see key-check.ts). */
  keyCheck?: KeyCheck
}

/** Per-request values, typed for every handler; never module globals. */
export interface AppVariables {
  requestId: string
  merchant: AuthenticatedMerchant
  /** The raw request body text, read once (the idempotency fingerprint uses it). */
  rawBody: string | undefined
  /** The parsed JSON body, after validation against the spec. */
  body: unknown
  /** Coerced and validated query parameters. */
  query: Record<string, unknown>
  db: Database
}

export interface AppEnv {
  Variables: AppVariables
}
