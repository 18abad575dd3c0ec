/**
 * Posting one journal entry inside the caller's transaction: accounts are got or created,
 * locked in id order, checked, and moved together with the entry and its postings. Every
 * expected failure is detected before the first write, so a returned error leaves the caller's
 * transaction usable and untouched. The common case (all accounts exist) is one round trip,
 * see `ledger-posting-statement.ts`.
 */
import { and, asc, eq, is } from 'drizzle-orm'
import { PgTransaction } from 'drizzle-orm/pg-core'
import type { Database } from '../db/database.js'
import type { Clock } from '../lib/clock.js'
import type { IdGenerator } from '../lib/ids.js'
import { journalEntries, ledgerAccounts, postings } from './ledger-schema.js'
import { runPostingStatement, type EntryRow, type NetAccount, type PostingRow } from './ledger-posting-statement.js'
import type { AccountKey, JournalEntryInput, JournalEntryResult, LedgerError, PostedEntry } from './ledger-types.js'
import { NON_NEGATIVE_PURPOSES } from './ledger-types.js'
import { accountKeyString, checkEntry, MAX_BIGINT_MINOR } from './ledger-validation.js'

export interface PostingDeps {
  ids: IdGenerator
  clock: Clock
}

type AccountRow = typeof ledgerAccounts.$inferSelect

const keyOfRow = (row: AccountRow): AccountKey => ({
  ownerType: row.ownerType,
  ownerId: row.ownerId,
  currency: row.currency,
  purpose: row.purpose,
})

/** The id of the entry with this kind and reference, if there is one. @example await findEntryId(tx, 'payment_funded', 'pay_…') // 'jrn_…' */
export async function findEntryId(db: Database, kind: string, referenceId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ id: journalEntries.id })
    .from(journalEntries)
    .where(and(eq(journalEntries.kind, kind), eq(journalEntries.referenceId, referenceId)))
    .limit(1)
  return row?.id
}

/** Loads an entry with its postings and their accounts; `undefined` when there is none. @example await loadEntry(db, 'jrn_…') */
export async function loadEntry(db: Database, entryId: string): Promise<JournalEntryResult | undefined> {
  const [entry] = await db.select().from(journalEntries).where(eq(journalEntries.id, entryId)).limit(1)
  if (!entry) return undefined
  const rows = await db
    .select({ posting: postings, account: ledgerAccounts })
    .from(postings)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, postings.accountId))
    .where(eq(postings.journalEntryId, entryId))
    .orderBy(asc(postings.line))
  return {
    entryId: entry.id,
    kind: entry.kind,
    referenceId: entry.referenceId,
    merchantId: entry.merchantId,
    description: entry.description,
    createdAt: entry.createdAt,
    postings: rows.map(({ posting, account }) => ({
      line: posting.line,
      accountId: account.id,
      account: keyOfRow(account),
      amountMinor: posting.amountMinor,
    })),
  }
}

/** The distinct accounts of an entry with their net amounts, in order of first appearance. */
function netAccounts(entry: JournalEntryInput): NetAccount[] {
  const nets = new Map<string, NetAccount>()
  for (const { account, amountMinor } of entry.postings) {
    const keyString = accountKeyString(account)
    const net = nets.get(keyString)
    if (net) net.netMinor += amountMinor
    else nets.set(keyString, { key: account, keyString, netMinor: amountMinor })
  }
  return [...nets.values()]
}

/**
 * Creates the missing accounts, in key order so that two entries creating the same accounts
 * queue on the first one instead of deadlocking. Runs holding no row lock: the posting
 * statement locks nothing when an account is missing.
 */
export async function createAccounts(tx: Database, deps: PostingDeps, missing: Array<Pick<NetAccount, 'key' | 'keyString'>>): Promise<void> {
  const createdAt = deps.clock()
  await tx
    .insert(ledgerAccounts)
    .values(
      [...missing]
        .sort((a, b) => (a.keyString < b.keyString ? -1 : 1))
        .map(({ key }) => ({
          id: deps.ids('acc'),
          ...key,
          allowNegative: !NON_NEGATIVE_PURPOSES.includes(key.purpose),
          balanceMinor: 0n,
          createdAt,
        })),
    )
    // A concurrent entry may create the same account first; then we simply use it.
    .onConflictDoNothing({ target: [ledgerAccounts.ownerType, ledgerAccounts.ownerId, ledgerAccounts.currency, ledgerAccounts.purpose] })
}

