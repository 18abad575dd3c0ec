import { and, eq, lt, sql } from 'drizzle-orm'
import type { Database } from '../db/database.js'
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

/**
 * PostgreSQL-backed idempotency keys. The claim is one `INSERT … ON CONFLICT DO NOTHING`, so
 * concurrent requests with one key race inside PostgreSQL and exactly one wins. A claim left
 * `in_flight` by a crashed process is taken over after `staleAfterMs`.
 *
 * @example const store = createIdempotencyStore({ db, clock })
 */
export function createIdempotencyStore(deps: { db: Database; clock: Clock; staleAfterMs?: number }): IdempotencyStore {
  const { db, clock } = deps
  const staleAfterMs = deps.staleAfterMs ?? 60_000
  const byKey = (merchantId: string, key: string) =>
    and(eq(idempotencyKeys.merchantId, merchantId), eq(idempotencyKeys.key, key))
  // Prepared once: the claim and the completion run on every keyed POST.
  const claim = db
    .insert(idempotencyKeys)
    .values({
      merchantId: sql.placeholder('merchantId'),
      key: sql.placeholder('key'),
      requestHash: sql.placeholder('requestHash'),
      method: sql.placeholder('method'),
      path: sql.placeholder('path'),
      state: 'in_flight',
      createdAt: sql.placeholder('createdAt'),
    })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key })
    .prepare('idempotency_claim')
  const completion = db
    .update(idempotencyKeys)
    .set({
      state: 'completed',
      responseStatus: sql`${sql.placeholder('status')}`,
      responseBody: sql`${sql.placeholder('body')}`,
      responseContentType: sql`${sql.placeholder('contentType')}`,
      completedAt: sql`${sql.placeholder('completedAt')}`,
    })
    .where(and(eq(idempotencyKeys.merchantId, sql.placeholder('merchantId')), eq(idempotencyKeys.key, sql.placeholder('key'))))
    .prepare('idempotency_complete')

  return {
    async begin(request) {
      for (let attempt = 0; attempt < 3; attempt++) {
        const now = clock()
        const claimed = await claim.execute({
          merchantId: request.merchantId,
          key: request.key,
          requestHash: request.fingerprint,
          method: request.method,
          path: request.path,
          createdAt: now,
        })
        if (claimed.length > 0) return { kind: 'started' }

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
      await completion.execute({
        merchantId,
        key,
        status: response.status,
        body: response.body,
        contentType: response.contentType ?? '',
        // Raw placeholders skip drizzle's value mapping: send the time as RFC 3339 text.
        completedAt: clock().toISOString(),
      })
    },
    async abandon(merchantId, key) {
      await db.delete(idempotencyKeys).where(and(byKey(merchantId, key), eq(idempotencyKeys.state, 'in_flight')))
    },
  }
}
