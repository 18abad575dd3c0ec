import { and, asc, eq, gte, lt, sql, type SQL } from 'drizzle-orm'
import { accountCountry, validateBeneficiaryAccount, type NormalizedAccount } from '../beneficiaries/index.js'
import type { Defer } from '../db/batcher.js'
import type { Database } from '../db/database.js'
import { paginate, type Page, type PageError, type PageRequest } from '../db/pagination.js'
import { quotes } from '../db/schema.js'
import type { IdempotencyRequest, StoredResponse } from '../idempotency/idempotency-store.js'
import type { LedgerService } from '../ledger/index.js'
import type { Clock } from '../lib/clock.js'
import type { IdGenerator } from '../lib/ids.js'
import type { KeyCheck } from '../merchants/key-check.js'
import type { RecentQuotes } from '../quotes/recent-quotes.js'
import type { AccountCipher } from './account-crypto.js'
import { createPaymentWriter } from './payment-creation.js'
import { fail, idempotencyKeyTaken, type PaymentError } from './payment-errors.js'
import { paymentEvents, payments, type PaymentStatus } from './payment-schema.js'
import { transitionPayment, type PaymentRow } from './payment-transitions.js'

export type { PaymentError, PaymentErrorCode } from './payment-errors.js'

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

/** The request to record with the payment, and the response it gets. */
export interface PaymentIdempotency {
  request: IdempotencyRequest
  respond: (payment: PaymentRow) => StoredResponse
}

export interface PaymentListFilter {
  status?: PaymentStatus
  corridorId?: string
  createdGte?: Date
  createdLt?: Date
}

export interface PaymentService {
  /**
   * Creates a payment. With `idempotency`, the request is recorded as completed, with the
   * response `respond` gives, in the payment's own transaction; when its key is already taken
   * (a retry, another body, another endpoint) nothing is written and the error is
   * `idempotency_key_taken`, for the caller to settle through the idempotency store.
   */
  create(merchantId: string, input: CreatePaymentInput, options?: { idempotency?: PaymentIdempotency; keyCheck?: KeyCheck | undefined }): Promise<PaymentRow | PaymentError>
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
  /**
   * Hands a committed payment to the processor (in the background), with its beneficiary
   * account as checked, so its first attempt need not decrypt what was just encrypted.
   */
  onCreated?: (payment: PaymentRow, account: NormalizedAccount) => void
  /**
   * Next-turn scheduler (Node: `setImmediate`): payments created concurrently are written
   * together, one transaction per batch. Without it each is written alone.
   */
  defer?: Defer | undefined
  /** The quotes this process made (see `recent-quotes.ts`): payments on them are written in fewer round trips. */
  recentQuotes?: RecentQuotes | undefined
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
 * payment, marks the quote used and debits the merchant's balance through the ledger. With
 * `defer`, the payments of concurrent requests share that transaction (see `payment-creation.ts`).
 *
 * @example
 * const paymentService = createPaymentService({ db, ledger, cipher, clock, ids, onCreated: (payment, account) => processor.processCreated(payment, account) })
 */
export function createPaymentService(deps: PaymentServiceDeps): PaymentService {
  const { db, ledger, cipher, clock, ids } = deps
  const scoped = (merchantId: string, id: string) => and(eq(payments.id, id), eq(payments.merchantId, merchantId))
  const existingByKey = db
    .select()
    .from(payments)
    .where(and(eq(payments.merchantId, sql.placeholder('merchantId')), eq(payments.idempotencyKey, sql.placeholder('idempotencyKey'))))
    .prepare('payment_by_idempotency_key')

  const write = createPaymentWriter({ db, ledger, clock, defer: deps.defer, recentQuotes: deps.recentQuotes })

  return {
    async create(merchantId, input, options = {}) {
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

      const { idempotency, keyCheck } = options
      const outcome = await write({ idempotency, keyHash: keyCheck?.hash, id: ids('pay'), eventId: ids('evt'), merchantId, input, beneficiary, account, accountCiphertext, now })
      if (outcome !== 'not_created') {
        // The creation statement marked the quote, which it does only for a valid key.
        keyCheck?.confirmedByStatement()
        if (!('error' in outcome)) deps.onCreated?.(outcome, account)
        return outcome
      }
      // Nothing was written; a key the statement was to check is looked up before anything else.
      if (keyCheck && !(await keyCheck.confirm())) return fail('api_key_invalid', 'The API key is not valid')
      // A retry whose first attempt committed but whose response was lost (the idempotency
      // record is the first line of defence; the unique index on the key is the last)…
      const [existing] = await existingByKey.execute({ merchantId, idempotencyKey: input.idempotencyKey })
      // …whose record the caller replays, when it left the recording to this call.
      if (existing) return idempotency ? idempotencyKeyTaken() : existing
      // …else the quote was not payable.
      return whyNotPayable(db, merchantId, input, now)
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
