/**
 * Posting several journal entries in one statement, for the payments of one batch (the
 * fundings of concurrently created payments, the payouts of one channel answer). All or
 * nothing: when every entry is new and no non-negative balance would go below zero after all
 * of them (missing accounts are created first, as for one entry, unless one of them would have
 * to give money), the entries, their postings and the summed balance moves are
 * written together; otherwise the caller rolls its transaction back (a twin entry leaves the
 * others written) and posts the entries one by one with `postEntry`, which creates accounts and
 * explains refusals.
 */
import { is, sql } from 'drizzle-orm'
import { PgTransaction } from 'drizzle-orm/pg-core'
import type { Database } from '../db/database.js'
import { unnestPlaceholders, unnestValues } from '../db/pg-array.js'
import { preparedStatement } from '../db/prepared.js'
import { createAccounts, type PostingDeps } from './ledger-posting.js'
import { NON_NEGATIVE_PURPOSES, type AccountKey, type JournalEntryInput } from './ledger-types.js'
import { accountKeyString, checkEntry, MAX_BIGINT_MINOR } from './ledger-validation.js'

/** `posted` when every entry was written; otherwise why not (roll the transaction back). */
export type BatchPostingResult = { posted: true } | { posted: false; reason: 'invalid_entry' | 'missing_account' | 'refused' | 'duplicate' }

const createdAtParam = sql`${sql.placeholder('created_at')}::timestamptz`
const max = sql.raw(MAX_BIGINT_MINOR.toString())

/**
 * The statement, in one snapshot:
 * - `k` holds the distinct accounts of the batch with their summed moves; `found` resolves them;
 * - `locked` locks them with `FOR UPDATE` in id order (the order of every posting, so entries
 *   queue instead of deadlocking), and only when all exist;
 * - `ok` checks the balances after every move of the batch, before anything is written;
 * - `e` writes the entries when `ok` (a twin already committed inserts nothing, and the count
 *   tells the caller); `p` their postings and `u` the summed balance moves, only for written entries.
 */
const batchStatement = preparedStatement<{ ok: boolean | null; found: string; written: number }>(
  'ledger_post_batch',
  sql`
    with k as (select * from ${unnestPlaceholders('k', { ord: 'int', owner_type: 'text', owner_id: 'text', currency: 'bpchar', purpose: 'text', delta: 'numeric' })}),
    found as (
      select k.ord, k.delta, a.id, a.currency
      from k join ledger_accounts a
        on a.owner_type = k.owner_type and a.owner_id = k.owner_id and a.currency = k.currency and a.purpose = k.purpose
    ),
    locked as (
      select a.id, a.allow_negative, a.balance_minor from ledger_accounts a
      where a.id in (select id from found) and (select count(*) from found) = (select count(*) from k)
      order by a.id
      for update of a
    ),
    ok as (
      select count(*) = (select count(*) from k) and coalesce(bool_and(
        (l.allow_negative or f.delta >= 0 or l.balance_minor + f.delta >= 0)
        and l.balance_minor + f.delta between -${max}::numeric and ${max}::numeric
      ), false) as ok
      from locked l join found f on f.id = l.id
    ),
    en as (select * from ${unnestPlaceholders('en', { ord: 'int', id: 'text', kind: 'text', reference_id: 'text', merchant_id: 'text', description: 'text' })}),
    e as (
      insert into journal_entries (id, kind, reference_id, merchant_id, description, created_at)
      select en.id, en.kind, en.reference_id, en.merchant_id, en.description, ${createdAtParam}
      from en where (select ok from ok)
      on conflict (kind, reference_id) do nothing
      returning id
    ),
    v as (select * from ${unnestPlaceholders('v', { line: 'int2', entry_ord: 'int', account_ord: 'int', amount: 'bigint' })}),
    written as (select v.* from e join en on en.id = e.id join v on v.entry_ord = en.ord),
    p as (
      insert into postings (journal_entry_id, line, account_id, currency, amount_minor, created_at)
      select en.id, w.line, f.id, f.currency, w.amount, ${createdAtParam}
      from written w join en on en.ord = w.entry_ord join found f on f.ord = w.account_ord
    ),
    u as (
      update ledger_accounts a set balance_minor = (a.balance_minor + t.delta)::bigint
      from (select f.id, sum(w.amount) as delta from written w join found f on f.ord = w.account_ord group by f.id) t
      where a.id = t.id and t.delta <> 0
    )
    select (select ok from ok) as ok, (select coalesce(array_agg(ord), '{}') from found)::text as found, (select count(*) from e)::int as written`,
)

