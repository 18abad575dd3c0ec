/**
 * The ledger's invariants, each checked by one aggregate query so the work stays in
 * PostgreSQL however large the ledger grows.
 */
import { and, count, eq, isNull, ne, notExists, or, sql } from 'drizzle-orm'
import type { Database } from '../db/database.js'
import { journalEntries, ledgerAccounts, postings } from './ledger-schema.js'
import type { LedgerVerification, LedgerViolation } from './ledger-types.js'

// Sums of bigint are numeric in PostgreSQL; read them as text so no driver turns them into floats.
const sumAsText = (column: typeof postings.amountMinor) => sql<string>`coalesce(sum(${column}), 0)::text`

async function unbalancedEntries(db: Database): Promise<LedgerViolation[]> {
  const rows = await db
    .select({ entryId: postings.journalEntryId, currency: postings.currency, sum: sumAsText(postings.amountMinor) })
    .from(postings)
    .groupBy(postings.journalEntryId, postings.currency)
    .having(sql`sum(${postings.amountMinor}) <> 0`)
    .orderBy(postings.journalEntryId, postings.currency)
  return rows.map(({ entryId, currency, sum }) => ({
    invariant: 'entry_unbalanced',
    entryId,
    currency,
    sumMinor: BigInt(sum),
    message: `journal entry ${entryId}: ${currency} postings sum to ${sum}, not 0`,
  }))
}

async function entriesWithoutPostings(db: Database): Promise<LedgerViolation[]> {
  const rows = await db
    .select({ entryId: journalEntries.id })
    .from(journalEntries)
    .where(notExists(db.select({ one: sql`1` }).from(postings).where(eq(postings.journalEntryId, journalEntries.id))))
    .orderBy(journalEntries.id)
  return rows.map(({ entryId }) => ({
    invariant: 'entry_without_postings',
    entryId,
    message: `journal entry ${entryId} has no postings`,
  }))
}

/** Postings whose journal entry or account does not exist (no foreign key keeps them out). */
async function orphanedPostings(db: Database): Promise<LedgerViolation[]> {
  const rows = await db
    .select({ entryId: postings.journalEntryId, line: postings.line, accountId: postings.accountId, entry: journalEntries.id, account: ledgerAccounts.id })
    .from(postings)
    .leftJoin(journalEntries, eq(journalEntries.id, postings.journalEntryId))
    .leftJoin(ledgerAccounts, eq(ledgerAccounts.id, postings.accountId))
    .where(or(isNull(journalEntries.id), isNull(ledgerAccounts.id)))
    .orderBy(postings.journalEntryId, postings.line)
  return rows.map(({ entryId, line, accountId, entry, account }) => {
    const missing = entry === null && account === null ? 'entry_and_account' : entry === null ? 'entry' : 'account'
    return {
      invariant: 'posting_orphaned',
      entryId,
      line,
      accountId,
      missing,
      message: `posting ${entryId}/${line} names ${missing === 'account' ? `account ${accountId}` : missing === 'entry' ? `journal entry ${entryId}` : `journal entry ${entryId} and account ${accountId}`}, which does not exist`,
    }
  })
}

async function balanceMismatches(db: Database): Promise<LedgerViolation[]> {
  const rows = await db
    .select({
      accountId: ledgerAccounts.id,
      balance: sql<string>`${ledgerAccounts.balanceMinor}::text`,
      sum: sumAsText(postings.amountMinor),
    })
    .from(ledgerAccounts)
    .leftJoin(postings, eq(postings.accountId, ledgerAccounts.id))
    .groupBy(ledgerAccounts.id)
    .having(sql`${ledgerAccounts.balanceMinor} <> coalesce(sum(${postings.amountMinor}), 0)`)
    .orderBy(ledgerAccounts.id)
  return rows.map(({ accountId, balance, sum }) => ({
    invariant: 'balance_mismatch',
    accountId,
    balanceMinor: BigInt(balance),
    postingsSumMinor: BigInt(sum),
    message: `account ${accountId}: balance ${balance} but its postings sum to ${sum}`,
  }))
}

async function negativeBalances(db: Database): Promise<LedgerViolation[]> {
  const rows = await db
    .select({ accountId: ledgerAccounts.id, balance: sql<string>`${ledgerAccounts.balanceMinor}::text` })
    .from(ledgerAccounts)
    .where(and(eq(ledgerAccounts.allowNegative, false), sql`${ledgerAccounts.balanceMinor} < 0`))
    .orderBy(ledgerAccounts.id)
  return rows.map(({ accountId, balance }) => ({
    invariant: 'negative_balance',
    accountId,
    balanceMinor: BigInt(balance),
    message: `account ${accountId} may not go negative but holds ${balance}`,
  }))
}

async function merchantBalancesAllowingNegative(db: Database): Promise<LedgerViolation[]> {
  const rows = await db
    .select({ accountId: ledgerAccounts.id })
    .from(ledgerAccounts)
    .where(and(eq(ledgerAccounts.purpose, 'merchant_balance'), eq(ledgerAccounts.allowNegative, true)))
    .orderBy(ledgerAccounts.id)
  return rows.map(({ accountId }) => ({
    invariant: 'merchant_balance_allows_negative',
    accountId,
    message: `merchant balance account ${accountId} is marked as allowed to go negative`,
  }))
}

async function currencyMismatches(db: Database): Promise<LedgerViolation[]> {
  const rows = await db
    .select({
      entryId: postings.journalEntryId,
      line: postings.line,
      accountId: ledgerAccounts.id,
      postingCurrency: postings.currency,
      accountCurrency: ledgerAccounts.currency,
    })
    .from(postings)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, postings.accountId))
    .where(ne(postings.currency, ledgerAccounts.currency))
    .orderBy(postings.journalEntryId, postings.line)
  return rows.map((row) => ({
    invariant: 'currency_mismatch',
    ...row,
    message: `posting ${row.entryId}/${row.line} is in ${row.postingCurrency} but its account ${row.accountId} is in ${row.accountCurrency}`,
  }))
}

/**
 * Runs every invariant check on `db` (pass a repeatable-read transaction so all checks see one
 * snapshot) and counts what was checked.
 *
 * @example
 * const { violations, checked } = await db.transaction((tx) => verifyLedger(tx), { isolationLevel: 'repeatable read' })
 */
export async function verifyLedger(db: Database): Promise<LedgerVerification> {
  // Sequential on purpose: a transaction runs one statement at a time anyway.
  const violations: LedgerViolation[] = []
  for (const check of [unbalancedEntries, entriesWithoutPostings, orphanedPostings, balanceMismatches, negativeBalances, merchantBalancesAllowingNegative, currencyMismatches]) {
    violations.push(...(await check(db)))
  }
  const [accounts] = await db.select({ n: count() }).from(ledgerAccounts)
  const [entries] = await db.select({ n: count() }).from(journalEntries)
  const [postingCount] = await db.select({ n: count() }).from(postings)
  return {
    violations,
    checked: { accounts: accounts?.n ?? 0, entries: entries?.n ?? 0, postings: postingCount?.n ?? 0 },
  }
}
