/**
 * Payments, their append-only event timeline, and their attempts at channels. The allowed
 * status transitions are also enforced by a trigger in PostgreSQL (see the
 * `payment_state_machine` and `transition_check_without_a_query` migrations), so an illegal
 * transition is impossible, not just unlikely.
 */
import { bigint, bigserial, char, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'

export const PAYMENT_STATUSES = ['pending', 'processing', 'paid_out', 'failed', 'cancelled', 'returned'] as const
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number]

export const payments = pgTable(
  'payments',
  {
    id: text('id').primaryKey(),
    merchantId: text('merchant_id').notNull(),
    /** One payment per quote, enforced here. */
    quoteId: text('quote_id').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    status: text('status', { enum: PAYMENT_STATUSES }).notNull(),
    corridorId: text('corridor_id'),
    sourceCountry: char('source_country', { length: 2 }).notNull(),
    destinationCountry: char('destination_country', { length: 2 }).notNull(),
    sourceCurrency: char('source_currency', { length: 3 }).notNull(),
    targetCurrency: char('target_currency', { length: 3 }).notNull(),
    sourceAmountMinor: bigint('source_amount_minor', { mode: 'bigint' }).notNull(),
    targetAmountMinor: bigint('target_amount_minor', { mode: 'bigint' }).notNull(),
    feeMinor: bigint('fee_minor', { mode: 'bigint' }).notNull(),
    midRate: numeric('mid_rate', { precision: 30, scale: 12 }).notNull(),
    customerRate: numeric('customer_rate', { precision: 30, scale: 12 }).notNull(),
    /** Sender: name, type, country, address, date of birth or registration number, KYC tier. */
    sender: jsonb('sender').$type<Record<string, unknown>>().notNull(),
    /** Beneficiary without its account: name, country, address. */
    beneficiary: jsonb('beneficiary').$type<Record<string, unknown>>().notNull(),
    accountType: text('account_type').notNull(),
    /** The masked account for display (`DE****3000`). */
    accountMasked: text('account_masked').notNull(),
    /** The normalized account, AES-256-GCM encrypted: `keyId:iv:ciphertext` (base64). */
    accountCiphertext: text('account_ciphertext').notNull(),
    purposeCode: text('purpose_code').notNull(),
    reference: text('reference').notNull(),
    metadata: jsonb('metadata').$type<Record<string, string>>().notNull(),
    /** The channel of the current attempt, null before the first submission. */
    channelId: text('channel_id'),
    channelReference: text('channel_reference'),
    attemptCount: integer('attempt_count').notNull().default(0),
    failureCode: text('failure_code'),
    failureMessage: text('failure_message'),
    /** When the processor may next look at this payment (submission, status polling). */
    nextActionAt: timestamp('next_action_at', { withTimezone: true, mode: 'date' }),
    /** A processor's claim on the payment until this time (crash-safe, instance-independent). */
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('payments_quote_unique').on(table.quoteId),
    uniqueIndex('payments_merchant_idempotency').on(table.merchantId, table.idempotencyKey),
    index('payments_merchant_created').on(table.merchantId, table.createdAt),
    index('payments_status_next_action').on(table.status, table.nextActionAt),
  ],
)

export const paymentEvents = pgTable(
  'payment_events',
  {
    id: text('id').primaryKey(),
    // No foreign key to payments (the check took a KEY SHARE lock on the payment row and ran a
    // lookup per event): events are written only in the transaction that inserts or moves their
    // payment, whose row it holds; payments are never deleted. `ledger:verify` reports any
    // event or attempt whose payment is missing (`event_orphaned`, `attempt_orphaned`).
    paymentId: text('payment_id').notNull(),
    merchantId: text('merchant_id').notNull(),
    /** Null for the creation event. */
    fromStatus: text('from_status', { enum: PAYMENT_STATUSES }),
    toStatus: text('to_status', { enum: PAYMENT_STATUSES }).notNull(),
    reason: text('reason').notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
    /** Insertion order, for a timeline that is exact even within one millisecond. */
    sequence: bigserial('sequence', { mode: 'number' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (table) => [index('payment_events_payment').on(table.paymentId, table.sequence)],
)

export const ATTEMPT_STATES = ['submitting', 'accepted', 'declined', 'ambiguous', 'not_received', 'paid_out', 'failed', 'returned'] as const
export type AttemptState = (typeof ATTEMPT_STATES)[number]

export const paymentAttempts = pgTable(
  'payment_attempts',
  {
    // No foreign key to payments, as on events: attempts are written under the payment's lease.
    paymentId: text('payment_id').notNull(),
    /** 1 for the first submission, then one more per resubmission: an attempt is (payment, attempt). */
    attempt: integer('attempt').notNull(),
    channelId: text('channel_id').notNull(),
    /** Sent to the channel so it dedupes a resubmission of the same attempt: `${paymentId}:${attempt}`. */
    channelIdempotencyKey: text('channel_idempotency_key').notNull(),
    state: text('state', { enum: ATTEMPT_STATES }).notNull(),
    channelReference: text('channel_reference'),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (table) => [
    // The key is the payment's index too: one index fewer to write per attempt and per change.
    primaryKey({ name: 'payment_attempts_pkey', columns: [table.paymentId, table.attempt] }),
    // Channel health reads each channel's latest attempts by start time. No index covers a
    // column an outcome changes (state, reference, updated_at), so recording the outcome is a
    // HOT update, with room left on each page for it (fillfactor 60, set in migration 0010).
    index('payment_attempts_channel_started').on(table.channelId, table.createdAt),
  ],
)

/** Channel callbacks received, deduplicated by the channel's event id. */
export const channelCallbacks = pgTable(
  'channel_callbacks',
  {
    channelId: text('channel_id').notNull(),
    eventId: text('event_id').notNull(),
    paymentId: text('payment_id'),
    status: text('status').notNull(),
    outcome: text('outcome').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('channel_callbacks_event').on(table.channelId, table.eventId)],
)
