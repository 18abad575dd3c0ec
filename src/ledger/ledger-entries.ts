/**
 * The entries of a payment's life, so the payments code says what happened and the ledger
 * decides which accounts move. Every builder is pure and returns a balanced
 * {@link JournalEntryInput} for `ledger.postEntry(tx, entry)`; amounts are bigint minor units.
 *
 * Notation: S, T are the source and target currencies; A the amount debited from the merchant
 * (fee included, `payments.source_amount_minor`), F the fee (in S, part of A), X = A − F the
 * principal converted, B what the beneficiary receives in T.
 */
import { netPostings } from './ledger-validation.js'
import { HOUSE_OWNER_ID, shardedOwnerId, type AccountKey, type JournalEntryInput, type LedgerPurpose, type PostingInput } from './ledger-types.js'

/**
 * The entry kinds the builders produce; with the reference they form the entry's unique key.
 *
 * @example
 * await ledger.findEntry(LEDGER_ENTRY_KINDS.paymentFunded, 'pay_…')
 */
export const LEDGER_ENTRY_KINDS = {
  deposit: 'deposit',
  paymentFunded: 'payment_funded',
  paymentPaidOut: 'payment_paid_out',
  paymentReversed: 'payment_reversed',
  paymentReturned: 'payment_returned',
} as const

/** The amounts of a payment, as stored on it. */
export interface PaymentLedgerAmounts {
  paymentId: string
  merchantId: string
  sourceCurrency: string
  targetCurrency: string
  /** A: what the merchant's balance is debited, fee included. */
  sourceAmountMinor: bigint
  /** F: the fee, in the source currency, part of A (may be zero). */
  feeMinor: bigint
  /** B: what the beneficiary receives, in the target currency. */
  targetAmountMinor: bigint
  /**
   * Picks the shard of the house and channel accounts the entry moves (default: the payment
   * id). Entries posted together pass one value, so the batch locks one shard of each account
   * rather than one per payment. Any shard is right: an account's balance is the sum of its shards.
   */
  shardKey?: string
}

/** A payment's amounts plus the channel that paid it out. */
export interface PaidOutPaymentAmounts extends PaymentLedgerAmounts {
  channelId: string
}

/** A merchant's bank transfer into its balance. */
export interface DepositInput {
  merchantId: string
  currency: string
  amountMinor: bigint
  /** The bank's or the operator's reference; unique among deposits. */
  reference: string
}

const house = (currency: string, purpose: LedgerPurpose, reference: string): AccountKey => ({
  ownerType: 'house',
  ownerId: shardedOwnerId(HOUSE_OWNER_ID, reference),
  currency,
  purpose,
})
const merchantBalance = (merchantId: string, currency: string): AccountKey => ({
  ownerType: 'merchant',
  ownerId: merchantId,
  currency,
  purpose: 'merchant_balance',
})
const channelClearing = (channelId: string, currency: string, reference: string): AccountKey => ({
  ownerType: 'channel',
  ownerId: shardedOwnerId(channelId, reference),
  currency,
  purpose: 'channel_clearing',
})
const posting = (account: AccountKey, amountMinor: bigint): PostingInput => ({ account, amountMinor })
const shardOf = (payment: PaymentLedgerAmounts) => payment.shardKey ?? payment.paymentId

// Amounts that reach a builder were validated by the payments code; a negative one is a bug.
function assertPaymentAmounts(payment: PaymentLedgerAmounts): void {
  const { sourceAmountMinor: a, feeMinor: f, targetAmountMinor: b } = payment
  if (a <= 0n || b <= 0n || f < 0n || f > a) {
    throw new RangeError(`payment ${payment.paymentId}: need A > 0, B > 0 and 0 <= F <= A (A=${a}, F=${f}, B=${b})`)
  }
}

function fundingPostings(payment: PaymentLedgerAmounts): PostingInput[] {
  assertPaymentAmounts(payment)
  const { merchantId, sourceCurrency: s, targetCurrency: t, sourceAmountMinor: a, feeMinor: f, targetAmountMinor: b } = payment
  // netPostings drops the zero fee and, when S = T, lets the two fx_position legs cancel.
  return netPostings([
    posting(merchantBalance(merchantId, s), -a),
    posting(house(s, 'fee_revenue', shardOf(payment)), f),
    posting(house(s, 'fx_position', shardOf(payment)), a - f),
    posting(house(t, 'fx_position', shardOf(payment)), -b),
    posting(house(t, 'payouts_pending', shardOf(payment)), b),
  ])
}

