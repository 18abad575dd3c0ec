import { and, eq, lt, sql } from 'drizzle-orm'
import { createBatcher, type Defer } from '../db/batcher.js'
import type { Database } from '../db/database.js'
import { unnestPlaceholders, unnestValues } from '../db/pg-array.js'
import { preparedStatement } from '../db/prepared.js'
import { idempotencyKeys } from '../db/schema.js'
import type { Clock } from '../lib/clock.js'

export interface StoredResponse {
  status: number
  body: string
  contentType: string | null
}

export type BeginOutcome =
  | { kind: 'started' }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'mismatch' }
  | { kind: 'in_flight' }

export interface IdempotencyRequest {
  merchantId: string
  key: string
  fingerprint: string
  method: string
  path: string
}

export interface IdempotencyStore {
  /** Claims the key atomically (a unique row in PostgreSQL), or says why it cannot. */
  begin(request: IdempotencyRequest): Promise<BeginOutcome>
  complete(merchantId: string, key: string, response: StoredResponse): Promise<void>
  /** Releases a claimed key after a failure on our side, so the client may retry. */
  abandon(merchantId: string, key: string): Promise<void>
}

interface Claim {
  request: IdempotencyRequest
  createdAt: Date
}

interface Completion {
  merchantId: string
  key: string
  response: StoredResponse
  completedAt: Date
}

/** The columns that name a request: their types, and their values for a batch of requests. */
const REQUEST_COLUMNS = { merchant_id: 'text', key: 'text', request_hash: 'text', method: 'text', path: 'text' }
const requestValues = (requests: readonly IdempotencyRequest[]) => ({
  merchant_id: requests.map((request) => request.merchantId),
  key: requests.map((request) => request.key),
  request_hash: requests.map((request) => request.fingerprint),
  method: requests.map((request) => request.method),
  path: requests.map((request) => request.path),
})

/** One multi-row claim: the rows it inserted come back; a key already there inserts nothing. */
const claimStatement = preparedStatement<{ merchant_id: string; key: string }>(
  'idempotency_claim',
  sql`insert into idempotency_keys (merchant_id, key, request_hash, method, path, state, created_at)
    select merchant_id, key, request_hash, method, path, 'in_flight', created_at
    from ${unnestPlaceholders('v', { ...REQUEST_COLUMNS, created_at: 'timestamptz' })}
    on conflict do nothing
    returning merchant_id, key`,
)
const claimValues = (claims: Claim[]) =>
  unnestValues('v', { ...requestValues(claims.map(({ request }) => request)), created_at: claims.map(({ createdAt }) => createdAt.toISOString()) })

/** One multi-row completion: each claimed key gets its stored response. */
const completionStatement = preparedStatement(
  'idempotency_complete',
  sql`update idempotency_keys k set state = 'completed', response_status = v.status, response_body = v.body,
      response_content_type = v.content_type, completed_at = v.completed_at
    from ${unnestPlaceholders('v', { merchant_id: 'text', key: 'text', status: 'int', body: 'text', content_type: 'text', completed_at: 'timestamptz' })}
    where k.merchant_id = v.merchant_id and k.key = v.key`,
)
const completionValues = (completions: Completion[]) =>
  unnestValues('v', {
    merchant_id: completions.map(({ merchantId }) => merchantId),
    key: completions.map(({ key }) => key),
    status: completions.map(({ response }) => response.status),
    body: completions.map(({ response }) => response.body),
    content_type: completions.map(({ response }) => response.contentType ?? ''),
    completed_at: completions.map(({ completedAt }) => completedAt.toISOString()),
  })

/** A request and the response it got, recorded in the transaction that did its work. */
export interface CompletedRequest {
  request: IdempotencyRequest
  response: StoredResponse
}

/** See recordCompleted: its text built once, its columns filled per batch. */
const recordCompletedStatement = preparedStatement<{ key: string }>(
  'idempotency_record_completed',
  sql`insert into idempotency_keys (merchant_id, key, request_hash, method, path, state, response_status, response_body, response_content_type, created_at, completed_at)
    select merchant_id, key, request_hash, method, path, 'completed', status, body, content_type, ${sql.placeholder('now')}::timestamptz, ${sql.placeholder('now')}::timestamptz
    from ${unnestPlaceholders('v', { ...REQUEST_COLUMNS, status: 'int', body: 'text', content_type: 'text' })}
    on conflict do nothing
    returning key`,
)

