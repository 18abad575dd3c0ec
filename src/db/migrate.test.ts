import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { migrate } from 'drizzle-orm/pglite/migrator'
import type { PgliteDatabase } from 'drizzle-orm/pglite'
import { describe, expect, it } from 'vitest'
import { connectDatabase } from './connect.js'
import { verifyPaymentRecords } from '../payments/payment-verify.js'
import type { Database } from './database.js'
import { migrationsFolder } from './migrate.js'

interface Journal {
  entries: Array<{ idx: number; tag: string }>
}

/** A copy of the migrations folder holding only the migrations before `tag`. */
function migrationsBefore(tag: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'corridor-migrations-'))
  cpSync(migrationsFolder, folder, { recursive: true })
  const journalPath = join(folder, 'meta', '_journal.json')
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as Journal
  const cut = journal.entries.findIndex((entry) => entry.tag === tag)
  if (cut < 0) throw new Error(`no migration ${tag}`)
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, cut) }))
  return folder
}

/**
 * A fresh embedded database migrated up to just before `tag`, given the rows `seed` writes,
 * then migrated to the latest; `check` looks at the result.
 */
async function upgradeThrough(tag: string, seed: (db: PgliteDatabase) => Promise<unknown>, check: (db: PgliteDatabase) => Promise<void>): Promise<void> {
  const before = migrationsBefore(tag)
  const connection = await connectDatabase('memory://')
  try {
    const db = connection.db as unknown as PgliteDatabase
    await migrate(db, { migrationsFolder: before })
    await seed(db)
    await migrate(db, { migrationsFolder })
    await check(db)
  } finally {
    await connection.close()
    rmSync(before, { recursive: true, force: true })
  }
}

/** Payment pay_1 of merchant mer_1, pending, with the columns every migration since 0001 has. */
const insertPendingPayment = (db: PgliteDatabase) =>
  db.execute(sql`insert into payments (id, merchant_id, quote_id, idempotency_key, status, source_country, destination_country, source_currency, target_currency,
    source_amount_minor, target_amount_minor, fee_minor, mid_rate, customer_rate, sender, beneficiary, account_type, account_masked, account_ciphertext, purpose_code, reference, metadata)
    values ('pay_1', 'mer_1', 'quo_1', 'k1', 'pending', 'US', 'DE', 'USD', 'EUR', 100, 90, 1, 0.9, 0.9, '{}', '{}', 'iban', '…3000', 'x', 'SUPP', 'r', '{}')`)

const indexesOf = async (db: PgliteDatabase, table: string) =>
  (await db.execute<{ indexname: string }>(sql`select indexname from pg_indexes where tablename = ${table} order by indexname`)).rows.map((row) => row.indexname)

describe('migration 0006 (postings keyed by entry and line)', () => {
  it('numbers the postings already there within their entry, in the order of their old ids, and keys them by (entry, line)', async () => {
    await upgradeThrough(
      '0006_postings_keyed_by_entry_and_line',
      (db) =>
        db.execute(sql`insert into postings (id, journal_entry_id, account_id, currency, amount_minor) values
          ('pst_b', 'jrn_1', 'acc_x', 'USD', -5), ('pst_a', 'jrn_1', 'acc_y', 'USD', 5),
          ('pst_c', 'jrn_2', 'acc_x', 'EUR', 7), ('pst_e', 'jrn_2', 'acc_y', 'EUR', -3), ('pst_d', 'jrn_2', 'acc_z', 'EUR', -4)`),
      async (db) => {
        const rows = await db.execute<{ journal_entry_id: string; line: number; account_id: string }>(
          sql`select journal_entry_id, line, account_id from postings order by journal_entry_id, line`,
        )
        expect(rows.rows).toEqual([
          { journal_entry_id: 'jrn_1', line: 1, account_id: 'acc_y' },
          { journal_entry_id: 'jrn_1', line: 2, account_id: 'acc_x' },
          { journal_entry_id: 'jrn_2', line: 1, account_id: 'acc_x' },
          { journal_entry_id: 'jrn_2', line: 2, account_id: 'acc_z' },
          { journal_entry_id: 'jrn_2', line: 3, account_id: 'acc_y' },
        ])
        // The key refuses a second posting on the same line of an entry.
        const twin = await db
          .execute(sql`insert into postings (journal_entry_id, line, account_id, currency, amount_minor) values ('jrn_1', 2, 'acc_z', 'USD', 0)`)
          .then(() => undefined, (error: unknown) => (error as { cause?: { code?: string } }).cause)
        expect(twin).toMatchObject({ code: '23505' })
        // 0009 dropped the account index since.
        expect(await indexesOf(db, 'postings')).toEqual(['postings_pkey'])
      },
    )
  })
})

