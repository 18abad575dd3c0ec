import { and, asc, eq, gte, lt, sql, type SQL } from 'drizzle-orm'
import { accountCountry, maskAccount, validateBeneficiaryAccount, type NormalizedAccount } from '../beneficiaries/index.js'
import { createBatcher, type Defer } from '../db/batcher.js'
import type { Database } from '../db/database.js'
import { unnestRows } from '../db/pg-array.js'
import { runPrepared } from '../db/prepared.js'
import { paginate, type Page, type PageError, type PageRequest } from '../db/pagination.js'
import { quotes } from '../db/schema.js'
import { recordCompleted, type IdempotencyRequest, type StoredResponse } from '../idempotency/idempotency-store.js'
import { ledgerEntries, type LedgerService } from '../ledger/index.js'
import type { Clock } from '../lib/clock.js'
import type { IdGenerator } from '../lib/ids.js'
import type { AccountCipher } from './account-crypto.js'
import { paymentEvents, payments, type PaymentStatus } from './payment-schema.js'
import { LedgerInvariantError, ledgerAmountsOf, transitionPayment, type PaymentRow } from './payment-transitions.js'

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
  | 'idempotency_key_taken'

export interface PaymentError {
  error: PaymentErrorCode
  message: string
  field?: string
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
  create(merchantId: string, input: CreatePaymentInput, options?: { idempotency?: PaymentIdempotency }): Promise<PaymentRow | PaymentError>
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
  /**
   * Next-turn scheduler (Node: `setImmediate`): payments created concurrently are written
   * together, one transaction of two statements per batch. Without it each is written alone.
   */
  defer?: Defer | undefined
}

/** Thrown inside a transaction to roll it back with an expected failure. */
class Rollback extends Error {
  constructor(readonly failure: PaymentError) {
    super(failure.message)
  }
}

/** Thrown inside a transaction when the quote was not payable or a payment already holds the key. */
class NotCreated extends Error {}

/** Thrown inside a batch's transaction to roll it back, so that each draft is written alone. */
class WriteAlone extends Error {}

