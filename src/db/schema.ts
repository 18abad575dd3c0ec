/**
 * The one drizzle schema module. Money is `bigint` minor units beside a `char(3)` currency;
 * rates are `numeric` (exact decimals, strings in JavaScript); timestamps are `timestamptz`.
 * Every merchant-owned table carries `merchant_id`, and every query on it filters by it.
 */

import {
  bigint,
  boolean,
  char,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core'

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow()

export const merchants = pgTable('merchants', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  createdAt: createdAt(),
})

export const apiKeys = pgTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    merchantId: text('merchant_id')
      .notNull()
      .references(() => merchants.id),
    /** SHA-256 of the key, hex; the key itself is never stored. */
    keyHash: char('key_hash', { length: 64 }).notNull(),
    /** The first characters of the key, so a merchant can tell keys apart. */
    keyPrefix: text('key_prefix').notNull(),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  },
  (table) => [uniqueIndex('api_keys_key_hash_unique').on(table.keyHash)],
)

export const corridors = pgTable(
  'corridors',
  {
    id: text('id').primaryKey(),
    sourceCountry: char('source_country', { length: 2 }).notNull(),
    destinationCountry: char('destination_country', { length: 2 }).notNull(),
    sourceCurrency: char('source_currency', { length: 3 }).notNull(),
    targetCurrency: char('target_currency', { length: 3 }).notNull(),
    markupBps: integer('markup_bps').notNull(),
    /** Fixed fee in minor units of the source currency. */
    fixedFeeMinor: bigint('fixed_fee_minor', { mode: 'bigint' }).notNull(),
    percentFeeBps: integer('percent_fee_bps').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('corridors_route_unique').on(
      table.sourceCountry,
      table.destinationCountry,
      table.sourceCurrency,
      table.targetCurrency,
    ),
    index('corridors_currency_pair').on(table.sourceCurrency, table.targetCurrency),
  ],
)

export const rateSnapshots = pgTable(
  'rate_snapshots',
  {
    id: text('id').primaryKey(),
    source: text('source').notNull(),
    baseCurrency: char('base_currency', { length: 3 }).notNull(),
    /** Currency code → exact decimal string: one unit of base buys this much. */
    rates: jsonb('rates').$type<Record<string, string>>().notNull(),
    asOf: timestamp('as_of', { withTimezone: true, mode: 'date' }).notNull(),
    fetchedAt: timestamp('fetched_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [index('rate_snapshots_fetched_at').on(table.fetchedAt)],
)

export const quotes = pgTable(
  'quotes',
  {
    id: text('id').primaryKey(),
    // No foreign keys on this hot insert path: each check would take a KEY SHARE lock on the one
    // merchant row every concurrent quote shares. Both ids come from the server itself (the
    // authenticated merchant, the corridor it priced with), never from the request.
    merchantId: text('merchant_id').notNull(),
    corridorId: text('corridor_id'),
    sourceCountry: char('source_country', { length: 2 }),
    destinationCountry: char('destination_country', { length: 2 }),
    sourceCurrency: char('source_currency', { length: 3 }).notNull(),
    targetCurrency: char('target_currency', { length: 3 }).notNull(),
    sourceAmountMinor: bigint('source_amount_minor', { mode: 'bigint' }).notNull(),
    targetAmountMinor: bigint('target_amount_minor', { mode: 'bigint' }).notNull(),
    feeMinor: bigint('fee_minor', { mode: 'bigint' }).notNull(),
    midRate: numeric('mid_rate', { precision: 30, scale: 12 }).notNull(),
    customerRate: numeric('customer_rate', { precision: 30, scale: 12 }).notNull(),
    markupBps: integer('markup_bps').notNull(),
    rateSource: text('rate_source').notNull(),
    rateTimestamp: timestamp('rate_timestamp', { withTimezone: true, mode: 'date' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (table) => [index('quotes_merchant_created').on(table.merchantId, table.createdAt)],
)

export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    // No foreign key, as on quotes: the merchant id is the authenticated caller's.
    merchantId: text('merchant_id').notNull(),
    key: text('key').notNull(),
    /** SHA-256 over method, path and body: the same key must come with the same request. */
    requestHash: char('request_hash', { length: 64 }).notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    state: text('state', { enum: ['in_flight', 'completed'] }).notNull(),
    responseStatus: integer('response_status'),
    responseBody: text('response_body'),
    responseContentType: text('response_content_type'),
    createdAt: createdAt(),
    completedAt: timestamp('completed_at', { withTimezone: true, mode: 'date' }),
  },
  (table) => [
    primaryKey({ columns: [table.merchantId, table.key] }),
    index('idempotency_keys_created').on(table.createdAt),
  ],
)

/** One row per job run, for ops; the lease in `job_locks`, not this table, keeps runs apart. */
export const jobRuns = pgTable(
  'job_runs',
  {
    id: text('id').primaryKey(),
    job: text('job').notNull(),
    trigger: text('trigger').notNull(),
    status: text('status', { enum: ['running', 'succeeded', 'failed', 'skipped'] }).notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
  },
  (table) => [index('job_runs_job_started').on(table.job, table.startedAt)],
)


/**
 * A lease per job: a run claims it with one atomic upsert and holds it until it finishes or the
 * lease expires (a crashed run). Works on every driver, including PGlite and Workers.
 */
export const jobLocks = pgTable('job_locks', {
  job: text('job').primaryKey(),
  holder: text('holder').notNull(),
  lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }).notNull(),
})

export * from '../ledger/ledger-schema.js'
export * from '../payments/payment-schema.js'
