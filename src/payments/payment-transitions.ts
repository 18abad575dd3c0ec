import { and, eq, type SQL } from 'drizzle-orm'
import type { Database } from '../db/database.js'
import type { Clock } from '../lib/clock.js'
import type { IdGenerator } from '../lib/ids.js'
import { ledgerEntries, type JournalEntryInput, type LedgerService } from '../ledger/index.js'
import { paymentEvents, payments, type PaymentStatus } from './payment-schema.js'
import { canTransition } from './state-machine.js'

export type PaymentRow = typeof payments.$inferSelect

export interface TransitionDeps {
  ledger: LedgerService
  clock: Clock
  ids: IdGenerator
}

/** A ledger write that must not fail for a valid transition: a failure is a bug, so it aborts. */
export class LedgerInvariantError extends Error {
  override name = 'LedgerInvariantError'
  readonly retryable = false
}

/** The amounts of a payment as the ledger's entry builders take them. */
export const ledgerAmountsOf = (payment: PaymentRow) => ({
  paymentId: payment.id,
  merchantId: payment.merchantId,
  sourceCurrency: payment.sourceCurrency,
  targetCurrency: payment.targetCurrency,
  sourceAmountMinor: payment.sourceAmountMinor,
  feeMinor: payment.feeMinor,
  targetAmountMinor: payment.targetAmountMinor,
})

/** The ledger entry a move into `status` books, if any; `shardKey` as in `PaymentLedgerAmounts`. */
export function entryFor(payment: PaymentRow, status: PaymentStatus, shardKey?: string): JournalEntryInput | undefined {
  switch (status) {
    case 'paid_out':
      return ledgerEntries.paymentPaidOut({ ...ledgerAmountsOf(payment), channelId: payment.channelId!, ...(shardKey ? { shardKey } : {}) })
    case 'failed':
    case 'cancelled':
      return ledgerEntries.paymentReversed(ledgerAmountsOf(payment))
    case 'returned':
      return ledgerEntries.paymentReturned({ ...ledgerAmountsOf(payment), channelId: payment.channelId! })
    case 'pending':
    case 'processing':
      return undefined
  }
}

/** Posts an entry; a duplicate (already booked) is fine, any other refusal aborts the transaction. */
export async function postOrThrow(ledger: LedgerService, tx: Database, entry: JournalEntryInput): Promise<void> {
  const posted = await ledger.postEntry(tx, entry)
  if ('error' in posted && posted.error !== 'duplicate') {
    throw new LedgerInvariantError(`ledger refused ${entry.kind} for ${entry.referenceId}: ${JSON.stringify(posted, (_, v) => (typeof v === 'bigint' ? v.toString() : v))}`)
  }
}

/**
 * Moves a payment from the status it was read in to `to`, inside `tx`: a conditional update
 * (so two racing writers cannot both move it), the event, and the ledger entry of the move.
 * Returns the updated row, or `undefined` when the move is not allowed, `onlyIf` does not hold,
 * or someone else moved the payment first. The database trigger rejects any transition missing from the table.
 *
 * @example const paid = await transitionPayment(tx, deps, payment, 'paid_out', 'channel confirmed payout')
 */
export async function transitionPayment(
  tx: Database,
  deps: TransitionDeps,
  payment: PaymentRow,
  to: PaymentStatus,
  reason: string,
  options: { detail?: Record<string, unknown>; patch?: Partial<Omit<PaymentRow, 'id' | 'status'>>; onlyIf?: SQL } = {},
): Promise<PaymentRow | undefined> {
  if (!canTransition(payment.status, to)) return undefined
  const now = deps.clock()
  const [updated] = await tx
    .update(payments)
    .set({ ...options.patch, status: to, updatedAt: now })
    .where(and(eq(payments.id, payment.id), eq(payments.status, payment.status), options.onlyIf))
    .returning()
  if (!updated) return undefined
  await tx.insert(paymentEvents).values({
    id: deps.ids('evt'),
    paymentId: payment.id,
    merchantId: payment.merchantId,
    fromStatus: payment.status,
    toStatus: to,
    reason,
    detail: options.detail ?? null,
    createdAt: now,
  })
  const entry = entryFor(updated, to)
  if (entry) await postOrThrow(deps.ledger, tx, entry)
  return updated
}
