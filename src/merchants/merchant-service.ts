import { sql } from 'drizzle-orm'
import type { AuthenticatedMerchant } from '../api/context.js'
import { createBatcher, type Defer } from '../db/batcher.js'
import type { Database } from '../db/database.js'
import { pgArray } from '../db/pg-array.js'
import { preparedStatement } from '../db/prepared.js'
import { apiKeys, merchants } from '../db/schema.js'
import type { Clock } from '../lib/clock.js'
import { randomBase62, sha256Hex } from '../lib/crypto.js'
import type { IdGenerator } from '../lib/ids.js'
import { createKeyCheck } from './key-check.js'

export interface MerchantService {
  /** Looks a presented key up by its hash; `undefined` when unknown or revoked. */
  authenticate(apiKey: string): Promise<AuthenticatedMerchant | undefined>
  /**
   * For a route whose writes check the key themselves (see `key-check.ts`): the merchant of a
   * key this process found valid before, with the check its write makes, and no lookup now;
   * `undefined` for a key not seen valid lately (look it up with `authenticate`).
   */
  authenticateInWrite(apiKey: string): Promise<AuthenticatedMerchant | undefined>
  /** Creates a merchant and its first API key; the key is returned once and stored hashed. */
  createMerchant(input: { name: string; id?: string; apiKey?: string }): Promise<{ merchant: { id: string; name: string }; apiKey: string }>
  /** Adds a key to an existing merchant unless that key already exists (idempotent seeding). */
  ensureApiKey(merchantId: string, apiKey: string): Promise<void>
}

const merchantsByKeyHashes = preparedStatement<{ merchant_id: string; key_hash: string }>(
  'merchants_by_api_keys',
  sql`select merchant_id, key_hash from api_keys where key_hash = any(${sql.placeholder('hashes')}::text[]) and revoked_at is null`,
)

export const API_KEY_PATTERN = /^sk_(live|test)_[A-Za-z0-9]{16,64}$/

/** @example generateApiKey() // 'sk_test_…' (32 random base62 characters) */
export function generateApiKey(): string {
  return `sk_test_${randomBase62(32)}`
}

/**
 * @example
 * const merchantsService = createMerchantService({ db, ids, clock })
 * const merchant = await merchantsService.authenticate('sk_test_…')
 */
export function createMerchantService(deps: { db: Database; ids: IdGenerator; clock: Clock; defer?: Defer | undefined }): MerchantService {
  const { db, ids, clock } = deps
  const insertKey = async (merchantId: string, apiKey: string) => {
    await db
      .insert(apiKeys)
      .values({
        id: ids('key'),
        merchantId,
        keyHash: await sha256Hex(apiKey),
        keyPrefix: apiKey.slice(0, 12),
        createdAt: clock(),
      })
      .onConflictDoNothing()
  }
  // This lookup runs on every request: index probes on api_keys (its foreign key guarantees the
  // merchant exists), no join. Concurrent requests' lookups go together, one statement per
  // batch; the hashes go as one array parameter, so one prepared statement serves every size.
  const keyLookup = createBatcher<string, AuthenticatedMerchant | undefined>({
    defer: deps.defer,
    maxBatch: 16,
    run: async (batch) => {
      const distinct = [...new Set(batch)]
      const rows = await merchantsByKeyHashes(db, { hashes: pgArray(distinct) })
      const found = new Map(rows.map((row) => [row.key_hash, row.merchant_id]))
      return batch.map((hash) => {
        const id = found.get(hash)
        return id === undefined ? undefined : { id }
      })
    },
  })
  // The hash of a key never changes: remembering recent ones spares a digest per request.
  // Only the hash is cached; whether the key is valid is asked of the database every time.
  const recentHashes = new Map<string, string>()
  const hashOf = async (apiKey: string) => {
    let hash = recentHashes.get(apiKey)
    if (hash === undefined) {
      hash = await sha256Hex(apiKey)
      if (recentHashes.size >= 1000) recentHashes.clear()
      recentHashes.set(apiKey, hash)
    }
    return hash
  }
  // The merchant of each key hash found valid lately. A hint, never an answer: a write that
  // relies on it checks the key in its own statement (see key-check.ts), and a key found
  // invalid is forgotten.
  const merchantOfValidHash = new Map<string, string>()
  const authenticate = async (apiKey: string): Promise<AuthenticatedMerchant | undefined> => {
    if (!API_KEY_PATTERN.test(apiKey)) return undefined
    const hash = await hashOf(apiKey)
    const merchant = await keyLookup(hash)
    if (!merchant) merchantOfValidHash.delete(hash)
    else if (merchantOfValidHash.get(hash) !== merchant.id) {
      if (merchantOfValidHash.size >= 10_000) merchantOfValidHash.clear()
      merchantOfValidHash.set(hash, merchant.id)
    }
    return merchant
  }
  return {
    authenticate,
    async authenticateInWrite(apiKey) {
      if (!API_KEY_PATTERN.test(apiKey)) return undefined
      const hash = await hashOf(apiKey)
      const id = merchantOfValidHash.get(hash)
      if (id === undefined) return undefined
      return { id, keyCheck: createKeyCheck(hash, async () => (await authenticate(apiKey))?.id === id) }
    },
    async createMerchant(input) {
      const merchant = { id: input.id ?? ids('mer'), name: input.name }
      const apiKey = input.apiKey ?? generateApiKey()
      await db.insert(merchants).values({ ...merchant, createdAt: clock() }).onConflictDoNothing()
      await insertKey(merchant.id, apiKey)
      return { merchant, apiKey }
    },
    ensureApiKey: insertKey,
  }
}
