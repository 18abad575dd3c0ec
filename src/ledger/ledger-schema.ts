/**
 * Double-entry ledger tables. A posting's `amount_minor` is signed: positive credits the
 * account, negative debits it; the postings of one journal entry sum to zero per currency.
 * `ledger_accounts.balance_minor` is the running sum of the account's postings, updated in the
 * same transaction as the postings, under a row lock.
 */
import { sql } from 'drizzle-orm'
import { bigint, boolean, char, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'

export const ledgerAccounts = pgTable(
  'ledger_accounts',
  {
    id: text('id').primaryKey(),
    /** `merchant` (its id), `house` (`corridor`) or `channel` (the channel id). */
    ownerType: text('owner_type', { enum: ['merchant', 'house', 'channel'] }).notNull(),
    ownerId: text('owner_id').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    /**
     * merchant_balance: what Corridor owes the merchant (prefunded, spendable);
     * payouts_pending: funds promised to beneficiaries, not yet paid out;
     * channel_clearing: paid out by a channel on our behalf, to settle with it;
     * fx_position: the house's position per currency from conversions;
     * fee_revenue: fees earned; bank_deposits: money received from merchants' bank transfers.
     */
    purpose: text('purpose', {
      enum: ['merchant_balance', 'payouts_pending', 'channel_clearing', 'fx_position', 'fee_revenue', 'bank_deposits'],
    }).notNull(),
    /** Whether the balance may go below zero (never for a merchant's balance). */
    allowNegative: boolean('allow_negative').notNull(),
    balanceMinor: bigint('balance_minor', { mode: 'bigint' }).notNull().default(sql`0`),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('ledger_accounts_key').on(table.ownerType, table.ownerId, table.currency, table.purpose)],
)

export const journalEntries = pgTable(
  'journal_entries',
  {
    id: text('id').primaryKey(),
    /** What happened: deposit, payment_funded, payment_paid_out, payment_reversed, payment_returned… */
    kind: text('kind').notNull(),
    /** The object this entry is about (a payment id, a deposit reference). */
    referenceId: text('reference_id').notNull(),
    /** The merchant concerned, when there is one (scopes reads). */
    merchantId: text('merchant_id'),
    description: text('description').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  // One entry per (kind, reference): posting the same event twice is impossible. No index on
  // the merchant: no query reads entries by merchant yet, and each payment would write two.
  (table) => [uniqueIndex('journal_entries_kind_reference').on(table.kind, table.referenceId)],
)

export const postings = pgTable(
  'postings',
  {
    // No foreign keys: each one made every posting run a key-share lookup of its entry and
    // account (the hottest rows of the ledger). Postings are written only by the posting
    // statements, which join the entry just inserted and the accounts they lock; `verify()`
    // reports any posting whose entry or account is missing (`posting_orphaned`).
    journalEntryId: text('journal_entry_id').notNull(),
    /** The posting's place in its entry, from 1: a posting is (entry, line), as on a paper journal. */
    line: smallint('line').notNull(),
    accountId: text('account_id').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    amountMinor: bigint('amount_minor', { mode: 'bigint' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  // The key is the entry's index too: one index fewer to write per posting than an id of its own.
  // No index on the account: no query reads an account's postings one by one (`ledger:verify`
  // sums all of them in one pass), and each payment would write seven entries to it.
  (table) => [primaryKey({ name: 'postings_pkey', columns: [table.journalEntryId, table.line] })],
)
