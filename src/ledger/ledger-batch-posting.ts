/**
 * Posting several journal entries in one statement, for the payments of one batch (the
 * fundings of concurrently created payments, the payouts of one channel answer). All or
 * nothing: when every account exists, every entry is new and no non-negative balance would go
 * below zero after all of them, the entries, their postings and the summed balance moves are
 * written together; otherwise the caller rolls its transaction back (a twin entry leaves the
 * others written) and posts the entries one by one with `postEntry`, which creates accounts and
 * explains refusals.
 */
import { is, sql, type SQL } from 'drizzle-orm'
import { PgTransaction } from 'drizzle-orm/pg-core'
import type { Database } from '../db/database.js'
import { runPrepared } from '../db/prepared.js'
import type { PostingDeps } from './ledger-posting.js'
import type { AccountKey, JournalEntryInput } from './ledger-types.js'
import { accountKeyString, checkEntry, MAX_BIGINT_MINOR } from './ledger-validation.js'

/** `posted` when every entry was written; otherwise why not (roll the transaction back). */
export type BatchPostingResult = { posted: true } | { posted: false; reason: 'invalid_entry' | 'missing_account' | 'refused' | 'duplicate' }

const list = (items: SQL[]) => sql.join(items, sql`, `)

/**
 * Builds the statement, in one snapshot:
 * - `k` holds the distinct accounts of the batch with their summed moves; `found` resolves them;
 * - `locked` locks them with `FOR UPDATE` in id order (the order of every posting, so entries
 *   queue instead of deadlocking), and only when all exist;
 * - `ok` checks the balances after every move of the batch, before anything is written;
 * - `e` writes the entries when `ok` (a twin already committed inserts nothing, and the count
 *   tells the caller); `p` their postings and `u` the summed balance moves, only for written entries.
 */
function batchStatement(accounts: Array<{ key: AccountKey; netMinor: bigint }>, entries: EntryRows[], createdAt: string): SQL {
  const accountRows = list(
    accounts.map(
      ({ key, netMinor }, index) =>
        sql`(${index}::int, ${key.ownerType}::text, ${key.ownerId}::text, ${key.currency}::bpchar, ${key.purpose}::text, ${netMinor.toString()}::numeric)`,
    ),
  )
  const entryRows = list(
    entries.map(
      (entry, index) =>
        sql`(${index}::int, ${entry.id}::text, ${entry.kind}::text, ${entry.referenceId}::text, ${entry.merchantId}::text, ${entry.description}::text)`,
    ),
  )
  const postingRows = list(
    entries.flatMap((entry, entryIndex) =>
      entry.postings.map((posting) => sql`(${posting.id}::text, ${entryIndex}::int, ${posting.account}::int, ${posting.amountMinor.toString()}::bigint)`),
    ),
  )
  const max = MAX_BIGINT_MINOR.toString()
  return sql`
    with k (ord, owner_type, owner_id, currency, purpose, delta) as (values ${accountRows}),
    found as (
      select k.ord, k.delta, a.id, a.currency
      from k join ledger_accounts a
        on a.owner_type = k.owner_type and a.owner_id = k.owner_id and a.currency = k.currency and a.purpose = k.purpose
    ),
    locked as (
      select a.id, a.allow_negative, a.balance_minor from ledger_accounts a
      where a.id in (select id from found) and (select count(*) from found) = ${accounts.length}
      order by a.id
      for update of a
    ),
    ok as (
      select count(*) = ${accounts.length} and coalesce(bool_and(
        (l.allow_negative or f.delta >= 0 or l.balance_minor + f.delta >= 0)
        and l.balance_minor + f.delta between -${max}::numeric and ${max}::numeric
      ), false) as ok
      from locked l join found f on f.id = l.id
    ),
    en (ord, id, kind, reference_id, merchant_id, description) as (values ${entryRows}),
    e as (
      insert into journal_entries (id, kind, reference_id, merchant_id, description, created_at)
      select en.id, en.kind, en.reference_id, en.merchant_id, en.description, ${createdAt}::timestamptz
      from en where (select ok from ok)
      on conflict (kind, reference_id) do nothing
      returning id
    ),
    v (id, entry_ord, account_ord, amount) as (values ${postingRows}),
    written as (select v.* from e join en on en.id = e.id join v on v.entry_ord = en.ord),
    p as (
      insert into postings (id, journal_entry_id, account_id, currency, amount_minor, created_at)
      select w.id, en.id, f.id, f.currency, w.amount, ${createdAt}::timestamptz
      from written w join en on en.ord = w.entry_ord join found f on f.ord = w.account_ord
    ),
    u as (
      update ledger_accounts a set balance_minor = (a.balance_minor + t.delta)::bigint
      from (select f.id, sum(w.amount) as delta from written w join found f on f.ord = w.account_ord group by f.id) t
      where a.id = t.id and t.delta <> 0
    )
    select (select ok from ok) as ok, (select count(*) from found)::int as found, (select count(*) from e)::int as written`
}

interface EntryRows {
  id: string
  kind: string
  referenceId: string
  merchantId: string | null
  description: string
  postings: Array<{ id: string; account: number; amountMinor: bigint }>
}

/**
 * Posts every entry of `entries` inside `tx`, or none of them. The statement is prepared per
 * shape (numbers of accounts, entries and postings), so batches of a steady workload reuse a
 * handful of plans.
 *
 * @example
 * const result = await postJournalEntries({ ids, clock }, tx, payments.map((payment) => ledgerEntries.paymentPaidOut(payment)))
 * if (!result.posted) throw new BatchRefused() // roll back, then post them one by one
 */
export async function postJournalEntries(deps: PostingDeps, tx: Database, entries: readonly JournalEntryInput[]): Promise<BatchPostingResult> {
  if (!is(tx, PgTransaction)) throw new TypeError('postEntries must run inside a transaction: pass the tx of db.transaction()')
  if (entries.length === 0) return { posted: true }
  if (entries.some((entry) => checkEntry(entry) !== undefined)) return { posted: false, reason: 'invalid_entry' }
  const accounts: Array<{ key: AccountKey; netMinor: bigint }> = []
  const indexOf = new Map<string, number>()
  const rows: EntryRows[] = entries.map((entry) => ({
    id: deps.ids('jrn'),
    kind: entry.kind,
    referenceId: entry.referenceId,
    merchantId: entry.merchantId ?? null,
    description: entry.description,
    postings: entry.postings.map((posting) => {
      const keyString = accountKeyString(posting.account)
      let index = indexOf.get(keyString)
      if (index === undefined) {
        index = accounts.length
        indexOf.set(keyString, index)
        accounts.push({ key: posting.account, netMinor: 0n })
      }
      accounts[index]!.netMinor += posting.amountMinor
      return { id: deps.ids('pst'), account: index, amountMinor: posting.amountMinor }
    }),
  }))
  const postingCount = rows.reduce((sum, row) => sum + row.postings.length, 0)
  const [result] = await runPrepared<{ ok: boolean | null; found: number; written: number }>(
    tx,
    `ledger_post_batch_${accounts.length}_${rows.length}_${postingCount}`,
    batchStatement(accounts, rows, deps.clock().toISOString()),
  )
  if (!result || Number(result.found) < accounts.length) return { posted: false, reason: 'missing_account' }
  if (!result.ok) return { posted: false, reason: 'refused' }
  if (Number(result.written) < rows.length) return { posted: false, reason: 'duplicate' }
  return { posted: true }
}
