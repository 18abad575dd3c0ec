import { describe, expect, it } from 'vitest'
import { ledgerEntries } from './ledger-entries.js'
import { shardedOwnerId, type JournalEntryInput } from './ledger-types.js'
import { checkEntry, netPostings } from './ledger-validation.js'

const payment = {
  paymentId: 'pay_1',
  merchantId: 'mer_1',
  sourceCurrency: 'USD',
  targetCurrency: 'EUR',
  sourceAmountMinor: 100000n,
  feeMinor: 250n,
  targetAmountMinor: 91313n,
}

const summary = (entry: JournalEntryInput) =>
  entry.postings.map((p) => `${p.account.ownerType}:${p.account.purpose}:${p.account.currency} ${p.amountMinor}`)

describe('ledgerEntries', () => {
  it('deposit moves money from the house bank account to the merchant', () => {
    const entry = ledgerEntries.deposit({ merchantId: 'mer_1', currency: 'GBP', amountMinor: 5000n, reference: 'bank-1' })
    expect(entry).toMatchObject({ kind: 'deposit', referenceId: 'bank-1', merchantId: 'mer_1' })
    expect(summary(entry)).toEqual(['house:bank_deposits:GBP -5000', 'merchant:merchant_balance:GBP 5000'])
    expect(checkEntry(entry)).toBeUndefined()
  })

  it('paymentFunded debits A, books the fee and converts X = A − F into B', () => {
    const entry = ledgerEntries.paymentFunded(payment)
    expect(entry).toMatchObject({ kind: 'payment_funded', referenceId: 'pay_1', merchantId: 'mer_1' })
    expect(summary(entry)).toEqual([
      'merchant:merchant_balance:USD -100000',
      'house:fee_revenue:USD 250',
      'house:fx_position:USD 99750',
      'house:fx_position:EUR -91313',
      'house:payouts_pending:EUR 91313',
    ])
    expect(checkEntry(entry)).toBeUndefined()
  })

  it('paymentFunded leaves the FX position alone for a same-currency payment, and skips a zero fee', () => {
    const entry = ledgerEntries.paymentFunded({ ...payment, targetCurrency: 'USD', feeMinor: 0n, targetAmountMinor: 100000n })
    expect(summary(entry)).toEqual(['merchant:merchant_balance:USD -100000', 'house:payouts_pending:USD 100000'])
    expect(checkEntry(entry)).toBeUndefined()
  })

  it('paymentPaidOut moves the pending payout to the channel', () => {
    const entry = ledgerEntries.paymentPaidOut({ ...payment, channelId: 'sepa_instant' })
    expect(summary(entry)).toEqual(['house:payouts_pending:EUR -91313', 'channel:channel_clearing:EUR 91313'])
    expect(entry.postings[1]?.account.ownerId).toBe(shardedOwnerId('sepa_instant', payment.paymentId))
    expect(checkEntry(entry)).toBeUndefined()
  })

  it('paymentReversed is the exact inverse of paymentFunded', () => {
    const funded = ledgerEntries.paymentFunded(payment)
    const reversed = ledgerEntries.paymentReversed(payment)
    expect(reversed.kind).toBe('payment_reversed')
    expect(netPostings([...funded.postings, ...reversed.postings])).toEqual([])
    expect(checkEntry(reversed)).toBeUndefined()
  })

  it('paymentReturned refunds the principal at the original amounts and keeps the fee', () => {
    const entry = ledgerEntries.paymentReturned({ ...payment, channelId: 'sepa_instant' })
    expect(summary(entry)).toEqual([
      'channel:channel_clearing:EUR -91313',
      'house:fx_position:EUR 91313',
      'house:fx_position:USD -99750',
      'merchant:merchant_balance:USD 99750',
    ])
    expect(checkEntry(entry)).toBeUndefined()
    // Funded, paid out and returned: the merchant is out exactly the fee, the house earned it.
    const all = netPostings([
      ...ledgerEntries.paymentFunded(payment).postings,
      ...ledgerEntries.paymentPaidOut({ ...payment, channelId: 'sepa_instant' }).postings,
      ...entry.postings,
    ])
    expect(all.map((p) => `${p.account.purpose}:${p.account.currency} ${p.amountMinor}`)).toEqual([
      'merchant_balance:USD -250',
      'fee_revenue:USD 250',
    ])
  })

  it.each([
    ['a negative fee', { feeMinor: -1n }],
    ['a fee above the amount', { feeMinor: 100001n }],
    ['a zero source amount', { sourceAmountMinor: 0n, feeMinor: 0n }],
    ['a zero target amount', { targetAmountMinor: 0n }],
  ])('refuses %s (a bug in the caller)', (_label, change) => {
    expect(() => ledgerEntries.paymentFunded({ ...payment, ...change })).toThrow(RangeError)
  })
})

describe('account shards', () => {
  it('spreads payments over the house shards and keeps one payment on one shard', () => {
    const shards = new Set(Array.from({ length: 400 }, (_, i) => shardedOwnerId('corridor', `pay_${i}`)))
    expect(shards.size).toBe(16)
    expect(shardedOwnerId('corridor', 'pay_x')).toBe(shardedOwnerId('corridor', 'pay_x'))
  })
})
