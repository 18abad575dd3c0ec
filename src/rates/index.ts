/**
 * Rates: exact decimal mid rates from pluggable providers (static seed, ECB, HTTP JSON feeds),
 * held in a rate book that falls back between providers, refuses stale rates and triangulates
 * cross pairs through the snapshot's base currency.
 *
 * @example
 * import { createEcbRateProvider, createRateBook, createStaticRateProvider, DEMO_RATES } from './rates/index.js'
 * const book = createRateBook({
 *   providers: [createEcbRateProvider(), createStaticRateProvider(DEMO_RATES)],
 *   maxAgeSeconds: 4 * 86_400,
 *   clock: () => new Date(),
 * })
 */
export {
  applyMarkupBps,
  compareRates,
  divideRates,
  formatRate,
  invertRate,
  multiplyRates,
  parseRate,
  RATE_ONE,
  rateToString,
  rescaleRate,
  type ExactRate,
  type RoundingMode,
} from './exact-rate.js'
export {
  createSnapshot,
  findSnapshotProblem,
  isCurrencyCodeShape,
  RatesStaleError,
  RatesUnavailableError,
  type MidRate,
  type RateProvider,
  type RateSnapshot,
} from './rate-provider.js'
export { createStaticRateProvider, DEMO_RATES, type StaticRateProviderOptions } from './static-provider.js'
export {
  createEcbRateProvider,
  ECB_90_DAYS_URL,
  ECB_DAILY_URL,
  ecbPublicationTime,
  parseEcbXml,
  type EcbDay,
  type EcbRateProviderOptions,
} from './ecb-provider.js'
export {
  createHttpJsonRateProvider,
  parseHttpJsonRates,
  type HttpJsonRateProviderOptions,
} from './http-json-provider.js'
export { DEFAULT_RATES_TIMEOUT_MS, type FetchFunction } from './fetch-text.js'
export {
  createCompositeRateProvider,
  fetchFromFirstAvailable,
  type FirstAvailableResult,
  type ProviderFailure,
} from './composite-provider.js'
export {
  createRateBook,
  DERIVED_RATE_SCALE,
  isMidRate,
  type MidRateResult,
  type RateBook,
  type RateBookOptions,
  type RefreshResult,
  type UnsupportedPair,
} from './rate-book.js'
