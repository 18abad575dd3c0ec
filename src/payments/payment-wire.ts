import type { ResponseBody, Schemas } from '../api/openapi.js'
import { formatMinor } from '../money/money.js'
import { canonicalRate } from '../rates/exact-rate.js'
import type { paymentEvents } from './payment-schema.js'
import type { PaymentRow } from './payment-transitions.js'

type WirePayment = ResponseBody<'getPayment', 200>

/** The wire form of a payment: the account only as type and mask, never in clear. */
export function paymentToWire(payment: PaymentRow): WirePayment {
  const beneficiary = payment.beneficiary as { name: string; country: string; address?: Schemas['Address'] }
  return {
    id: payment.id,
    object: 'payment',
    status: payment.status,
    quote_id: payment.quoteId,
    corridor_id: payment.corridorId,
    source_currency: payment.sourceCurrency,
    target_currency: payment.targetCurrency,
    source_amount: formatMinor(payment.sourceAmountMinor, payment.sourceCurrency),
    target_amount: formatMinor(payment.targetAmountMinor, payment.targetCurrency),
    fee: { value: formatMinor(payment.feeMinor, payment.sourceCurrency), currency: payment.sourceCurrency },
    rate: canonicalRate(payment.customerRate),
    mid_rate: canonicalRate(payment.midRate),
    sender: payment.sender as unknown as Schemas['Sender'],
    beneficiary: {
      name: beneficiary.name,
      country: beneficiary.country,
      ...(beneficiary.address ? { address: beneficiary.address } : {}),
      account: { type: payment.accountType, masked: payment.accountMasked },
    },
    purpose_code: payment.purposeCode,
    reference: payment.reference,
    metadata: payment.metadata,
    channel: payment.channelId ? { id: payment.channelId, reference: payment.channelReference, attempts: payment.attemptCount } : null,
    failure: payment.failureCode ? { code: payment.failureCode, message: payment.failureMessage ?? '' } : null,
    created_at: payment.createdAt.toISOString(),
    updated_at: payment.updatedAt.toISOString(),
  }
}

export function paymentEventToWire(event: typeof paymentEvents.$inferSelect): Schemas['PaymentEvent'] {
  return {
    id: event.id,
    object: 'payment_event',
    from_status: event.fromStatus,
    to_status: event.toStatus,
    reason: event.reason,
    ...(event.detail ? { detail: event.detail } : {}),
    created_at: event.createdAt.toISOString(),
  }
}