/** The values of the batch statement. */
function batchValues(accounts: ReadonlyArray<{ key: AccountKey; netMinor: bigint }>, entries: EntryRows[], at: string): Record<string, unknown> {
  const postings = entries.flatMap((entry, entryIndex) => entry.postings.map((posting) => ({ ...posting, entryIndex })))
  return {
    created_at: at,
    ...unnestValues('k', {
      ord: accounts.map((_, index) => index),
      owner_type: accounts.map(({ key }) => key.ownerType),
      owner_id: accounts.map(({ key }) => key.ownerId),
      currency: accounts.map(({ key }) => key.currency),
      purpose: accounts.map(({ key }) => key.purpose),
      delta: accounts.map(({ netMinor }) => netMinor),
    }),
    ...unnestValues('en', {
      ord: entries.map((_, index) => index),
      id: entries.map((entry) => entry.id),
      kind: entries.map((entry) => entry.kind),
      reference_id: entries.map((entry) => entry.referenceId),
      merchant_id: entries.map((entry) => entry.merchantId),
      description: entries.map((entry) => entry.description),
    }),
    ...unnestValues('v', {
      line: postings.map((posting) => posting.line),
      entry_ord: postings.map((posting) => posting.entryIndex),
      account_ord: postings.map((posting) => posting.account),
      amount: postings.map((posting) => posting.amountMinor),
    }),
  }
}

interface EntryRows {
  id: string
  kind: string
  referenceId: string
  merchantId: string | null
  description: string
  postings: Array<{ line: number; account: number; amountMinor: bigint }>
}

/**
 * Posts every entry of `entries` inside `tx`, or none of them. The columns go as arrays, so one
 * prepared statement serves every batch size.
 *
 * @example
 * const result = await postJournalEntries({ ids, clock }, tx, payments.map((payment) => ledgerEntries.paymentPaidOut(payment)))
 * if (!result.posted) throw new BatchRefused() // roll back, then post them one by one
 */
export async function postJournalEntries(deps: PostingDeps, tx: Database, entries: readonly JournalEntryInput[]): Promise<BatchPostingResult> {
  if (!is(tx, PgTransaction)) throw new TypeError('postEntries must run inside a transaction: pass the tx of db.transaction()')
  if (entries.length === 0) return { posted: true }
  if (entries.some((entry) => checkEntry(entry) !== undefined)) return { posted: false, reason: 'invalid_entry' }
  const accounts: Array<{ key: AccountKey; keyString: string; netMinor: bigint }> = []
  const indexOf = new Map<string, number>()
  const rows: EntryRows[] = entries.map((entry) => ({
    id: deps.ids('jrn'),
    kind: entry.kind,
    referenceId: entry.referenceId,
    merchantId: entry.merchantId ?? null,
    description: entry.description,
    postings: entry.postings.map((posting, index) => {
      const keyString = accountKeyString(posting.account)
      let accountIndex = indexOf.get(keyString)
      if (accountIndex === undefined) {
        accountIndex = accounts.length
        indexOf.set(keyString, accountIndex)
        accounts.push({ key: posting.account, keyString, netMinor: 0n })
      }
      accounts[accountIndex]!.netMinor += posting.amountMinor
      return { line: index + 1, account: accountIndex, amountMinor: posting.amountMinor }
    }),
  }))
  const post = async () => {
    const [result] = await batchStatement(tx, batchValues(accounts, rows, deps.clock().toISOString()))
    const found = new Set((result?.found ?? '{}').replace(/[{}]/g, '').split(',').filter(Boolean).map(Number))
    return { ok: result?.ok ?? false, written: Number(result?.written ?? 0), missing: accounts.filter((_, index) => !found.has(index)) }
  }
  let result = await post()
  if (result.missing.length > 0) {
    // Nothing to take from an account that does not exist yet: refuse before creating any.
    if (result.missing.some(({ key, netMinor }) => NON_NEGATIVE_PURPOSES.includes(key.purpose) && netMinor < 0n)) return { posted: false, reason: 'missing_account' }
    // Created holding no lock (the statement locks nothing when an account is missing), as one entry's are.
    await createAccounts(tx, deps, result.missing)
    result = await post()
    if (result.missing.length > 0) return { posted: false, reason: 'missing_account' }
  }
  if (!result.ok) return { posted: false, reason: 'refused' }
  if (result.written < rows.length) return { posted: false, reason: 'duplicate' }
  return { posted: true }
}
