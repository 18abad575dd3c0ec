import type { PaymentStatus } from './payment-schema.js'

/**
 * Every allowed status change. PostgreSQL enforces the same table with a trigger (migrations
 * `0002_payment_state_machine` and `0011_transition_check_without_a_query`: the allowed pairs
 * sit in the trigger's condition), so a transition missing here fails in the database too.
 *
 * pending → processing (submitted to a channel), cancelled (by the merchant), failed (no channel
 * could take it); processing → paid_out or failed; paid_out → returned (the beneficiary's bank
 * sent it back). failed, cancelled and returned are final.
 */
export const ALLOWED_TRANSITIONS: Readonly<Record<PaymentStatus, readonly PaymentStatus[]>> = {
  pending: ['processing', 'cancelled', 'failed'],
  processing: ['paid_out', 'failed'],
  paid_out: ['returned'],
  failed: [],
  cancelled: [],
  returned: [],
}

/** @example canTransition('pending', 'processing') // true */
export function canTransition(from: PaymentStatus, to: PaymentStatus): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to)
}

export const TERMINAL_STATUSES: readonly PaymentStatus[] = ['failed', 'cancelled', 'returned']

/** Final for the processor: nothing more will happen unless the beneficiary's bank returns it. */
export function isSettled(status: PaymentStatus): boolean {
  return status !== 'pending' && status !== 'processing'
}
