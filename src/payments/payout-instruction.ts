import type { NormalizedAccount } from '../beneficiaries/index.js'
import type { PayoutInstruction, PostalAddress } from '../channels/index.js'
import { formatMinor } from '../money/money.js'
import type { PaymentRow } from './payment-transitions.js'

interface WireAddress {
  line1: string
  line2?: string
  city: string
  postal_code?: string
  region?: string
}

function postalAddress(address: WireAddress | undefined): { address?: PostalAddress } {
  if (!address) return {}
  return {
    address: {
      lines: [address.line1, ...(address.line2 ? [address.line2] : [])],
      city: address.city,
      ...(address.postal_code ? { postalCode: address.postal_code } : {}),
      ...(address.region ? { region: address.region } : {}),
    },
  }
}

/**
 * What a channel adapter needs to pay out one attempt of a payment: the target amount, the
 * parties as stored on the payment, and the decrypted beneficiary account.
 *
 * @example const request = await channel.buildSubmitRequest(payoutInstruction(payment, 1, account), credentials)
 */
export function payoutInstruction(payment: PaymentRow, attempt: number, account: NormalizedAccount): PayoutInstruction {
  const sender = payment.sender as { name: string; country: string; address?: WireAddress }
  const beneficiary = payment.beneficiary as { name: string; country: string; address?: WireAddress }
  return {
    paymentId: payment.id,
    attempt,
    amount: formatMinor(payment.targetAmountMinor, payment.targetCurrency),
    currency: payment.targetCurrency,
    debtor: { name: sender.name, country: sender.country, ...postalAddress(sender.address) },
    creditor: { name: beneficiary.name, country: beneficiary.country, account, ...postalAddress(beneficiary.address) },
    reference: payment.reference,
    purposeCode: payment.purposeCode,
    createdAt: payment.createdAt,
  }
}
