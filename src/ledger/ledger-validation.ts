/**
 * Pure checks on an entry before it reaches the database: well-formed postings that sum to
 * zero in every currency.
 */
import { isCurrencyCode } from '../money/currencies.js'
import { ledgerAccounts } from './ledger-schema.js'
import type { AccountKey, InvalidEntryReason, JournalEntryInput, LedgerError, PostingInput } from './ledger-types.js'

/** Largest value of a PostgreSQL `bigint`, the type of every amount and balance column. @example 2n ** 63n - 1n === MAX_BIGINT_MINOR */
export const MAX_BIGINT_MINOR = 9_223_372_036_854_775_807n

const OWNER_TYPES: readonly string[] = ledgerAccounts.ownerType.enumValues
const PURPOSES: readonly string[] = ledgerAccounts.purpose.enumValues

const invalid = (reason: InvalidEntryReason, message: string): LedgerError => ({ error: 'invalid_entry', reason, message })

const isBlank = (value: unknown) => typeof value !== 'string' || value.trim() === ''

/**
 * A stable string for an account key, used to deduplicate and sort accounts.
 *
 * @example
 * accountKeyString({ ownerType: 'house', ownerId: 'corridor', currency: 'EUR', purpose: 'fee_revenue' })
 * // 'house/corridor/EUR/fee_revenue'
 */
export function accountKeyString(key: AccountKey): string {
  return `${key.ownerType}/${key.ownerId}/${key.currency}/${key.purpose}`
}

function checkAccount(account: AccountKey): LedgerError | undefined {
  if (!OWNER_TYPES.includes(account.ownerType)) return invalid('invalid_account', `unknown owner type ${String(account.ownerType)}`)
  if (!PURPOSES.includes(account.purpose)) return invalid('invalid_account', `unknown account purpose ${String(account.purpose)}`)
  if (isBlank(account.ownerId)) return invalid('invalid_account', 'an account needs an owner id')
  if (!isCurrencyCode(account.currency)) return invalid('unknown_currency', `unknown currency ${String(account.currency)}`)
  return undefined
}

function checkPosting(posting: PostingInput): LedgerError | undefined {
  const accountProblem = checkAccount(posting.account)
  if (accountProblem) return accountProblem
  const { amountMinor } = posting
  if (typeof amountMinor !== 'bigint') return invalid('not_an_integer', 'posting amounts must be bigint minor units')
  if (amountMinor === 0n) return invalid('zero_amount', `a posting to ${accountKeyString(posting.account)} has a zero amount`)
  if (amountMinor > MAX_BIGINT_MINOR || -amountMinor > MAX_BIGINT_MINOR) {
    return invalid('amount_too_large', `a posting to ${accountKeyString(posting.account)} exceeds the bigint range`)
  }
  return undefined
}

/**
 * Checks an entry without touching the database: required fields present, at least one
 * posting, every amount a non-zero bigint on a valid account, and the postings summing to zero
 * per currency. Returns the first problem, or `undefined` when the entry may be posted.
 *
 * @example
 * checkEntry({ kind: 'x', referenceId: 'r', description: 'd', postings: [] })
 * // { error: 'invalid_entry', reason: 'no_postings', message: 'an entry needs at least one posting' }
 */
export function checkEntry(entry: JournalEntryInput): LedgerError | undefined {
  if (isBlank(entry.kind)) return invalid('missing_field', 'an entry needs a kind')
  if (isBlank(entry.referenceId)) return invalid('missing_field', 'an entry needs a reference id')
  if (isBlank(entry.description)) return invalid('missing_field', 'an entry needs a description')
  if (entry.merchantId !== undefined && isBlank(entry.merchantId)) return invalid('missing_field', 'merchantId, when given, must not be blank')
  if (!Array.isArray(entry.postings) || entry.postings.length === 0) return invalid('no_postings', 'an entry needs at least one posting')

  const sumByCurrency = new Map<string, bigint>()
  for (const posting of entry.postings) {
    const problem = checkPosting(posting)
    if (problem) return problem
    const { currency } = posting.account
    sumByCurrency.set(currency, (sumByCurrency.get(currency) ?? 0n) + posting.amountMinor)
  }
  for (const [currency, sumMinor] of [...sumByCurrency].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (sumMinor !== 0n) return { error: 'unbalanced', currency, sumMinor }
  }
  return undefined
}

/**
 * Merges postings to the same account and drops the ones that net to zero, keeping the order
 * in which accounts first appear. Builders use it so a same-currency payment's two FX legs
 * cancel out instead of producing zero or opposite postings.
 *
 * @example
 * netPostings([{ account: fx, amountMinor: 500n }, { account: fx, amountMinor: -500n }]) // []
 */
export function netPostings(postings: PostingInput[]): PostingInput[] {
  const byKey = new Map<string, PostingInput>()
  for (const posting of postings) {
    const key = accountKeyString(posting.account)
    const previous = byKey.get(key)
    byKey.set(key, { account: posting.account, amountMinor: (previous?.amountMinor ?? 0n) + posting.amountMinor })
  }
  return [...byKey.values()].filter((posting) => posting.amountMinor !== 0n)
}