/** What the creation statement returns: the quote's amounts and rate, and whether the payment was inserted. */
interface CreatedRow {
  ord: number
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

/** A payment ready to be written: checked, its account encrypted, its ids chosen. */
interface PaymentDraft {
  idempotency?: PaymentIdempotency | undefined
  id: string
  eventId: string
  merchantId: string
  input: CreatePaymentInput
  beneficiary: Record<string, unknown>
  account: NormalizedAccount
  accountCiphertext: string
  now: Date
}

/** What writing a draft came to: the payment, an expected failure, or "look at it alone". */
type DraftOutcome = PaymentRow | PaymentError | 'not_created'

/**
 * One statement for a batch of drafts: marks each draft's quote used (if it is the merchant's,
 * unused, unexpired and for these countries), inserts the payment with the quote's amounts and
 * rate, and its creation event. Returns a row per draft whose quote it marked, with whether the
 * payment was inserted (a key a committed payment already holds inserts nothing). A quote named
 * twice in one batch is marked for one draft only; the other finds it used.
 */
function createStatement(drafts: PaymentDraft[], now: string): SQL {
  const rows = unnestRows('v', {
    ord: ['int', drafts.map((_, ord) => ord)],
    id: ['text', drafts.map((draft) => draft.id)],
    event_id: ['text', drafts.map((draft) => draft.eventId)],
    merchant_id: ['text', drafts.map((draft) => draft.merchantId)],
    quote_id: ['text', drafts.map((draft) => draft.input.quoteId)],
    idempotency_key: ['text', drafts.map((draft) => draft.input.idempotencyKey)],
    source_country: ['bpchar', drafts.map((draft) => draft.input.sender.country)],
    destination_country: ['bpchar', drafts.map((draft) => draft.input.beneficiary.country)],
    sender: ['jsonb', drafts.map((draft) => JSON.stringify(draft.input.sender))],
    beneficiary: ['jsonb', drafts.map((draft) => JSON.stringify(draft.beneficiary))],
    account_type: ['text', drafts.map((draft) => draft.account.type)],
    account_masked: ['text', drafts.map((draft) => maskAccount(draft.account))],
    account_ciphertext: ['text', drafts.map((draft) => draft.accountCiphertext)],
    purpose_code: ['text', drafts.map((draft) => draft.input.purposeCode)],
    reference: ['text', drafts.map((draft) => draft.input.reference)],
    metadata: ['jsonb', drafts.map((draft) => JSON.stringify(draft.input.metadata))],
  })
  return sql`with v as (select * from ${rows}),
    q as (
      update quotes set used_at = ${now}::timestamptz
      from v
      where quotes.id = v.quote_id and quotes.merchant_id = v.merchant_id and quotes.used_at is null and quotes.expires_at > ${now}::timestamptz
        and (quotes.source_country is null or quotes.source_country = v.source_country)
        and (quotes.destination_country is null or quotes.destination_country = v.destination_country)
      returning v.ord, quotes.id, quotes.corridor_id, quotes.source_currency, quotes.target_currency, quotes.source_amount_minor,
        quotes.target_amount_minor, quotes.fee_minor, quotes.mid_rate, quotes.customer_rate
    ), p as (
      insert into payments (id, merchant_id, quote_id, idempotency_key, status, corridor_id, source_country, destination_country,
        source_currency, target_currency, source_amount_minor, target_amount_minor, fee_minor, mid_rate, customer_rate,
        sender, beneficiary, account_type, account_masked, account_ciphertext, purpose_code, reference, metadata,
        attempt_count, next_action_at, created_at, updated_at)
      select v.id, v.merchant_id, q.id, v.idempotency_key, 'pending', q.corridor_id, v.source_country, v.destination_country,
        q.source_currency, q.target_currency, q.source_amount_minor, q.target_amount_minor, q.fee_minor, q.mid_rate, q.customer_rate,
        v.sender, v.beneficiary, v.account_type, v.account_masked, v.account_ciphertext, v.purpose_code, v.reference, v.metadata,
        0, ${now}::timestamptz, ${now}::timestamptz, ${now}::timestamptz
      from q join v on v.ord = q.ord
      on conflict (merchant_id, idempotency_key) do nothing
      returning id
    ), e as (
      insert into payment_events (id, payment_id, merchant_id, from_status, to_status, reason, created_at)
      select v.event_id, p.id, v.merchant_id, null, 'pending', 'created and funded from the merchant balance', ${now}::timestamptz
      from p join v on v.id = p.id
    )
    select q.ord, q.corridor_id, q.source_currency, q.target_currency, q.source_amount_minor::text, q.target_amount_minor::text, q.fee_minor::text,
      q.mid_rate::text, q.customer_rate::text, p.id is not null as inserted
    from q join v on v.ord = q.ord left join p on p.id = v.id`
}

/** The payment a draft became, with the amounts and rate of its quote. */
function paymentOf(draft: PaymentDraft, quote: CreatedRow): PaymentRow {
  const { input, account, now } = draft
  return {
    id: draft.id,
    merchantId: draft.merchantId,
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
    beneficiary: draft.beneficiary,
    accountType: account.type,
    accountMasked: maskAccount(account),
    accountCiphertext: draft.accountCiphertext,
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
}

/** The funding entry of a payment; `shardKey` picks the house accounts' shard (one per batch). */
const fundingEntry = (payment: PaymentRow, shardKey?: string) => ledgerEntries.paymentFunded({ ...ledgerAmountsOf(payment), ...(shardKey ? { shardKey } : {}) })

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
const keyTaken = () => fail('idempotency_key_taken', 'This Idempotency-Key already has a request', 'Idempotency-Key')

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
 * `defer`, the payments of concurrent requests share that transaction (see `writeMany`).
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

  /** Writes one draft in its own transaction; the ledger explains a refused funding. */
  const writeOne = (draft: PaymentDraft): Promise<DraftOutcome> =>
    db
      .transaction(async (tx) => {
        const [quote] = await runPrepared<CreatedRow>(tx, 'payment_create', createStatement([draft], draft.now.toISOString()))
        if (!quote || !quote.inserted) throw new NotCreated()
        const payment = paymentOf(draft, quote)
        if (!(await recordRequests(tx, [draft], [payment]))) throw new Rollback(keyTaken())
        // The merchant balance is locked from here to commit: last, to hold it briefly.
        const funded = await ledger.postEntry(tx, fundingEntry(payment))
        if ('error' in funded) {
          if (funded.error === 'insufficient_funds') {
            throw new Rollback(fail('insufficient_funds', `The ${funded.currency} balance does not cover this payment`, 'quote_id'))
          }
          throw new LedgerInvariantError(`the ledger refused to fund ${payment.id}: ${funded.error}`)
        }
        return payment
      })
      .catch((error: unknown) => {
        if (error instanceof Rollback) return error.failure
        if (error instanceof NotCreated) return 'not_created' as const
        throw error
      })

  /** Records the drafts' requests as completed with their payments; false when a key was taken. */
  const recordRequests = async (tx: Database, drafts: PaymentDraft[], created: PaymentRow[]): Promise<boolean> => {
    const completed = drafts.flatMap((draft, index) => {
      const payment = created[index]
      return draft.idempotency && payment ? [{ request: draft.idempotency.request, response: draft.idempotency.respond(payment) }] : []
    })
    return (await recordCompleted(tx, completed, clock)).size === completed.length
  }

  /**
   * Writes a batch of drafts in one transaction: the creation statement for all, then their
   * fundings in one ledger statement. Anything unusual (a funding refused, a key already
   * taken) rolls the batch back and the batcher writes each draft alone.
   */
  const writeMany = (drafts: PaymentDraft[]): Promise<DraftOutcome[]> =>
    db.transaction(async (tx) => {
      const now = drafts[0]!.now.toISOString()
      const rows = await runPrepared<CreatedRow>(tx, 'payment_create', createStatement(drafts, now))
      const quoteOf = new Map(rows.map((row) => [Number(row.ord), row]))
      const outcomes = drafts.map((draft, ord): DraftOutcome => {
        const quote = quoteOf.get(ord)
        if (!quote) return 'not_created' // its quote was not payable: nothing of it was written
        if (!quote.inserted) throw new WriteAlone() // its quote was marked, but the key was taken
        return paymentOf(draft, quote)
      })
      const isCreated = (outcome: DraftOutcome): outcome is PaymentRow => outcome !== 'not_created' && !('error' in outcome)
      const created = outcomes.filter(isCreated)
      const written = drafts.flatMap((draft, index) => (isCreated(outcomes[index]!) ? [draft] : []))
      // The requests' records and the fundings do not depend on each other: sent together, they
      // cost one round trip. The fundings go last, as they lock the merchants' balances until
      // commit; they use one shard of each house account for the whole batch, so concurrent
      // batches lock apart.
      const [recorded, funded] = await Promise.all([
        recordRequests(tx, written, created),
        ledger.postEntries(tx, created.map((payment) => fundingEntry(payment, drafts[0]!.id))),
      ])
      if (!funded.posted || !recorded) throw new WriteAlone()
      return outcomes
    })

  const write = createBatcher<PaymentDraft, DraftOutcome>({
    defer: deps.defer,
    maxBatch: 32,
    run: async (drafts) => (drafts.length === 1 ? [await writeOne(drafts[0]!)] : writeMany(drafts)),
  })

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

      const { idempotency } = options
      const outcome = await write({ idempotency, id: ids('pay'), eventId: ids('evt'), merchantId, input, beneficiary, account, accountCiphertext, now })
      if (outcome !== 'not_created') {
        if (!('error' in outcome)) deps.onCreated?.(outcome)
        return outcome
      }
      // A retry whose first attempt committed but whose response was lost (the idempotency
      // record is the first line of defence; the unique index on the key is the last)…
      const [existing] = await existingByKey.execute({ merchantId, idempotencyKey: input.idempotencyKey })
      // …whose record the caller replays, when it left the recording to this call.
      if (existing) return idempotency ? keyTaken() : existing
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