/**
 * Why nothing was written, checked in the accounts' order as the statement's `ok` did. A twin
 * entry takes precedence over any other reason: it may have committed while we waited for the
 * locks (or been there all along — there is no early duplicate check), and "duplicate" is the
 * truth the caller needs, not a misleading shortage.
 */
async function explainRefusal(tx: Database, entry: JournalEntryInput, accounts: NetAccount[], rows: PostingRow[]): Promise<LedgerError> {
  const twinId = await findEntryId(tx, entry.kind, entry.referenceId)
  if (twinId) return { error: 'duplicate', entryId: twinId }
  for (const [index, { key, netMinor }] of accounts.entries()) {
    const row = rows.find((candidate) => candidate.accountIndex === index)
    if (!row) {
      // A missing merchant balance holds nothing to take; other missing accounts get created.
      if (NON_NEGATIVE_PURPOSES.includes(key.purpose) && netMinor < 0n) {
        return { error: 'insufficient_funds', currency: key.currency, availableMinor: 0n, requiredMinor: -netMinor }
      }
      continue
    }
    // Unlocked (an account was missing, so the statement read no balance): nothing to judge.
    if (row.balanceBefore === null) continue
    const after = row.balanceBefore + netMinor
    if (!row.allowNegative && netMinor < 0n && after < 0n) {
      return { error: 'insufficient_funds', currency: key.currency, availableMinor: row.balanceBefore, requiredMinor: -netMinor }
    }
    if (after > MAX_BIGINT_MINOR || -after > MAX_BIGINT_MINOR) {
      return { error: 'invalid_entry', reason: 'amount_too_large', message: `the balance of account ${row.accountId} would exceed the bigint range` }
    }
  }
  // Every check passed, so the insert met a twin that has committed since our snapshot.
  throw new Error(`journal entry ${entry.kind}/${entry.referenceId} conflicted but cannot be found`)
}

/**
 * Posts a journal entry inside `tx`; see `LedgerService.postEntry` for the contract.
 *
 * @example
 * await db.transaction((tx) => postJournalEntry({ ids, clock }, tx, entry))
 */
export async function postJournalEntry(deps: PostingDeps, tx: Database, entry: JournalEntryInput): Promise<PostedEntry | LedgerError> {
  // On a plain handle every statement would commit on its own: no lock would hold and a
  // failure halfway would leave half an entry.
  if (!is(tx, PgTransaction)) throw new TypeError('postEntry must run inside a transaction: pass the tx of db.transaction()')
  const problem = checkEntry(entry)
  if (problem) return problem

  const accounts = netAccounts(entry)
  const indexOf = new Map(accounts.map(({ keyString }, index) => [keyString, index]))
  const row: EntryRow = {
    id: deps.ids('jrn'),
    kind: entry.kind,
    referenceId: entry.referenceId,
    merchantId: entry.merchantId ?? null,
    description: entry.description,
    createdAt: deps.clock(),
    postings: entry.postings.map((p, index) => ({ line: index + 1, account: indexOf.get(accountKeyString(p.account))!, amountMinor: p.amountMinor })),
  }

  let rows = await runPostingStatement(tx, accounts, row)
  if (rows.length < accounts.length) {
    const missing = accounts.filter((_, index) => !rows.some((candidate) => candidate.accountIndex === index))
    // Nothing to take from an account that does not exist yet; refuse before creating anything.
    if (missing.some(({ key, netMinor }) => NON_NEGATIVE_PURPOSES.includes(key.purpose) && netMinor < 0n)) {
      return explainRefusal(tx, entry, accounts, rows)
    }
    await createAccounts(tx, deps, missing)
    rows = await runPostingStatement(tx, accounts, row)
    if (rows.length < accounts.length) throw new Error(`a ledger account of entry ${entry.kind}/${entry.referenceId} vanished after its upsert`)
  }
  const entryId = rows[0]?.entryId
  if (!entryId) return explainRefusal(tx, entry, accounts, rows)

  // Every account has its row by now, in account order (the statement sorts by it).
  return {
    entryId,
    kind: row.kind,
    referenceId: row.referenceId,
    merchantId: row.merchantId,
    description: row.description,
    createdAt: row.createdAt,
    postings: row.postings.map((posting) => ({
      line: posting.line,
      accountId: rows[posting.account]!.accountId,
      account: rows[posting.account]!.key,
      amountMinor: posting.amountMinor,
    })),
    balances: rows
      .map(({ accountId, key, balanceBefore, balanceAfter }) => ({ accountId, account: key, balanceMinor: balanceAfter ?? balanceBefore! }))
      .sort((a, b) => (a.accountId < b.accountId ? -1 : 1)),
  }
}
