import { and, eq, sql } from 'drizzle-orm'
import type { CorridorService } from '../corridors/corridor-service.js'
import { createBatcher, type Defer } from '../db/batcher.js'
import type { Database } from '../db/database.js'
import { unnestPlaceholders, unnestValues } from '../db/pg-array.js'
import { preparedStatement } from '../db/prepared.js'
import { quotes } from '../db/schema.js'
import type { Clock } from '../lib/clock.js'
import type { IdGenerator } from '../lib/ids.js'
import { keyStillValid, type KeyCheck } from '../merchants/key-check.js'
import { isCurrencyCode } from '../money/currencies.js'
import { parseAmount, toMinor } from '../money/money.js'
import { rateToString } from '../rates/exact-rate.js'
import { RatesStaleError } from '../rates/rate-provider.js'
import type { RateService } from '../rates/rate-service.js'
import { priceQuote } from './pricing.js'
import type { RecentQuotes } from './recent-quotes.js'

export type QuoteRow = typeof quotes.$inferSelect
export type QuoteStatus = 'active' | 'expired' | 'used'

export interface CreateQuoteInput {
  sourceCurrency: string
  targetCurrency: string
  sourceAmount?: string | undefined
  targetAmount?: string | undefined
  sourceCountry?: string | undefined
  destinationCountry?: string | undefined
}

/** Expected ways a quote cannot be made; mapped to HTTP in one table by the routes. */
export type QuoteErrorCode =
  | 'amount_side_ambiguous'
  | 'invalid_amount'
  | 'unsupported_currency'
  | 'unsupported_corridor'
  | 'amount_too_small'
  | 'amount_too_large'
  | 'rates_stale'
  | 'rates_unavailable'
  /** The request's key, checked by the insert (see key-check.ts), is no longer valid: nothing was stored. */
  | 'api_key_invalid'

export interface QuoteError {
  error: QuoteErrorCode
  message: string
  field?: string
}

export interface QuoteService {
  /** With `keyCheck`, the quote is stored only if the request's key is still valid for the merchant. */
  create(merchantId: string, input: CreateQuoteInput, options?: { keyCheck?: KeyCheck | undefined }): Promise<QuoteRow | QuoteError>
  /** Another merchant's quote is indistinguishable from a missing one. */
  get(merchantId: string, id: string): Promise<QuoteRow | undefined>
  statusOf(quote: QuoteRow): QuoteStatus
}

/** The columns of a quote as the batched insert sends them (used_at starts null and is left out). */
const QUOTE_COLUMNS = {
  id: 'text',
  merchant_id: 'text',
  corridor_id: 'text',
  source_country: 'bpchar',
  destination_country: 'bpchar',
  source_currency: 'bpchar',
  target_currency: 'bpchar',
  source_amount_minor: 'bigint',
  target_amount_minor: 'bigint',
  fee_minor: 'bigint',
  mid_rate: 'numeric',
  customer_rate: 'numeric',
  markup_bps: 'int',
  rate_source: 'text',
  rate_timestamp: 'timestamptz',
  expires_at: 'timestamptz',
  created_at: 'timestamptz',
}
const quoteColumnList = sql.raw(Object.keys(QUOTE_COLUMNS).join(', '))
/**
 * Inserts a batch of quotes; a quote with a key hash (its request's key not looked up, see
 * key-check.ts) only if that key is still valid for its merchant. Returns the ids inserted.
 */
const insertQuotes = preparedStatement<{ id: string }>(
  'quotes_insert',
  sql`insert into quotes (${quoteColumnList})
    select ${quoteColumnList} from ${unnestPlaceholders('v', { ...QUOTE_COLUMNS, key_hash: 'text' })}
    where ${keyStillValid('v')}
    returning id`,
)

const failure = (error: QuoteErrorCode, message: string, field?: string): QuoteError => ({
  error,
  message,
  ...(field ? { field } : {}),
})

/**
 * Prices and stores FX quotes: looks up the corridor, the mid rate (refusing stale rates),
 * applies markup and fees with direction-aware rounding, and locks the result until expiry.
 *
 * @example
 * const quoteService = createQuoteService({ db, rates, corridors, clock, ids, quoteTtlSeconds: 300 })
 * const quote = await quoteService.create('mer_…', { sourceCurrency: 'USD', targetCurrency: 'EUR', sourceAmount: '1000.00' })
 */