const invert = (postings: PostingInput[]) => postings.map((p) => posting(p.account, -p.amountMinor))

/**
 * The pure builders, one per event. `deposit` credits a merchant from a bank transfer;
 * the `payment*` ones take the payment's stored amounts and use the payment id as reference.
 *
 * @example
 * const entry = ledgerEntries.paymentFunded({ paymentId: 'pay_…', merchantId: 'mer_…',
 *   sourceCurrency: 'USD', targetCurrency: 'EUR', sourceAmountMinor: 100000n, feeMinor: 250n,
 *   targetAmountMinor: 91313n })
 * const result = await ledger.postEntry(tx, entry)
 */
export const ledgerEntries = {
  /** bank_deposits(house, C) −D, merchant_balance(merchant, C) +D. */
  deposit(input: DepositInput): JournalEntryInput {
    if (input.amountMinor <= 0n) throw new RangeError(`deposit ${input.reference}: the amount must be positive (got ${input.amountMinor})`)
    return {
      kind: LEDGER_ENTRY_KINDS.deposit,
      referenceId: input.reference,
      merchantId: input.merchantId,
      description: `Bank deposit ${input.reference} to merchant ${input.merchantId}`,
      postings: [posting(house(input.currency, 'bank_deposits', input.reference), -input.amountMinor), posting(merchantBalance(input.merchantId, input.currency), input.amountMinor)],
    }
  },

  /**
   * At payment creation: merchant_balance(S) −A, fee_revenue(S) +F, fx_position(S) +X,
   * fx_position(T) −B, payouts_pending(T) +B. Fails with `insufficient_funds` when the
   * merchant's balance in S is below A.
   */
  paymentFunded(payment: PaymentLedgerAmounts): JournalEntryInput {
    return {
      kind: LEDGER_ENTRY_KINDS.paymentFunded,
      referenceId: payment.paymentId,
      merchantId: payment.merchantId,
      description: `Payment ${payment.paymentId} funded from the merchant balance`,
      postings: fundingPostings(payment),
    }
  },

  /** The channel confirmed the payout: payouts_pending(T) −B, channel_clearing(channel, T) +B. */
  paymentPaidOut(payment: PaidOutPaymentAmounts): JournalEntryInput {
    assertPaymentAmounts(payment)
    const { targetCurrency: t, targetAmountMinor: b } = payment
    return {
      kind: LEDGER_ENTRY_KINDS.paymentPaidOut,
      referenceId: payment.paymentId,
      merchantId: payment.merchantId,
      description: `Payment ${payment.paymentId} paid out by ${payment.channelId}`,
      postings: [posting(house(t, 'payouts_pending', shardOf(payment)), -b), posting(channelClearing(payment.channelId, t, shardOf(payment)), b)],
    }
  },

  /** Failed or cancelled before payout: the exact inverse of `paymentFunded`, fee refunded. */
  paymentReversed(payment: PaymentLedgerAmounts): JournalEntryInput {
    return {
      kind: LEDGER_ENTRY_KINDS.paymentReversed,
      referenceId: payment.paymentId,
      merchantId: payment.merchantId,
      description: `Payment ${payment.paymentId} reversed before payout, fee refunded`,
      postings: invert(fundingPostings(payment)),
    }
  },

  /**
   * Returned after payout: channel_clearing(channel, T) −B, fx_position(T) +B,
   * fx_position(S) −X, merchant_balance(S) +X. The principal goes back at the original amounts;
   * the fee is kept.
   */
  paymentReturned(payment: PaidOutPaymentAmounts): JournalEntryInput {
    assertPaymentAmounts(payment)
    const { merchantId, sourceCurrency: s, targetCurrency: t, sourceAmountMinor: a, feeMinor: f, targetAmountMinor: b } = payment
    return {
      kind: LEDGER_ENTRY_KINDS.paymentReturned,
      referenceId: payment.paymentId,
      merchantId,
      description: `Payment ${payment.paymentId} returned after payout by ${payment.channelId}, principal refunded`,
      postings: netPostings([
        posting(channelClearing(payment.channelId, t, shardOf(payment)), -b),
        posting(house(t, 'fx_position', shardOf(payment)), b),
        posting(house(s, 'fx_position', shardOf(payment)), -(a - f)),
        posting(merchantBalance(merchantId, s), a - f),
      ]),
    }
  },
}
