/**
 * Posting one journal entry inside the caller's transaction: accounts are got or created,
 * locked in id order, checked, and moved together with the entry and its postings. Every
 * expected failure is detected before the first write, so a returned error leaves the caller's
 * transaction usable and untouched.
 */
import { and, asc, eq, inArray, is, or, sql } from 'drizzle-orm'
import { PgTransaction } from 'drizzle-orm/pg-core'
import type { Database } from '../db/database.js'
import type { Clock } from '../lib/clock.js'
import type { IdGenerator } from '../lib/ids.js'
import { journalEntries, ledgerAccounts, postings } from './ledger-schema.js'
import type { AccountBalance, AccountKey, JournalEntryInput, JournalEntryResult, LedgerError, PostedEntry } from './ledger-types.js'
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

const matchesKey = (key: AccountKey) =>
  and(
    eq(ledgerAccounts.ownerType, key.ownerType),
    eq(ledgerAccounts.ownerId, key.ownerId),
    eq(ledgerAccounts.currency, key.currency),
    eq(ledgerAccounts.purpose, key.purpose),
  )

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
    .orderBy(asc(postings.id))
  return {
    entryId: entry.id,
    kind: entry.kind,
    referenceId: entry.referenceId,
    merchantId: entry.merchantId,
    description: entry.description,
    createdAt: entry.createdAt,
    postings: rows.map(({ posting, account }) => ({
      postingId: posting.id,
      accountId: account.id,
      account: keyOfRow(account),
      amountMinor: posting.amountMinor,
    })),
  }
}

const byKeyOrder = <T>(entries: Array<[string, T]>) => entries.sort(([a], [b]) => (a < b ? -1 : 1)).map(([, value]) => value)

/** The net amount per account, keyed by `accountKeyString`. */
function netByKey(entry: JournalEntryInput): Map<string, { key: AccountKey; netMinor: bigint }> {
  const nets = new Map<string, { key: AccountKey; netMinor: bigint }>()
  for (const { account, amountMinor } of entry.postings) {
    const keyString = accountKeyString(account)
    nets.set(keyString, { key: account, netMinor: (nets.get(keyString)?.netMinor ?? 0n) + amountMinor })
  }
  return nets
}

/** The key strings of the accounts that already exist (no lock taken). */
async function existingAccounts(tx: Database, keys: AccountKey[]): Promise<Set<string>> {
  const rows = await tx
    .select({ ownerType: ledgerAccounts.ownerType, ownerId: ledgerAccounts.ownerId, currency: ledgerAccounts.currency, purpose: ledgerAccounts.purpose })
    .from(ledgerAccounts)
    .where(or(...keys.map(matchesKey)))
  return new Set(rows.map(accountKeyString))
}

/**
 * Creates the missing accounts, then locks all of them with `SELECT … FOR UPDATE` in account-id
 * order. Inserts run in key order and locks in id order, the same in every transaction, so two
 * entries touching the same accounts queue up instead of deadlocking.
 */