describe('migration 0008 (attempts keyed by payment and number)', () => {
  it('keeps the attempts already there and keys them by (payment, attempt)', async () => {
    await upgradeThrough(
      '0008_attempts_keyed_by_payment_and_number',
      async (db) => {
        await insertPendingPayment(db)
        await db.execute(sql`insert into payment_attempts (id, payment_id, attempt, channel_id, channel_idempotency_key, state) values
          ('att_a', 'pay_1', 1, 'sepa_instant', 'pay_1:1', 'declined'), ('att_b', 'pay_1', 2, 'swift', 'pay_1:2', 'submitting')`)
      },
      async (db) => {
        const rows = await db.execute<{ attempt: number; channel_id: string }>(sql`select attempt, channel_id from payment_attempts where payment_id = 'pay_1' order by attempt`)
        expect(rows.rows).toEqual([
          { attempt: 1, channel_id: 'sepa_instant' },
          { attempt: 2, channel_id: 'swift' },
        ])
        // 0010 replaced the other two indexes since.
        expect(await indexesOf(db, 'payment_attempts')).toEqual(['payment_attempts_channel_started', 'payment_attempts_pkey'])
      },
    )
  })
})

describe('migration 0009 (payment events and attempts without foreign keys, postings without an account index)', () => {
  it('keeps the rows already there, drops the two foreign keys and the index, and verify still finds an orphan', async () => {
    await upgradeThrough(
      '0009_payment_rows_without_foreign_keys',
      async (db) => {
        await insertPendingPayment(db)
        await db.execute(sql`insert into payment_events (id, payment_id, merchant_id, to_status, reason) values ('evt_1', 'pay_1', 'mer_1', 'pending', 'created')`)
        await db.execute(sql`insert into payment_attempts (payment_id, attempt, channel_id, channel_idempotency_key, state) values ('pay_1', 1, 'sepa_instant', 'pay_1:1', 'submitting')`)
        // Before 0009 the foreign key refuses an event of a payment nobody has.
        const refused = await db
          .execute(sql`insert into payment_events (id, payment_id, merchant_id, to_status, reason) values ('evt_x', 'pay_nobody', 'mer_1', 'pending', 'created')`)
          .then(() => undefined, (error: unknown) => (error as { cause?: { code?: string } }).cause)
        expect(refused).toMatchObject({ code: '23503' })
      },
      async (db) => {
        const kept = await db.execute<{ n: number }>(sql`select (select count(*) from payment_events where payment_id = 'pay_1')::int + (select count(*) from payment_attempts where payment_id = 'pay_1')::int as n`)
        expect(kept.rows).toEqual([{ n: 2 }])
        const foreignKeys = await db.execute<{ conname: string }>(
          sql`select conname from pg_constraint where contype = 'f' and conrelid in ('payment_events'::regclass, 'payment_attempts'::regclass)`,
        )
        expect(foreignKeys.rows).toEqual([])
        expect(await indexesOf(db, 'postings')).toEqual(['postings_pkey'])
        expect(await indexesOf(db, 'payment_events')).toEqual(['payment_events_payment', 'payment_events_pkey'])
        await db.execute(sql`insert into payment_events (id, payment_id, merchant_id, to_status, reason) values ('evt_x', 'pay_nobody', 'mer_1', 'pending', 'created')`)
        const { violations } = await verifyPaymentRecords(db as unknown as Database)
        expect(violations.map((v) => v.invariant)).toEqual(['event_orphaned'])
      },
    )
  })
})

describe('migration 0010 (attempts updated in place)', () => {
  it('keeps the attempts, indexes them by channel and start only, and leaves room on their pages', async () => {
    await upgradeThrough(
      '0010_attempts_updated_in_place',
      async (db) => {
        await insertPendingPayment(db)
        await db.execute(sql`insert into payment_attempts (payment_id, attempt, channel_id, channel_idempotency_key, state) values ('pay_1', 1, 'sepa_instant', 'pay_1:1', 'submitting')`)
      },
      async (db) => {
        const kept = await db.execute<{ state: string }>(sql`select state from payment_attempts where payment_id = 'pay_1'`)
        expect(kept.rows).toEqual([{ state: 'submitting' }])
        // No index left on a column an attempt's outcome changes.
        expect(await indexesOf(db, 'payment_attempts')).toEqual(['payment_attempts_channel_started', 'payment_attempts_pkey'])
        const options = await db.execute<{ reloptions: string[] | string | null }>(sql`select reloptions from pg_class where relname = 'payment_attempts'`)
        expect(String(options.rows[0]?.reloptions)).toMatch(/fillfactor=60/)
      },
    )
  })
})