export function createQuoteService(deps: {
  db: Database
  rates: RateService
  corridors: CorridorService
  clock: Clock
  ids: IdGenerator
  quoteTtlSeconds: number
  /** Batches the inserts of concurrent requests (see createBatcher). */
  defer?: Defer | undefined
  /** Where committed quotes are remembered for the payments that follow them. */
  recent?: RecentQuotes | undefined
}): QuoteService {
  const { db, rates, corridors, clock, ids } = deps
  // Quotes made by concurrent requests are inserted together: one statement and one commit for
  // the batch, its columns sent as arrays so one prepared statement serves every batch size
  // (used_at starts null and is left out).
  const insertQuote = createBatcher<{ quote: QuoteRow; keyHash: string | null }, boolean>({
    defer: deps.defer,
    maxBatch: 16,
    run: async (items) => {
      const iso = (date: Date) => date.toISOString()
      const batch = items.map((item) => item.quote)
      const inserted = await insertQuotes(
        db,
        unnestValues('v', {
          id: batch.map((quote) => quote.id),
          merchant_id: batch.map((quote) => quote.merchantId),
          corridor_id: batch.map((quote) => quote.corridorId),
          source_country: batch.map((quote) => quote.sourceCountry),
          destination_country: batch.map((quote) => quote.destinationCountry),
          source_currency: batch.map((quote) => quote.sourceCurrency),
          target_currency: batch.map((quote) => quote.targetCurrency),
          source_amount_minor: batch.map((quote) => quote.sourceAmountMinor),
          target_amount_minor: batch.map((quote) => quote.targetAmountMinor),
          fee_minor: batch.map((quote) => quote.feeMinor),
          mid_rate: batch.map((quote) => quote.midRate),
          customer_rate: batch.map((quote) => quote.customerRate),
          markup_bps: batch.map((quote) => quote.markupBps),
          rate_source: batch.map((quote) => quote.rateSource),
          rate_timestamp: batch.map((quote) => iso(quote.rateTimestamp)),
          expires_at: batch.map((quote) => iso(quote.expiresAt)),
          created_at: batch.map((quote) => iso(quote.createdAt)),
          key_hash: items.map((item) => item.keyHash),
        }),
      )
      const ids = new Set(inserted.map((row) => row.id))
      return batch.map((quote) => ids.has(quote.id))
    },
  })
  return {
    async create(merchantId, input, options = {}) {
      for (const field of ['sourceCurrency', 'targetCurrency'] as const) {
        if (!isCurrencyCode(input[field])) {
          const wireField = field === 'sourceCurrency' ? 'source_currency' : 'target_currency'
          return failure('unsupported_currency', `${input[field]} is not an active ISO 4217 currency`, wireField)
        }
      }
      const given = [input.sourceAmount, input.targetAmount].filter((amount) => amount !== undefined)
      if (given.length !== 1) {
        return failure('amount_side_ambiguous', 'Give exactly one of source_amount and target_amount', 'source_amount')
      }
      const side = input.sourceAmount !== undefined ? 'source' : 'target'
      const field = `${side}_amount`
      const currency = side === 'source' ? input.sourceCurrency : input.targetCurrency
      const parsed = parseAmount(side === 'source' ? input.sourceAmount : input.targetAmount, currency)
      if (!parsed.ok) {
        const why = parsed.reason === 'too_precise' ? `has more decimals than ${currency} allows` : `is not a valid ${currency} amount (${parsed.reason})`
        return failure('invalid_amount', `${field} ${why}`, field)
      }
      const corridor = await corridors.findForQuote(input)
      if (!corridor) {
        const where = [input.sourceCountry, input.destinationCountry].filter(Boolean).join(' → ')
        return failure(
          'unsupported_corridor',
          `No corridor converts ${input.sourceCurrency} to ${input.targetCurrency}${where ? ` for ${where}` : ''}`,
          input.destinationCountry ? 'destination_country' : 'target_currency',
        )
      }
      const mid = await rates.getMidRate(input.sourceCurrency, input.targetCurrency)
      if (mid instanceof RatesStaleError) return failure('rates_stale', mid.message)
      if (mid instanceof Error) return failure('rates_unavailable', mid.message)
      if ('error' in mid) {
        return failure('unsupported_corridor', `No rate is available for ${input.sourceCurrency} → ${input.targetCurrency}`, 'target_currency')
      }
      const priced = priceQuote({
        sourceCurrency: input.sourceCurrency,
        targetCurrency: input.targetCurrency,
        amount: { side, minor: toMinor(parsed.money) },
        midRate: mid.rate,
        markupBps: corridor.markupBps,
        fixedFeeMinor: corridor.fixedFeeMinor,
        percentFeeBps: corridor.percentFeeBps,
      })
      if (priced === 'amount_too_small') return failure(priced, `${field} does not cover the fee and leaves nothing to convert`, field)
      if (priced === 'amount_too_large') return failure(priced, `${field} converts to more than Corridor can hold`, field)
      const now = clock()
      const quote: QuoteRow = {
        id: ids('quo'),
        merchantId,
        corridorId: corridor.id,
        sourceCountry: input.sourceCountry ?? null,
        destinationCountry: input.destinationCountry ?? null,
        sourceCurrency: input.sourceCurrency,
        targetCurrency: input.targetCurrency,
        sourceAmountMinor: priced.sourceMinor,
        targetAmountMinor: priced.targetMinor,
        feeMinor: priced.feeMinor,
        midRate: rateToString(mid.rate),
        customerRate: rateToString(priced.customerRate),
        markupBps: corridor.markupBps,
        rateSource: mid.source,
        rateTimestamp: mid.asOf,
        expiresAt: new Date(now.getTime() + deps.quoteTtlSeconds * 1000),
        usedAt: null,
        createdAt: now,
      }
      const { keyCheck } = options
      if (!(await insertQuote({ quote, keyHash: keyCheck?.hash ?? null }))) return failure('api_key_invalid', 'The API key is not valid')
      keyCheck?.confirmedByStatement()
      deps.recent?.remember(quote)
      return quote
    },
    async get(merchantId, id) {
      const [quote] = await db
        .select()
        .from(quotes)
        .where(and(eq(quotes.id, id), eq(quotes.merchantId, merchantId)))
      return quote
    },
    statusOf(quote) {
      if (quote.usedAt) return 'used'
      return clock().getTime() >= quote.expiresAt.getTime() ? 'expired' : 'active'
    },
  }
}
