/**
 * Checks on the payments' own rows that no foreign key enforces: every event and every attempt
 * names a payment that exists. Both are written only in the transaction that inserts or moves
 * their payment (see payment-schema.ts), so a violation means a bug or a hand-made row.
 * `npm run ledger:verify` runs these checks beside the ledger's, in the same snapshot.
 */
import { count, eq, isNull } from 'drizzle-orm'
import type { Database } from '../db/database.js'
import { paymentAttempts, paymentEvents, payments } from './payment-schema.js'

/** A payment row that names a payment nobody has. */
export type PaymentRecordViolation = { message: string } & (
  | { invariant: 'event_orphaned'; eventId: string; paymentId: string }
  | { invariant: 'attempt_orphaned'; paymentId: string; attempt: number }
)

export interface PaymentRecordVerification {
  violations: PaymentRecordViolation[]
  checked: { payments: number; events: number; attempts: number }
}

/**
 * Runs the checks on `db` (pass the repeatable-read transaction of the ledger's checks, so
 * both see one snapshot) and counts what was checked.
 *
 * @example const { violations } = await db.transaction((tx) => verifyPaymentRecords(tx), { isolationLevel: 'repeatable read' })
 */
export async function verifyPaymentRecords(db: Database): Promise<PaymentRecordVerification> {
  const events = await db
    .select({ eventId: paymentEvents.id, paymentId: paymentEvents.paymentId })
    .from(paymentEvents)
    .leftJoin(payments, eq(payments.id, paymentEvents.paymentId))
    .where(isNull(payments.id))
    .orderBy(paymentEvents.paymentId, paymentEvents.sequence)
  const attempts = await db
    .select({ paymentId: paymentAttempts.paymentId, attempt: paymentAttempts.attempt })
    .from(paymentAttempts)
    .leftJoin(payments, eq(payments.id, paymentAttempts.paymentId))
    .where(isNull(payments.id))
    .orderBy(paymentAttempts.paymentId, paymentAttempts.attempt)
  const violations: PaymentRecordViolation[] = [
    ...events.map(({ eventId, paymentId }) => ({
      invariant: 'event_orphaned' as const,
      eventId,
      paymentId,
      message: `payment event ${eventId} names payment ${paymentId}, which does not exist`,
    })),
    ...attempts.map(({ paymentId, attempt }) => ({
      invariant: 'attempt_orphaned' as const,
      paymentId,
      attempt,
      message: `attempt ${attempt} of payment ${paymentId} names a payment that does not exist`,
    })),
  ]
  const [paymentCount] = await db.select({ n: count() }).from(payments)
  const [eventCount] = await db.select({ n: count() }).from(paymentEvents)
  const [attemptCount] = await db.select({ n: count() }).from(paymentAttempts)
  return { violations, checked: { payments: paymentCount?.n ?? 0, events: eventCount?.n ?? 0, attempts: attemptCount?.n ?? 0 } }
}
