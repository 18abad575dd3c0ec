/**
 * The ledger's vocabulary: which account a posting touches, what an entry looks like going in
 * and coming out, and the expected failures, which are values rather than exceptions.
 */
import type { ledgerAccounts } from './ledger-schema.js'

/** What an account is for; see `ledger_accounts.purpose`. */
export type LedgerPurpose = (typeof ledgerAccounts.purpose.enumValues)[number]

/** Who owns an account: a merchant (its id), the house, or a payment channel (its id). */
export type AccountOwnerType = (typeof ledgerAccounts.ownerType.enumValues)[number]

/** The owner id of every house account. @example { ownerType: 'house', ownerId: HOUSE_OWNER_ID, currency: 'EUR', purpose: 'fee_revenue' } */
export const HOUSE_OWNER_ID = 'corridor'

/**
 * House and channel accounts are split into this many shards (`corridor#0` … `corridor#15`):
 * every payment of every merchant touches them, and one row per account would make all
 * payments queue for its lock. The account's balance is the sum over its shards.
 */
export const ACCOUNT_SHARDS = 16

/**
 * The shard owner for `owner` picked from `reference` (FNV-1a), so all entries of one payment
 * use the same shard.
 *
 * @example shardedOwnerId('corridor', 'pay_…') // 'corridor#7'
 */
export function shardedOwnerId(owner: string, reference: string): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < reference.length; i++) {
    hash ^= reference.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return `${owner}#${hash % ACCOUNT_SHARDS}`
}

/** The purposes whose balance may never go below zero. @example NON_NEGATIVE_PURPOSES.includes('merchant_balance') // true */
export const NON_NEGATIVE_PURPOSES: readonly LedgerPurpose[] = ['merchant_balance']

/**
 * The natural key of a ledger account: one account per owner, currency and purpose. Accounts
 * are created the first time an entry touches them.
 *
 * @example
 * const key: AccountKey = { ownerType: 'merchant', ownerId: 'mer_…', currency: 'USD', purpose: 'merchant_balance' }
 */
export interface AccountKey {
  ownerType: AccountOwnerType
  ownerId: string
  currency: string
  purpose: LedgerPurpose
}

/** One line of an entry. `amountMinor` is signed: positive credits the account, negative debits it. */
export interface PostingInput {
  account: AccountKey
  amountMinor: bigint
}

/**
 * An entry to post. `(kind, referenceId)` is unique in the ledger, so posting the same event
 * twice yields `{ error: 'duplicate' }` instead of a second movement.
 *
 * @example
 * const entry: JournalEntryInput = { kind: 'deposit', referenceId: 'dep_…', merchantId: 'mer_…',
 *   description: 'Bank deposit', postings: [...] }
 */
export interface JournalEntryInput {
  kind: string
  referenceId: string
  merchantId?: string
  description: string
  postings: PostingInput[]
}

/** A stored posting with the account it touched. */
export interface PostedPosting {
  /** Its place in the entry, from 1 (a posting is identified by its entry and line). */
  line: number
  accountId: string
  account: AccountKey
  amountMinor: bigint
}

/** A stored journal entry and its postings. */
export interface JournalEntryResult {
  entryId: string
  kind: string
  referenceId: string
  merchantId: string | null
  description: string
  createdAt: Date
  postings: PostedPosting[]
}

/** The balance of one account. */
export interface AccountBalance {
  accountId: string
  account: AccountKey
  balanceMinor: bigint
}

/** What `postEntry` returns on success: the entry plus the balance of every account it touched, after it. */
export interface PostedEntry extends JournalEntryResult {
  balances: AccountBalance[]
}

/** Why an entry is malformed (a caller's bug rather than a business outcome). */
export type InvalidEntryReason =
  | 'no_postings'
  | 'zero_amount'
  | 'negative_amount'
  | 'not_an_integer'
  | 'amount_too_large'
  | 'unknown_currency'
  | 'invalid_account'
  | 'missing_field'

/**
 * Expected failures of `postEntry`. None of them aborts the caller's transaction or writes an
 * entry, a posting or a balance (at most an empty house or channel account may be created).
 * - `invalid_entry`: malformed input (no postings, a zero amount, an unknown currency…);
 * - `unbalanced`: the postings in `currency` sum to `sumMinor` instead of zero;
 * - `insufficient_funds`: a non-negative account (a merchant's balance) holds `availableMinor`
 *   and the entry would take `requiredMinor` from it;
 * - `duplicate`: an entry with this kind and reference already exists (`entryId`).
 */
export type LedgerError =
  | { error: 'invalid_entry'; reason: InvalidEntryReason; message: string }
  | { error: 'unbalanced'; currency: string; sumMinor: bigint }
  | { error: 'insufficient_funds'; currency: string; availableMinor: bigint; requiredMinor: bigint }
  | { error: 'duplicate'; entryId: string }

/**
 * Expected failures of the standalone `deposit`: a ledger error, or a reference that was
 * already used for a different deposit (another merchant, currency or amount).
 */
export type DepositError = LedgerError | { error: 'reference_conflict'; entryId: string }

/**
 * Narrows a ledger result to its error branch.
 *
 * @example
 * const result = await ledger.postEntry(tx, entry)
 * if (isLedgerError(result)) return mapError(result.error)
 */
export function isLedgerError(result: object): result is LedgerError | DepositError {
  return 'error' in result
}

/** A broken ledger invariant found by `verify()`; `message` is a readable one-line account of it. */
export type LedgerViolation = { message: string } & (
  | { invariant: 'entry_unbalanced'; entryId: string; currency: string; sumMinor: bigint }
  | { invariant: 'entry_without_postings'; entryId: string }
  | { invariant: 'posting_orphaned'; entryId: string; line: number; accountId: string; missing: 'entry' | 'account' | 'entry_and_account' }
  | { invariant: 'balance_mismatch'; accountId: string; balanceMinor: bigint; postingsSumMinor: bigint }
  | { invariant: 'negative_balance'; accountId: string; balanceMinor: bigint }
  | { invariant: 'merchant_balance_allows_negative'; accountId: string }
  | {
      invariant: 'currency_mismatch'
      entryId: string
      line: number
      accountId: string
      postingCurrency: string
      accountCurrency: string
    }
)

/** The outcome of a verification: the violations (empty when clean) and how much was checked. */
export interface LedgerVerification {
  violations: LedgerViolation[]
  checked: { accounts: number; entries: number; postings: number }
}
