/**
 * Writing new payments: a draft (checked, its account encrypted, its ids chosen) becomes a
 * payment with its quote marked used, its creation event, its idempotency record and its
 * funding. Drafts queued together (`defer`: a few event-loop turns) are written in one
 * transaction; anything unusual in a batch rolls it back and each draft is written alone, where
 * the ledger explains a refusal.
 *
 * When this process made every quote of a batch (they are remembered, see `recent-quotes.ts`),
 * the amounts are known before the database answers: the creation statement, the idempotency
 * records and the fundings go out together, and the batch commits only if the quotes the
 * statement marked carry exactly the remembered terms. One round trip instead of two, in the
 * transaction that holds the merchants' balances locked.
 */
import { sql } from 'drizzle-orm'
import { maskAccount, type NormalizedAccount } from '../beneficiaries/index.js'
import { createBatcher, type Defer } from '../db/batcher.js'
import type { Database } from '../db/database.js'
import { unnestPlaceholders, unnestValues } from '../db/pg-array.js'
import { preparedStatement } from '../db/prepared.js'
import { recordCompleted } from '../idempotency/idempotency-store.js'
import { keyStillValid } from '../merchants/key-check.js'
import { ledgerEntries, type LedgerService } from '../ledger/index.js'
import type { Clock } from '../lib/clock.js'
import type { QuoteRow } from '../quotes/quote-service.js'
import type { RecentQuotes } from '../quotes/recent-quotes.js'
import { canonicalRate } from '../rates/exact-rate.js'
import { fail, idempotencyKeyTaken, type PaymentError } from './payment-errors.js'
import type { CreatePaymentInput, PaymentIdempotency } from './payment-service.js'
import { LedgerInvariantError, ledgerAmountsOf, type PaymentRow } from './payment-transitions.js'

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
export interface PaymentDraft {
  idempotency?: PaymentIdempotency | undefined
  /** The hash of the request's key when the creation statement is to check it (see key-check.ts). */
  keyHash?: string | undefined
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
export type DraftOutcome = PaymentRow | PaymentError | 'not_created'

/** The columns of a draft as the creation statement takes them, one array each. */
const DRAFT_COLUMNS = {
  ord: 'int',
  id: 'text',
  event_id: 'text',
  merchant_id: 'text',
  quote_id: 'text',
  idempotency_key: 'text',
  key_hash: 'text',
  source_country: 'bpchar',
  destination_country: 'bpchar',
  sender: 'jsonb',
  beneficiary: 'jsonb',
  account_type: 'text',
  account_masked: 'text',
  account_ciphertext: 'text',
  purpose_code: 'text',
  reference: 'text',
  metadata: 'jsonb',
}
const nowParam = sql`${sql.placeholder('now')}::timestamptz`
/**
 * One statement for a batch of drafts: marks each draft's quote used (if it is the merchant's,
 * unused, unexpired and for these countries, and the draft's key, when it has one to check, is
 * still the merchant's and not revoked), inserts the payment with the quote's amounts and
 * rate, and its creation event. Returns a row per draft whose quote it marked, with whether the
 * payment was inserted (a key a committed payment already holds inserts nothing). A quote named
 * twice in one batch is marked for one draft only; the other finds it used.
 */
const createStatement = preparedStatement<CreatedRow>(
  'payment_create',
  sql`with v as (select * from ${unnestPlaceholders('v', DRAFT_COLUMNS)}),
    q as (
      update quotes set used_at = ${nowParam}
      from v
      where quotes.id = v.quote_id and quotes.merchant_id = v.merchant_id and quotes.used_at is null and quotes.expires_at > ${nowParam}
        and (quotes.source_country is null or quotes.source_country = v.source_country)
        and (quotes.destination_country is null or quotes.destination_country = v.destination_country)
        and ${keyStillValid('v')}
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
        0, ${nowParam}, ${nowParam}, ${nowParam}
      from q join v on v.ord = q.ord
      on conflict (merchant_id, idempotency_key) do nothing
      returning id
    ), e as (
      insert into payment_events (id, payment_id, merchant_id, from_status, to_status, reason, created_at)
      select v.event_id, p.id, v.merchant_id, null, 'pending', 'created and funded from the merchant balance', ${nowParam}
      from p join v on v.id = p.id
    )
    select q.ord, q.corridor_id, q.source_currency, q.target_currency, q.source_amount_minor::text, q.target_amount_minor::text, q.fee_minor::text,
      q.mid_rate::text, q.customer_rate::text, p.id is not null as inserted
    from q join v on v.ord = q.ord left join p on p.id = v.id`,
)

/** The values of the creation statement for a batch of drafts written at `at`. */
const createValues = (drafts: PaymentDraft[], at: string) => ({
  now: at,
  ...unnestValues('v', {
    ord: drafts.map((_, ord) => ord),
    id: drafts.map((draft) => draft.id),
    event_id: drafts.map((draft) => draft.eventId),
    merchant_id: drafts.map((draft) => draft.merchantId),
    quote_id: drafts.map((draft) => draft.input.quoteId),
    idempotency_key: drafts.map((draft) => draft.input.idempotencyKey),
    key_hash: drafts.map((draft) => draft.keyHash ?? null),
    source_country: drafts.map((draft) => draft.input.sender.country),
    destination_country: drafts.map((draft) => draft.input.beneficiary.country),
    sender: drafts.map((draft) => JSON.stringify(draft.input.sender)),
    beneficiary: drafts.map((draft) => JSON.stringify(draft.beneficiary)),
    account_type: drafts.map((draft) => draft.account.type),
    account_masked: drafts.map((draft) => maskAccount(draft.account)),
    account_ciphertext: drafts.map((draft) => draft.accountCiphertext),
    purpose_code: drafts.map((draft) => draft.input.purposeCode),
    reference: drafts.map((draft) => draft.input.reference),
    metadata: drafts.map((draft) => JSON.stringify(draft.input.metadata)),
  }),
})

/**
 * The row the creation statement returns for a draft whose quote is remembered, as far as it
 * can be known ahead: `undefined` when the quote is not remembered or plainly not payable for
 * the draft (the usual path then explains why).
 */
function rememberedRow(recent: RecentQuotes | undefined, draft: PaymentDraft, ord: number): CreatedRow | undefined {
  const quote: QuoteRow | undefined = recent?.recall(draft.merchantId, draft.input.quoteId)
  if (!quote || quote.usedAt) return undefined
  if (quote.sourceCountry && quote.sourceCountry !== draft.input.sender.country) return undefined
  if (quote.destinationCountry && quote.destinationCountry !== draft.input.beneficiary.country) return undefined
  return {
    ord,
    corridor_id: quote.corridorId,
    source_currency: quote.sourceCurrency,
    target_currency: quote.targetCurrency,
    source_amount_minor: quote.sourceAmountMinor.toString(),
    target_amount_minor: quote.targetAmountMinor.toString(),
    fee_minor: quote.feeMinor.toString(),
    mid_rate: quote.midRate,
    customer_rate: quote.customerRate,
    inserted: true,
  }
}

/** Whether the database inserted the payment on a quote with the remembered terms (rates compared as numbers, not as text). */
const sameTerms = (row: CreatedRow, remembered: CreatedRow) =>
  row.inserted &&
  row.corridor_id === remembered.corridor_id &&
  row.source_currency === remembered.source_currency &&
  row.target_currency === remembered.target_currency &&
  row.source_amount_minor === remembered.source_amount_minor &&
  row.target_amount_minor === remembered.target_amount_minor &&
  row.fee_minor === remembered.fee_minor &&
  canonicalRate(row.mid_rate) === canonicalRate(remembered.mid_rate) &&
  canonicalRate(row.customer_rate) === canonicalRate(remembered.customer_rate)

/** The payment a draft became, with the amounts and rate of its quote, written at `now` (its batch's time). */
function paymentOf(draft: PaymentDraft, quote: CreatedRow, now: Date = draft.now): PaymentRow {
  const { input, account } = draft
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

/**
 * Writes drafts, batched per turn with `defer` (Node: `setImmediate`), alone without it.
 * `'not_created'` means the quote was not payable or a committed payment holds the key: the
 * caller looks into which.
 *
 * @example const write = createPaymentWriter({ db, ledger, clock, defer: setImmediate }); const outcome = await write(draft)
 */
export function createPaymentWriter(deps: {
  db: Database
  ledger: LedgerService
  clock: Clock
  defer?: Defer | undefined
  /** The quotes this process made; a batch whose quotes are all remembered is written in one round trip. */
  recentQuotes?: RecentQuotes | undefined
}): (draft: PaymentDraft) => Promise<DraftOutcome> {
  const { db, ledger, clock } = deps
/** Writes one draft in its own transaction; the ledger explains a refused funding. */
const writeOne = (draft: PaymentDraft): Promise<DraftOutcome> =>
  db
    .transaction(async (tx) => {
      const [quote] = await createStatement(tx, createValues([draft], draft.now.toISOString()))
      if (!quote || !quote.inserted) throw new NotCreated()
      const payment = paymentOf(draft, quote)
      if (!(await recordRequests(tx, [{ draft, payment }]))) throw new Rollback(idempotencyKeyTaken())
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

/** Records the requests of drafts written, with their payments; false when a key was taken. */
const recordRequests = async (tx: Database, written: Array<{ draft: PaymentDraft; payment: PaymentRow }>): Promise<boolean> => {
  const completed = written.flatMap(({ draft, payment }) => (draft.idempotency ? [{ request: draft.idempotency.request, response: draft.idempotency.respond(payment) }] : []))
  return (await recordCompleted(tx, completed, clock)) === completed.length
}

/**
 * Writes a batch of drafts in one transaction: the creation statement for all, then their
 * requests' records and their fundings (one ledger statement) in one round trip. Anything
 * unusual (a funding refused, a key already taken) rolls the batch back and the batcher
 * writes each draft alone.
 */
const writeMany = (drafts: PaymentDraft[]): Promise<DraftOutcome[]> =>
  db.transaction(async (tx) => {
    const at = drafts[0]!.now
    const rows = await createStatement(tx, createValues(drafts, at.toISOString()))
    const quoteOf = new Map(rows.map((row) => [Number(row.ord), row]))
    const outcomes = drafts.map((draft, ord): DraftOutcome => {
      const quote = quoteOf.get(ord)
      if (!quote) return 'not_created' // its quote was not payable: nothing of it was written
      if (!quote.inserted) throw new WriteAlone() // its quote was marked, but the key was taken
      return paymentOf(draft, quote, at)
    })
    const written = drafts.flatMap((draft, index) => {
      const outcome = outcomes[index]!
      return outcome === 'not_created' || 'error' in outcome ? [] : [{ draft, payment: outcome }]
    })
    // The requests' records and the fundings do not depend on each other: sent together, they
    // cost one round trip. The fundings go last, as they lock the merchants' balances until
    // commit; they use one shard of each house account for the whole batch, so concurrent
    // batches lock apart.
    const [recorded, funded] = await Promise.all([
      recordRequests(tx, written),
      ledger.postEntries(tx, written.map(({ payment }) => fundingEntry(payment, drafts[0]!.id))),
    ])
    if (!funded.posted || !recorded) throw new WriteAlone()
    return outcomes
  })

/**
 * Writes drafts whose quotes are all remembered (`remembered`: the rows the creation statement
 * should return): the creation statement, the requests' records and the fundings (computed
 * from the remembered amounts) go out together, in one round trip. The batch commits only if
 * every draft's payment was inserted on a quote with exactly the remembered terms and every
 * record and funding was written; anything else (a quote used meanwhile, a key taken, a short
 * balance, a quote unlike the remembered one) rolls it all back, for the usual path to write
 * and explain. Concurrent batches lock the merchants' balances in the same order as
 * `writeMany` does: the fundings still come last.
 */
const writeAhead = (drafts: PaymentDraft[], remembered: CreatedRow[]): Promise<DraftOutcome[]> =>
  db.transaction(async (tx) => {
    const at = drafts[0]!.now
    const expected = drafts.map((draft, ord) => ({ draft, payment: paymentOf(draft, remembered[ord]!, at) }))
    const [rows, recorded, funded] = await Promise.all([
      createStatement(tx, createValues(drafts, at.toISOString())),
      recordRequests(tx, expected),
      ledger.postEntries(tx, expected.map(({ payment }) => fundingEntry(payment, drafts[0]!.id))),
    ])
    const rowOf = new Map(rows.map((row) => [Number(row.ord), row]))
    const outcomes = drafts.map((draft, ord): DraftOutcome => {
      const row = rowOf.get(ord)
      if (!row || !sameTerms(row, remembered[ord]!)) throw new WriteAlone()
      return paymentOf(draft, row, at)
    })
    if (!recorded || !funded.posted) throw new WriteAlone()
    return outcomes
  })

/** The usual path: one draft alone, or a batch whose statements each wait for the one before. */
const writeChecked = async (drafts: PaymentDraft[]): Promise<DraftOutcome[]> => (drafts.length === 1 ? [await writeOne(drafts[0]!)] : writeMany(drafts))

return createBatcher<PaymentDraft, DraftOutcome>({
  defer: deps.defer,
  maxBatch: 32,
  run: async (drafts) => {
    const remembered = drafts.map((draft, ord) => rememberedRow(deps.recentQuotes, draft, ord))
    let outcomes: DraftOutcome[] | undefined
    if (remembered.every((row) => row !== undefined)) {
      outcomes = await writeAhead(drafts, remembered).catch((error: unknown) => {
        if (error instanceof WriteAlone) return undefined
        throw error
      })
      // Rolled back: each draft alone, where the ledger and the quote explain what went wrong.
      outcomes ??= await Promise.all(drafts.map(writeOne))
    } else {
      outcomes = await writeChecked(drafts)
    }
    // A quote pays for one payment: what paid needs no remembering.
    outcomes.forEach((outcome, index) => {
      if (outcome !== 'not_created' && !('error' in outcome)) deps.recentQuotes?.forget(drafts[index]!.input.quoteId)
    })
    return outcomes
  },
})
}