/**
 * Records requests as completed inside the caller's transaction `tx`, in one statement: the
 * key, the fingerprint and the response go in with the work they describe, so no claim or
 * completion round trip is needed, and a concurrent request with the same key waits on the
 * unique index and then finds the finished record. Returns how many it recorded: a key already
 * taken (by any request) is not overwritten, and when the count falls short the caller must
 * roll back and go through `begin` instead.
 *
 * @example const recorded = await recordCompleted(tx, [{ request, response }], clock) // 1, or 0 when the key was taken
 */
export async function recordCompleted(tx: Database, completed: readonly CompletedRequest[], clock: Clock): Promise<number> {
  if (completed.length === 0) return 0
  const recorded = await recordCompletedStatement(tx, {
    now: clock().toISOString(),
    ...unnestValues('v', {
      ...requestValues(completed.map(({ request }) => request)),
      status: completed.map(({ response }) => response.status),
      body: completed.map(({ response }) => response.body),
      content_type: completed.map(({ response }) => response.contentType ?? ''),
    }),
  })
  return recorded.length
}

const idempotencyRecordKey = (merchantId: string, key: string) => `${merchantId}\u0000${key}`

/**
 * PostgreSQL-backed idempotency keys. The claim is one `INSERT … ON CONFLICT DO NOTHING`, so
 * concurrent requests with one key race inside PostgreSQL and exactly one wins. A claim left
 * `in_flight` by a crashed process is taken over after `staleAfterMs`. With `defer` (Node: a
 * few turns of `setImmediate`), the claims and the completions of concurrent requests go to the
 * database together, one multi-row statement per batch; a key that meets an existing row is
 * then looked at alone.
 *
 * @example const store = createIdempotencyStore({ db, clock, defer: setImmediate })
 */
export function createIdempotencyStore(deps: { db: Database; clock: Clock; staleAfterMs?: number; defer?: Defer | undefined }): IdempotencyStore {
  const { db, clock } = deps
  const staleAfterMs = deps.staleAfterMs ?? 60_000
  // True when this request's row was inserted. A key twice in one batch: the first claims it,
  // the second finds the row as any later request would.
  const claimBatch = createBatcher<Claim, boolean>({
    defer: deps.defer,
    maxBatch: 64,
    run: async (claims) => {
      const seen = new Set<string>()
      const first = claims.map(({ request }) => {
        const key = idempotencyRecordKey(request.merchantId, request.key)
        if (seen.has(key)) return false
        seen.add(key)
        return true
      })
      const inserted = new Set(
        (await claimStatement(db, claimValues(claims))).map((row) =>
          idempotencyRecordKey(row.merchant_id, row.key),
        ),
      )
      return claims.map(({ request }, index) => first[index]! && inserted.has(idempotencyRecordKey(request.merchantId, request.key)))
    },
  })
  const completeBatch = createBatcher<Completion, void>({
    defer: deps.defer,
    maxBatch: 64,
    run: async (completions) => {
      await completionStatement(db, completionValues(completions))
      return completions.map(() => undefined)
    },
  })
  const byKey = (merchantId: string, key: string) =>
    and(eq(idempotencyKeys.merchantId, merchantId), eq(idempotencyKeys.key, key))
  return {
    async begin(request) {
      for (let attempt = 0; attempt < 3; attempt++) {
        const now = clock()
        if (await claimBatch({ request, createdAt: now })) return { kind: 'started' }

        const [existing] = await db.select().from(idempotencyKeys).where(byKey(request.merchantId, request.key))
        if (!existing) continue // abandoned between our insert and select: claim again
        if (existing.requestHash !== request.fingerprint) return { kind: 'mismatch' }
        if (existing.state === 'completed') {
          return {
            kind: 'replay',
            response: {
              status: existing.responseStatus ?? 500,
              body: existing.responseBody ?? '',
              contentType: existing.responseContentType,
            },
          }
        }
        const takenOver = await db
          .update(idempotencyKeys)
          .set({ createdAt: now })
          .where(
            and(
              byKey(request.merchantId, request.key),
              eq(idempotencyKeys.state, 'in_flight'),
              lt(idempotencyKeys.createdAt, new Date(now.getTime() - staleAfterMs)),
            ),
          )
          .returning({ key: idempotencyKeys.key })
        return takenOver.length > 0 ? { kind: 'started' } : { kind: 'in_flight' }
      }
      return { kind: 'in_flight' }
    },
    async complete(merchantId, key, response) {
      await completeBatch({ merchantId, key, response, completedAt: clock() })
    },
    async abandon(merchantId, key) {
      await db.delete(idempotencyKeys).where(and(byKey(merchantId, key), eq(idempotencyKeys.state, 'in_flight')))
    },
  }
}
