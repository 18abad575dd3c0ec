import { and, asc, eq, gte, lt, sql, type SQL } from 'drizzle-orm'
import { accountCountry, maskAccount, validateBeneficiaryAccount, type NormalizedAccount } from '../beneficiaries/index.js'
import type { Database } from '../db/database.js'
import { runPrepared } from '../db/prepared.js'
import { paginate, type Page, type PageError, type PageRequest } from '../db/pagination.js'
import { quotes } from '../db/schema.js'
import { ledgerEntries, type LedgerService } from '../ledger/index.js'
import type { Clock } from '../lib/clock.js'
import type { IdGenerator } from '../lib/ids.js'
import type { AccountCipher } from './account-crypto.js'
import { paymentEvents, payments, type PaymentStatus } from './payment-schema.js'
import { LedgerInvariantError, transitionPayment, type PaymentRow } from './payment-transitions.js'

export interface PartyAddress {
  line1: string
  line2?: string
  city: string
  postal_code?: string
  region?: string
}

/** The validated wire body of `POST /v1/payments`. */
export interface CreatePaymentInput {
  quoteId: string
  idempotencyKey: string
  sender: {
    type: 'individual' | 'business'
    name: string
    country: string
    address: PartyAddress
    date_of_birth?: string
    registration_number?: string
    kyc_tier: number
  }
  beneficiary: { name: string; country: string; address?: PartyAddress; account: Record<string, unknown> }
  purposeCode: string
  reference: string
  metadata: Record<string, string>
}

export type PaymentErrorCode =
  | 'quote_not_found'
  | 'quote_expired'
  | 'quote_used'
  | 'quote_mismatch'
  | 'invalid_account'
  | 'invalid_party'
  | 'insufficient_funds'
  | 'not_found'
  | 'not_cancellable'

export interface PaymentError {
  error: PaymentErrorCode
  message: string
  field?: string
}

export interface PaymentListFilter {
  status?: PaymentStatus
  corridorId?: string
  createdGte?: Date
  createdLt?: Date
}

export interface PaymentService {
  create(merchantId: string, input: CreatePaymentInput): Promise<PaymentRow | PaymentError>
  get(merchantId: string, id: string): Promise<PaymentRow | undefined>
  list(merchantId: string, filter: PaymentListFilter, page: PageRequest): Promise<Page<PaymentRow> | PageError>
  cancel(merchantId: string, id: string): Promise<PaymentRow | PaymentError>
  events(merchantId: string, id: string): Promise<Array<typeof paymentEvents.$inferSelect> | undefined>
}

export interface PaymentServiceDeps {
  db: Database
  ledger: LedgerService
  cipher: AccountCipher
  clock: Clock
  ids: IdGenerator
  /** Hands a committed payment to the processor (in the background). */
  onCreated?: (payment: PaymentRow) => void
}

/** Thrown inside a transaction to roll it back with an expected failure. */
class Rollback extends Error {
  constructor(readonly failure: PaymentError) {
    super(failure.message)
  }
}

/** Thrown inside a transaction when the quote was not payable or a payment already holds the key. */
class NotCreated extends Error {}

/** What the creation statement returns: the quote's amounts and rate, and whether the payment was inserted. */
interface CreatedRow {
  corridor_id: string | null
  source_currency: string
  target_currency: string
  source_amount_minor: string
  target_amount_minor: string
  fee_minor: string
  mid_rate: string
  customer_rate: string
  inserted: boolean
}

function createStatement(row: {
  id: string
  eventId: string
  merchantId: string
  input: CreatePaymentInput
  beneficiary: Record<string, unknown>
  account: NormalizedAccount
  accountCiphertext: string
  now: Date
}): SQL {
  const { input, merchantId } = row
  const now = row.now.toISOString()
  return sql`with q as (
      update quotes set used_at = ${now}::timestamptz
      where id = ${input.quoteId}::text and merchant_id = ${merchantId}::text and used_at is null and expires_at > ${now}::timestamptz
        and (source_country is null or source_country = ${input.sender.country}::bpchar)
        and (destination_country is null or destination_country = ${input.beneficiary.country}::bpchar)
      returning id, corridor_id, source_currency, target_currency, source_amount_minor, target_amount_minor, fee_minor, mid_rate, customer_rate
    ), p as (
      insert into payments (id, merchant_id, quote_id, idempotency_key, status, corridor_id, source_country, destination_country,
        source_currency, target_currency, source_amount_minor, target_amount_minor, fee_minor, mid_rate, customer_rate,
        sender, beneficiary, account_type, account_masked, account_ciphertext, purpose_code, reference, metadata,
        attempt_count, next_action_at, created_at, updated_at)
      select ${row.id}::text, ${merchantId}::text, q.id, ${input.idempotencyKey}::text, 'pending', q.corridor_id,
        ${input.sender.country}::bpchar, ${input.beneficiary.country}::bpchar,
        q.source_currency, q.target_currency, q.source_amount_minor, q.target_amount_minor, q.fee_minor, q.mid_rate, q.customer_rate,
        ${JSON.stringify(input.sender)}::jsonb, ${JSON.stringify(row.beneficiary)}::jsonb, ${row.account.type}::text, ${maskAccount(row.account)}::text,
        ${row.accountCiphertext}::text, ${input.purposeCode}::text, ${input.reference}::text, ${JSON.stringify(input.metadata)}::jsonb,
        0, ${now}::timestamptz, ${now}::timestamptz, ${now}::timestamptz
      from q
      on conflict (merchant_id, idempotency_key) do nothing
      returning id
    ), e as (
      insert into payment_events (id, payment_id, merchant_id, from_status, to_status, reason, created_at)
      select ${row.eventId}::text, p.id, ${merchantId}::text, null, 'pending', 'created and funded from the merchant balance', ${now}::timestamptz
      from p
    )
    select q.corridor_id, q.source_currency, q.target_currency, q.source_amount_minor::text, q.target_amount_minor::text, q.fee_minor::text,
      q.mid_rate::text, q.customer_rate::text, exists (select 1 from p) as inserted
    from q`
}

