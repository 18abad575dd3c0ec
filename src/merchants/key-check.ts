/**
 * An API key checked by the write it authorizes instead of a lookup of its own: on a route
 * whose every write can check the key in its own statement (`POST /v1/quotes` without an
 * Idempotency-Key, `POST /v1/payments`), a key this process found valid before is not looked
 * up again before the handler. The merchant it belongs to is known (a key's merchant never
 * changes); whether it is still valid is not, so the write's statement checks it against
 * `api_keys` (hash, merchant, not revoked) and writes nothing when it is not. Any path that
 * writes nothing checked (a validation error, a replay) confirms the key with a lookup before
 * its response goes out (the `auth` middleware does it), so a revoked key still gets 401 for
 * everything, and the database is asked about the key on every request.
 */
import { sql, type SQL } from 'drizzle-orm'

/**
 * The condition a write's statement puts on each row it writes: the row's `key_hash` is null (its
 * key was looked up before the handler) or that key is still its `merchant_id`'s and not revoked.
 *
 * @example sql`insert into quotes (…) select … from ${unnestPlaceholders('v', columns)} where ${keyStillValid('v')}`
 */
export const keyStillValid = (alias: string): SQL => {
  const row = sql.raw(alias)
  return sql`(${row}.key_hash is null
    or exists (select 1 from api_keys k where k.key_hash = ${row}.key_hash and k.merchant_id = ${row}.merchant_id and k.revoked_at is null))`
}

export interface KeyCheck {
  /** The SHA-256 hex of the presented key, as `api_keys.key_hash` stores it. */
  readonly hash: string
  /** Marks the key valid for this request: a statement that checked it wrote. */
  confirmedByStatement(): void
  /** Whether the key is valid for the merchant: at once after `confirmedByStatement`, else looked up (once per request). */
  confirm(): Promise<boolean>
}

/**
 * @example
 * const check = createKeyCheck(hash, () => merchants.authenticate(apiKey).then((m) => m?.id === merchantId))
 */
export function createKeyCheck(hash: string, lookup: () => Promise<boolean>): KeyCheck {
  let confirmed = false
  let asked: Promise<boolean> | undefined
  return {
    hash,
    confirmedByStatement() {
      confirmed = true
    },
    confirm() {
      if (confirmed) return Promise.resolve(true)
      asked ??= lookup().then((valid) => (confirmed = valid))
      return asked
    },
  }
}
