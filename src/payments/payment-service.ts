import { and, asc, eq, gt, gte, isNull, lt, sql, type SQL } from 'drizzle-orm'
import { accountCountry, maskAccount, validateBeneficiaryAccount, type NormalizedAccount } from '../beneficiaries/index.js'
import type { Database } from '../db/database.js'
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

      // A retry whose first attempt committed but whose response was lost (the idempotency
      // record is the first line of defence; the unique index on the key is the last).
      const [existing] = await existingByKey.execute({ merchantId, idempotencyKey: input.idempotencyKey })
      if (existing) return existing

      try {
        const created = await db.transaction(async (tx) => {
          // Marks the quote used and locks it in one statement; only a refusal needs a second look.
          const [quote] = await tx
            .update(quotes)
            .set({ usedAt: now })
            .where(and(eq(quotes.id, input.quoteId), eq(quotes.merchantId, merchantId), isNull(quotes.usedAt), gt(quotes.expiresAt, now)))
            .returning()
          if (!quote) {
            const [found] = await tx.select().from(quotes).where(and(eq(quotes.id, input.quoteId), eq(quotes.merchantId, merchantId)))
            if (!found) throw new Rollback(fail('quote_not_found', `No quote ${input.quoteId}`, 'quote_id'))
            if (found.usedAt) throw new Rollback(fail('quote_used', `Quote ${found.id} already paid for a payment`, 'quote_id'))
            throw new Rollback(fail('quote_expired', `Quote ${found.id} expired at ${found.expiresAt.toISOString()}`, 'quote_id'))
          }
          if (quote.sourceCountry && quote.sourceCountry !== input.sender.country) {
            throw new Rollback(fail('quote_mismatch', `The quote is for senders in ${quote.sourceCountry}`, 'sender.country'))
          }
          if (quote.destinationCountry && quote.destinationCountry !== input.beneficiary.country) {
            throw new Rollback(fail('quote_mismatch', `The quote is for beneficiaries in ${quote.destinationCountry}`, 'beneficiary.country'))
          }
          const payment: PaymentRow = {
            id: ids('pay'),
            merchantId,
            quoteId: quote.id,
            idempotencyKey: input.idempotencyKey,
            status: 'pending',
            corridorId: quote.corridorId,
            sourceCountry: input.sender.country,
            destinationCountry: input.beneficiary.country,
            sourceCurrency: quote.sourceCurrency,
            targetCurrency: quote.targetCurrency,
            sourceAmountMinor: quote.sourceAmountMinor,
            targetAmountMinor: quote.targetAmountMinor,
            feeMinor: quote.feeMinor,
            midRate: quote.midRate,
            customerRate: quote.customerRate,
            sender: input.sender as unknown as Record<string, unknown>,
            beneficiary: {
              name: input.beneficiary.name,
              country: input.beneficiary.country,
              ...(input.beneficiary.address ? { address: input.beneficiary.address } : {}),
              ...(accountCountry(account) ? { account_country: accountCountry(account) } : {}),
            },
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
          await tx.insert(payments).values(payment)
          await tx.insert(paymentEvents).values({
            id: ids('evt'),
            paymentId: payment.id,
            merchantId,
            fromStatus: null,
            toStatus: 'pending',
            reason: 'created and funded from the merchant balance',
            createdAt: now,
          })
          // The merchant balance is locked from here to commit: last, to hold it briefly.
          const funded = await ledger.postEntry(tx, ledgerEntries.paymentFunded({
            paymentId: payment.id,
            merchantId,
            sourceCurrency: quote.sourceCurrency,
            targetCurrency: quote.targetCurrency,
            sourceAmountMinor: quote.sourceAmountMinor,
            feeMinor: quote.feeMinor,
            targetAmountMinor: quote.targetAmountMinor,
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
        throw error
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