/** Why the creation statement found no payable quote: the first reason that applies. */
async function whyNotPayable(db: Database, merchantId: string, input: CreatePaymentInput, now: Date): Promise<PaymentError> {
  const [found] = await db.select().from(quotes).where(and(eq(quotes.id, input.quoteId), eq(quotes.merchantId, merchantId)))
  if (!found) return fail('quote_not_found', `No quote ${input.quoteId}`, 'quote_id')
  if (found.usedAt) return fail('quote_used', `Quote ${found.id} already paid for a payment`, 'quote_id')
  if (found.expiresAt <= now) return fail('quote_expired', `Quote ${found.id} expired at ${found.expiresAt.toISOString()}`, 'quote_id')
  if (found.sourceCountry && found.sourceCountry !== input.sender.country) {
    return fail('quote_mismatch', `The quote is for senders in ${found.sourceCountry}`, 'sender.country')
  }
  return fail('quote_mismatch', `The quote is for beneficiaries in ${found.destinationCountry}`, 'beneficiary.country')
}

const fail = (error: PaymentErrorCode, message: string, field?: string): PaymentError => ({ error, message, ...(field ? { field } : {}) })

/** Checks the sender beyond the schema: what a compliance check needs must be there and sane. */
function checkSender(sender: CreatePaymentInput['sender'], today: Date): PaymentError | undefined {
  if (sender.type === 'individual') {
    if (!sender.date_of_birth) return fail('invalid_party', 'An individual sender needs date_of_birth', 'sender.date_of_birth')
    const born = new Date(`${sender.date_of_birth}T00:00:00Z`)
    if (Number.isNaN(born.getTime()) || born >= today || today.getUTCFullYear() - born.getUTCFullYear() > 130) {
      return fail('invalid_party', 'date_of_birth must be a real date in the past', 'sender.date_of_birth')
    }
  } else if (!sender.registration_number) {
    return fail('invalid_party', 'A business sender needs registration_number', 'sender.registration_number')
  }
  return undefined
}

/**
 * Creates, reads and cancels payments. Creation checks the quote (active, unused, matching
 * countries), the sender and the beneficiary account, then in one transaction inserts the
 * payment, marks the quote used and debits the merchant's balance through the ledger.
 *
 * @example
 * const paymentService = createPaymentService({ db, ledger, cipher, clock, ids, onCreated: (payment) => processor.processCreated(payment) })
 */