async function lockAccounts(tx: Database, deps: PostingDeps, keys: AccountKey[], existing: Set<string>): Promise<Map<string, AccountRow>> {
  const missing = byKeyOrder(keys.filter((key) => !existing.has(accountKeyString(key))).map((key): [string, AccountKey] => [accountKeyString(key), key]))
  if (missing.length > 0) {
    const createdAt = deps.clock()
    await tx
      .insert(ledgerAccounts)
      .values(
        missing.map((key) => ({
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
  const rows = await tx
    .select()
    .from(ledgerAccounts)
    .where(or(...keys.map(matchesKey)))
    .orderBy(asc(ledgerAccounts.id))
    .for('update')
  return new Map(rows.map((row) => [accountKeyString(keyOfRow(row)), row]))
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

  // The common replay is answered before any lock is taken.
  const existingId = await findEntryId(tx, entry.kind, entry.referenceId)
  if (existingId) return { error: 'duplicate', entryId: existingId }

  const nets = netByKey(entry)
  const keys = [...nets.values()].map(({ key }) => key)
  const existing = await existingAccounts(tx, keys)
  for (const [keyString, { key, netMinor }] of nets) {
    // Nothing to take from an account that does not exist yet; refuse before writing anything.
    if (NON_NEGATIVE_PURPOSES.includes(key.purpose) && netMinor < 0n && !existing.has(keyString)) {
      return { error: 'insufficient_funds', currency: key.currency, availableMinor: 0n, requiredMinor: -netMinor }
    }
  }

  const accounts = await lockAccounts(tx, deps, keys, existing)
  const accountFor = (key: AccountKey): AccountRow => {
    const row = accounts.get(accountKeyString(key))
    if (!row) throw new Error(`ledger account ${accountKeyString(key)} vanished after its upsert`)
    return row
  }
  const netByAccount = [...nets.values()].map(({ key, netMinor }) => ({ row: accountFor(key), netMinor }))

  for (const { row, netMinor } of netByAccount) {
    const after = row.balanceMinor + netMinor
    if (!row.allowNegative && netMinor < 0n && after < 0n) {
      // A concurrent twin of this entry may have committed while we waited for the locks:
      // report the truth (it is a duplicate) rather than a misleading shortage.
      const twinId = await findEntryId(tx, entry.kind, entry.referenceId)
      if (twinId) return { error: 'duplicate', entryId: twinId }
      return { error: 'insufficient_funds', currency: row.currency, availableMinor: row.balanceMinor, requiredMinor: -netMinor }
    }
    if (after > MAX_BIGINT_MINOR || -after > MAX_BIGINT_MINOR) {
      return { error: 'invalid_entry', reason: 'amount_too_large', message: `the balance of account ${row.id} would exceed the bigint range` }
    }
  }

  const createdAt = deps.clock()
  // The select above cannot see an uncommitted twin; the unique index can. ON CONFLICT DO
  // NOTHING waits for that twin and then inserts nothing, without aborting our transaction.
  const [inserted] = await tx
    .insert(journalEntries)
    .values({
      id: deps.ids('jrn'),
      kind: entry.kind,
      referenceId: entry.referenceId,
      merchantId: entry.merchantId ?? null,
      description: entry.description,
      createdAt,
    })
    .onConflictDoNothing({ target: [journalEntries.kind, journalEntries.referenceId] })
    .returning()
  if (!inserted) {
    const twinId = await findEntryId(tx, entry.kind, entry.referenceId)
    if (!twinId) throw new Error(`journal entry ${entry.kind}/${entry.referenceId} conflicted but cannot be found`)
    return { error: 'duplicate', entryId: twinId }
  }

  const postingRows = entry.postings.map((p) => ({
    id: deps.ids('pst'),
    journalEntryId: inserted.id,
    accountId: accountFor(p.account).id,
    currency: p.account.currency,
    amountMinor: p.amountMinor,
    createdAt,
  }))
  await tx.insert(postings).values(postingRows)

  const balances = await applyNetAmounts(tx, netByAccount)
  return {
    entryId: inserted.id,
    kind: inserted.kind,
    referenceId: inserted.referenceId,
    merchantId: inserted.merchantId,
    description: inserted.description,
    createdAt: inserted.createdAt,
    postings: postingRows.map((row, index) => ({
      postingId: row.id,
      accountId: row.accountId,
      account: keyOfRow(accountFor(entry.postings[index]!.account)),
      amountMinor: row.amountMinor,
    })),
    balances,
  }
}

/** Adds each account's net amount to its balance in one statement; returns every touched balance. */
async function applyNetAmounts(tx: Database, nets: Array<{ row: AccountRow; netMinor: bigint }>): Promise<AccountBalance[]> {
  const moving = nets.filter(({ netMinor }) => netMinor !== 0n)
  const updated = new Map<string, bigint>()
  if (moving.length > 0) {
    const delta = sql.join(
      moving.map(({ row, netMinor }) => sql`when ${row.id} then ${netMinor.toString()}::bigint`),
      sql` `,
    )
    const rows = await tx
      .update(ledgerAccounts)
      .set({ balanceMinor: sql`${ledgerAccounts.balanceMinor} + (case ${ledgerAccounts.id} ${delta} end)` })
      .where(
        inArray(
          ledgerAccounts.id,
          moving.map(({ row }) => row.id),
        ),
      )
      .returning({ id: ledgerAccounts.id, balanceMinor: ledgerAccounts.balanceMinor })
    for (const row of rows) updated.set(row.id, row.balanceMinor)
  }
  return nets
    .map(({ row }) => ({ accountId: row.id, account: keyOfRow(row), balanceMinor: updated.get(row.id) ?? row.balanceMinor }))
    .sort((a, b) => (a.accountId < b.accountId ? -1 : 1))
}
