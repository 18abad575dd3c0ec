/**
 * The quotes this process has just made, kept in memory for the payment that usually follows a
 * quote within milliseconds. A payment whose quote is remembered can send its funding and its
 * idempotency record together with the statement that marks the quote used, instead of
 * waiting for that statement's answer to learn the amounts (see `payment-creation.ts`).
 *
 * Only a quote's fixed terms are remembered (a quote row never changes but for `used_at`), and
 * never whether it is still payable: the database decides that, and every remembered amount is
 * checked against the row the database returns before anything commits. Losing an entry (the
 * bound, a restart, another instance) only sends that payment the usual way.
 */
import type { Clock } from '../lib/clock.js'
import type { QuoteRow } from './quote-service.js'

export interface RecentQuotes {
  /** Remembers a quote once its insert has committed. */
  remember(quote: QuoteRow): void
  /** The merchant's quote `id`, if remembered and not expired at the clock's now. */
  recall(merchantId: string, id: string): QuoteRow | undefined
  /** Drops a quote (a payment used it). */
  forget(id: string): void
  readonly size: number
}

/**
 * At most `max` quotes, the oldest dropped first. Ten thousand quotes are a few megabytes and
 * cover ten seconds at a thousand quotes a second; a payment comes milliseconds after its quote.
 *
 * @example
 * const recent = createRecentQuotes({ clock: systemClock, max: 10_000 })
 * recent.remember(quote)
 * recent.recall(quote.merchantId, quote.id) // the quote, until it expires or is forgotten
 */
export function createRecentQuotes(options: { clock: Clock; max: number }): RecentQuotes {
  if (!Number.isInteger(options.max) || options.max < 0) throw new RangeError(`max must be a non-negative integer, got ${options.max}`)
  // A Map iterates in insertion order: its first key is the oldest quote.
  const quotes = new Map<string, QuoteRow>()
  return {
    remember(quote) {
      if (options.max === 0) return
      quotes.delete(quote.id)
      while (quotes.size >= options.max) quotes.delete(quotes.keys().next().value!)
      quotes.set(quote.id, quote)
    },
    recall(merchantId, id) {
      const quote = quotes.get(id)
      if (!quote) return undefined
      if (quote.expiresAt.getTime() <= options.clock().getTime()) {
        quotes.delete(id)
        return undefined
      }
      return quote.merchantId === merchantId ? quote : undefined
    },
    forget(id) {
      quotes.delete(id)
    },
    get size() {
      return quotes.size
    },
  }
}