export function createPaymentService(deps: PaymentServiceDeps): PaymentService {
  const { db, ledger, cipher, clock, ids } = deps
  const scoped = (merchantId: string, id: string) => and(eq(payments.id, id), eq(payments.merchantId, merchantId))
  const existingByKey = db
    .select()
    .from(payments)
    .where(and(eq(payments.merchantId, sql.placeholder('merchantId')), eq(payments.idempotencyKey, sql.placeholder('idempotencyKey'))))
    .prepare('payment_by_idempotency_key')

  return {
    async create(merchantId, input) {
      const now = clock()
      const senderProblem = checkSender(input.sender, now)
      if (senderProblem) return senderProblem
      const checked = validateBeneficiaryAccount(input.beneficiary.account, { country: input.beneficiary.country })
      if (!checked.ok) {
        return fail('invalid_account', checked.message, checked.field ? `beneficiary.account.${checked.field}` : 'beneficiary.account')
      }
      const account: NormalizedAccount = checked.account
      const accountCiphertext = await cipher.encrypt(JSON.stringify(account))
      const beneficiary = {
        name: input.beneficiary.name,
        country: input.beneficiary.country,
        ...(input.beneficiary.address ? { address: input.beneficiary.address } : {}),
        ...(accountCountry(account) ? { account_country: accountCountry(account) } : {}),
      }

      try {
        const created = await db.transaction(async (tx) => {
          const id = ids('pay')
          // One statement marks the quote used (if it is this merchant's, unused, unexpired and
          // for these countries), inserts the payment with the quote's amounts and rate, and
          // its creation event. A key a committed payment already holds inserts nothing.
          const [quote] = await runPrepared<CreatedRow>(tx, 'payment_create', createStatement({ id, eventId: ids('evt'), merchantId, input, beneficiary, account, accountCiphertext, now }))
          if (!quote || !quote.inserted) throw new NotCreated()
          const payment: PaymentRow = {
            id,
            merchantId,
            quoteId: input.quoteId,
            idempotencyKey: input.idempotencyKey,
            status: 'pending',
            corridorId: quote.corridor_id,
            sourceCountry: input.sender.country,
            destinationCountry: input.beneficiary.country,
            sourceCurrency: quote.source_currency,
            targetCurrency: quote.target_currency,
            sourceAmountMinor: BigInt(quote.source_amount_minor),
            targetAmountMinor: BigInt(quote.target_amount_minor),
            feeMinor: BigInt(quote.fee_minor),
            midRate: quote.mid_rate,
            customerRate: quote.customer_rate,
            sender: input.sender as unknown as Record<string, unknown>,
            beneficiary,
            accountType: account.type,
            accountMasked: maskAccount(account),
            accountCiphertext,
            purposeCode: input.purposeCode,
            reference: input.reference,
            metadata: input.metadata,
            channelId: null,
            channelReference: null,
            attemptCount: 0,
            failureCode: null,
            failureMessage: null,
            nextActionAt: now,
            lockedUntil: null,
            createdAt: now,
            updatedAt: now,
          }
          // The merchant balance is locked from here to commit: last, to hold it briefly.
          const funded = await ledger.postEntry(tx, ledgerEntries.paymentFunded({
            paymentId: payment.id,
            merchantId,
            sourceCurrency: payment.sourceCurrency,
            targetCurrency: payment.targetCurrency,
            sourceAmountMinor: payment.sourceAmountMinor,
            feeMinor: payment.feeMinor,
            targetAmountMinor: payment.targetAmountMinor,
          }))
          if ('error' in funded) {
            if (funded.error === 'insufficient_funds') {
              throw new Rollback(fail('insufficient_funds', `The ${funded.currency} balance does not cover this payment`, 'quote_id'))
            }
            throw new LedgerInvariantError(`the ledger refused to fund ${payment.id}: ${funded.error}`)
          }
          return payment
        })
        deps.onCreated?.(created)
        return created
      } catch (error) {
        if (error instanceof Rollback) return error.failure
        if (!(error instanceof NotCreated)) throw error
        // A retry whose first attempt committed but whose response was lost (the idempotency
        // record is the first line of defence; the unique index on the key is the last)…
        const [existing] = await existingByKey.execute({ merchantId, idempotencyKey: input.idempotencyKey })
        if (existing) return existing
        // …else the quote was not payable.
        return whyNotPayable(db, merchantId, input, now)
      }
    },

    async get(merchantId, id) {
      const [payment] = await db.select().from(payments).where(scoped(merchantId, id))
      return payment
    },

    list(merchantId, filter, page) {
      const conditions: (SQL | undefined)[] = [eq(payments.merchantId, merchantId)]
      if (filter.status) conditions.push(eq(payments.status, filter.status))
      if (filter.corridorId) conditions.push(eq(payments.corridorId, filter.corridorId))
      if (filter.createdGte) conditions.push(gte(payments.createdAt, filter.createdGte))
      if (filter.createdLt) conditions.push(lt(payments.createdAt, filter.createdLt))
      return paginate(db, payments, { id: payments.id, createdAt: payments.createdAt }, and(...conditions), page)
    },

    async cancel(merchantId, id) {
      return db.transaction(async (tx) => {
        const [payment] = await tx.select().from(payments).where(scoped(merchantId, id)).for('update')
        if (!payment) return fail('not_found', `No payment ${id}`)
        if (payment.status === 'cancelled') return payment
        if (payment.status !== 'pending') {
          return fail('not_cancellable', `Payment ${id} is ${payment.status}; only a pending payment can be cancelled`)
        }
        const cancelled = await transitionPayment(tx, { ledger, clock, ids }, payment, 'cancelled', 'cancelled by the merchant', {
          patch: { nextActionAt: null },
        })
        return cancelled ?? fail('not_cancellable', `Payment ${id} was submitted meanwhile`)
      })
    },

    async events(merchantId, id) {
      const [payment] = await db.select({ id: payments.id }).from(payments).where(scoped(merchantId, id))
      if (!payment) return undefined
      return db
        .select()
        .from(paymentEvents)
        .where(and(eq(paymentEvents.paymentId, id), eq(paymentEvents.merchantId, merchantId)))
        .orderBy(asc(paymentEvents.sequence))
    },
  }
}
