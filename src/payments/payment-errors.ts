/** The expected failures of the payment service, as values (mapped to HTTP by the routes). */

export type PaymentErrorCode =
  | 'quote_not_found'
  | 'quote_expired'
  | 'quote_used'
  | 'quote_mismatch'
  | 'invalid_account'
  | 'invalid_party'
  | 'insufficient_funds'
  | 'not_found'
  | 'not_cancellable'
  | 'idempotency_key_taken'
  /** The request's key, checked by the creation statement (see key-check.ts), is no longer valid. */
  | 'api_key_invalid'

export interface PaymentError {
  error: PaymentErrorCode
  message: string
  field?: string
}

/** @example fail('quote_used', 'Quote quo_… already paid for a payment', 'quote_id') */
export const fail = (error: PaymentErrorCode, message: string, field?: string): PaymentError => ({ error, message, ...(field ? { field } : {}) })

/** The key of the request to create a payment is held already: the caller settles it through the idempotency store. */
export const idempotencyKeyTaken = () => fail('idempotency_key_taken', 'This Idempotency-Key already has a request', 'Idempotency-Key')
