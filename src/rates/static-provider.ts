import { parseRate, type ExactRate } from './exact-rate.js'
import { createSnapshot, type RateProvider, type RateSnapshot } from './rate-provider.js'

/** Options of {@link createStaticRateProvider}. */
export interface StaticRateProviderOptions {
  /** The currency every rate is quoted against. */
  base: string
  /** `1 base = rates[currency] currency`, as plain decimal strings. */
  rates: Readonly<Record<string, string>>
  /** When the rates are deemed published; defaults to the time of each fetch (always fresh). */
  asOf?: () => Date
  /** Source recorded on quotes; also the provider's name. Defaults to `static`. */
  source?: string
}

/**
 * A provider that serves fixed rates: for the demo seed, tests, and as a last-resort fallback.
 * The rates are validated when the provider is created, so a typo fails at start-up
 * (`TypeError`), not on the first quote.
 *
 * @example
 * const provider = createStaticRateProvider({ base: 'USD', rates: { EUR: '0.92', JPY: '151.50' } })
 * const snapshot = await provider.fetchRates() // source 'static', asOf = now
 */
export function createStaticRateProvider(options: StaticRateProviderOptions): RateProvider {
  const source = options.source ?? 'static'
  const asOf = options.asOf ?? (() => new Date())
  const rates: [string, ExactRate][] = Object.entries(options.rates).map(([currency, text]) => {
    const rate = parseRate(text)
    if (rate === undefined) throw new TypeError(`static rate for ${currency} is not a plain positive decimal: ${text}`)
    return [currency, rate]
  })
  // Validate once now; each fetch rebuilds the snapshot only to stamp a fresh asOf.
  createSnapshot({ base: options.base, rates, source, asOf: new Date(0) })
  return {
    name: source,
    async fetchRates(): Promise<RateSnapshot> {
      return createSnapshot({ base: options.base, rates, source, asOf: asOf() })
    },
  }
}

/**
 * Realistic USD-based mid rates (mid-2024 levels) for the demo seed: `1 USD = rate currency`.
 * Not market data; refresh from a live provider for anything but a demo.
 *
 * @example
 * const provider = createStaticRateProvider(DEMO_RATES)
 */
export const DEMO_RATES: { readonly base: 'USD'; readonly rates: Readonly<Record<string, string>> } = Object.freeze({
  base: 'USD',
  rates: Object.freeze({
    EUR: '0.92345',
    GBP: '0.78912',
    CNY: '7.2456',
    JPY: '156.78',
    HKD: '7.8123',
    SGD: '1.3502',
    INR: '83.456',
    BRL: '5.1234',
    MXN: '17.0123',
    KWD: '0.30675',
    CAD: '1.3678',
    AUD: '1.5123',
    CHF: '0.89456',
  }),
})
