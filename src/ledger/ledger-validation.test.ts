import { describe, expect, it } from 'vitest'
import type { AccountKey, JournalEntryInput, PostingInput } from './ledger-types.js'
import { checkEntry, netPostings } from './ledger-validation.js'

const merchant: AccountKey = { ownerType: 'merchant', ownerId: 'mer_1', currency: 'USD', purpose: 'merchant_balance' }
const fee: AccountKey = { ownerType: 'house', ownerId: 'corridor', currency: 'USD', purpose: 'fee_revenue' }
const euroFx: AccountKey = { ownerType: 'house', ownerId: 'corridor', currency: 'EUR', purpose: 'fx_position' }

const entry = (postings: PostingInput[], overrides: Partial<JournalEntryInput> = {}): JournalEntryInput => ({
  kind: 'test',
  referenceId: 'ref_1',
  description: 'a test entry',
  postings,
  ...overrides,
})

describe('checkEntry', () => {
  it('accepts postings that sum to zero per currency', () => {
    expect(checkEntry(entry([{ account: merchant, amountMinor: -100n }, { account: fee, amountMinor: 100n }]))).toBeUndefined()
  })

  it('rejects an entry that does not balance, naming the currency and the sum', () => {
    expect(checkEntry(entry([{ account: merchant, amountMinor: -100n }, { account: fee, amountMinor: 99n }]))).toEqual({
      error: 'unbalanced',
      currency: 'USD',
      sumMinor: -1n,
    })
  })

  it('balances each currency on its own: a USD debit cannot pay for a EUR credit', () => {
    expect(checkEntry(entry([{ account: merchant, amountMinor: -100n }, { account: euroFx, amountMinor: 100n }]))).toMatchObject({
      error: 'unbalanced',
      currency: 'EUR',
      sumMinor: 100n,
    })
  })

  it.each([
    ['no postings', entry([]), 'no_postings'],
    ['a zero amount', entry([{ account: merchant, amountMinor: 0n }]), 'zero_amount'],
    ['a number amount', entry([{ account: merchant, amountMinor: 100 as unknown as bigint }]), 'not_an_integer'],
    ['an amount beyond bigint', entry([{ account: merchant, amountMinor: 2n ** 63n }, { account: fee, amountMinor: -(2n ** 63n) }]), 'amount_too_large'],
    ['an unknown currency', entry([{ account: { ...merchant, currency: 'usd' }, amountMinor: 1n }]), 'unknown_currency'],
    ['an unknown purpose', entry([{ account: { ...merchant, purpose: 'savings' as never }, amountMinor: 1n }]), 'invalid_account'],
    ['a blank owner', entry([{ account: { ...merchant, ownerId: ' ' }, amountMinor: 1n }]), 'invalid_account'],
    ['a blank kind', entry([{ account: merchant, amountMinor: 1n }], { kind: '' }), 'missing_field'],
    ['a blank reference', entry([{ account: merchant, amountMinor: 1n }], { referenceId: '' }), 'missing_field'],
  ])('rejects %s', (_label, input, reason) => {
    expect(checkEntry(input)).toMatchObject({ error: 'invalid_entry', reason })
  })
})

describe('netPostings', () => {
  it('merges postings to one account and drops those that cancel', () => {
    expect(
      netPostings([
        { account: euroFx, amountMinor: 500n },
        { account: merchant, amountMinor: -7n },
        { account: { ...euroFx }, amountMinor: -500n },
        { account: merchant, amountMinor: -3n },
      ]),
    ).toEqual([{ account: merchant, amountMinor: -10n }])
  })
})
