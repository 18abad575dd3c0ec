import { and, asc, eq } from 'drizzle-orm'
import type { Database } from '../db/database.js'
import type { Clock } from '../lib/clock.js'
import type { IdGenerator } from '../lib/ids.js'
import { postJournalEntries, type BatchPostingResult } from './ledger-batch-posting.js'
import { ledgerEntries } from './ledger-entries.js'
import { findEntryId, loadEntry, postJournalEntry } from './ledger-posting.js'
import { ledgerAccounts } from './ledger-schema.js'
import type {
  DepositError,
  JournalEntryInput,
  JournalEntryResult,
  LedgerError,
  LedgerVerification,
  LedgerViolation,
  PostedEntry,
} from './ledger-types.js'
import { accountKeyString } from './ledger-validation.js'
import { verifyLedger } from './ledger-verify.js'

/** A merchant's spendable balance in one currency. */
export interface MerchantBalance {
  currency: string
  availableMinor: bigint
}

/** A deposit as stored; `replayed` is true when the reference had already been credited. */
export type DepositResult = JournalEntryResult & { replayed: boolean }

export interface LedgerService {
  /**
   * Posts a balanced entry inside the caller's transaction `tx`: gets or creates the accounts,
   * locks them in id order, refuses to take a merchant balance below zero, then writes the
   * entry, its postings and the new balances. Expected failures come back as values and leave
   * `tx` usable; only infrastructure failures throw.
   */
  postEntry(tx: Database, entry: JournalEntryInput): Promise<PostedEntry | LedgerError>
  /**
   * Posts several entries inside `tx` in one statement, all or none, when no balance would go
   * below zero (missing accounts are created first, unless one would have to give money);
   * otherwise says why, and the caller rolls `tx` back and posts them one by one with
   * `postEntry`, which explains the refusal. For the entries of a batch of payments.
   */
  postEntries(tx: Database, entries: readonly JournalEntryInput[]): Promise<BatchPostingResult>
  /**
   * Credits a merchant's balance from a bank transfer, in its own transaction. Idempotent per
   * reference: the same reference again returns the stored entry with `replayed: true`; with a
   * different merchant, currency or amount it returns `reference_conflict`.
   */
  deposit(merchantId: string, currency: string, amountMinor: bigint, reference: string): Promise<DepositResult | DepositError>
  /** The merchant's `merchant_balance` accounts, sorted by currency. */
  balances(merchantId: string, db?: Database): Promise<MerchantBalance[]>
  /** The entry recorded for this kind and reference, if any. */
  findEntry(kind: string, referenceId: string, db?: Database): Promise<JournalEntryResult | undefined>
  /** Every broken invariant (empty when the ledger is sound). */
  verify(db?: Database): Promise<LedgerViolation[]>
  /** `verify` plus the number of accounts, entries and postings checked. */
  verifyReport(db?: Database): Promise<LedgerVerification>
}

export interface LedgerServiceDeps {
  db: Database
  ids: IdGenerator
  clock: Clock
}

const postingSignature = (entry: Pick<JournalEntryResult, 'postings'> | JournalEntryInput) =>
  entry.postings
    .map((p) => `${accountKeyString(p.account)}=${p.amountMinor}`)
    .sort()
    .join(';')

/**
 * The double-entry ledger. Payments compose `postEntry` with their own writes in one
 * transaction, using the builders in `ledgerEntries` so the ledger decides the accounts.
 *
 * @example
 * const ledger = createLedgerService({ db, ids, clock })
 * await ledger.deposit('mer_…', 'USD', 100000n, 'bank-ref-42')
 * const result = await db.transaction(async (tx) => {
 *   const posted = await ledger.postEntry(tx, ledgerEntries.paymentFunded(payment))
 *   if ('error' in posted) return posted
 *   // …insert the payment in the same transaction…
 *   return posted
 * })
 */
export function createLedgerService(deps: LedgerServiceDeps): LedgerService {
  const { db, ids, clock } = deps

  const verifyReport = (handle?: Database): Promise<LedgerVerification> =>
    handle
      ? verifyLedger(handle)
      : // One snapshot for every check, so concurrent posting cannot fake a violation.
        db.transaction((tx) => verifyLedger(tx), { isolationLevel: 'repeatable read', accessMode: 'read only' })

  return {
    postEntry: (tx, entry) => postJournalEntry({ ids, clock }, tx, entry),
    postEntries: (tx, entries) => postJournalEntries({ ids, clock }, tx, entries),

    async deposit(merchantId, currency, amountMinor, reference) {
      if (typeof amountMinor !== 'bigint' || amountMinor <= 0n) {
        const reason = amountMinor === 0n ? 'zero_amount' : typeof amountMinor === 'bigint' ? 'negative_amount' : 'not_an_integer'
        return { error: 'invalid_entry', reason, message: 'a deposit must be a positive bigint amount of minor units' }
      }
      const entry = ledgerEntries.deposit({ merchantId, currency, amountMinor, reference })
      return db.transaction(async (tx): Promise<DepositResult | DepositError> => {
        const posted = await postJournalEntry({ ids, clock }, tx, entry)
        if (!('error' in posted)) return { ...withoutBalances(posted), replayed: false }
        if (posted.error !== 'duplicate') return posted
        const existing = await loadEntry(tx, posted.entryId)
        if (!existing) throw new Error(`deposit ${reference} is recorded as ${posted.entryId}, which cannot be read`)
        const same = existing.merchantId === merchantId && postingSignature(existing) === postingSignature(entry)
        return same ? { ...existing, replayed: true } : { error: 'reference_conflict', entryId: existing.entryId }
      })
    },

    async balances(merchantId, handle = db) {
      const rows = await handle
        .select({ currency: ledgerAccounts.currency, availableMinor: ledgerAccounts.balanceMinor })
        .from(ledgerAccounts)
        .where(
          and(
            eq(ledgerAccounts.ownerType, 'merchant'),
            eq(ledgerAccounts.ownerId, merchantId),
            eq(ledgerAccounts.purpose, 'merchant_balance'),
          ),
        )
        .orderBy(asc(ledgerAccounts.currency))
      return rows
    },

    async findEntry(kind, referenceId, handle = db) {
      const entryId = await findEntryId(handle, kind, referenceId)
      return entryId ? loadEntry(handle, entryId) : undefined
    },

    verify: async (handle) => (await verifyReport(handle)).violations,
    verifyReport,
  }
}

function withoutBalances(posted: PostedEntry): JournalEntryResult {
  const { balances: _balances, ...entry } = posted
  return entry
}
