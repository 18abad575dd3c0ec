import type { Config } from '../config.js'
import { createEcbRateProvider } from './ecb-provider.js'
import { createHttpJsonRateProvider } from './http-json-provider.js'
import type { RateProvider } from './rate-provider.js'
import { createStaticRateProvider, DEMO_RATES } from './static-provider.js'

/** The providers named by `RATES_PROVIDERS`, in fallback order. */
export function rateProvidersFromConfig(
  config: Pick<Config, 'rateProviders' | 'ecbRatesUrl' | 'httpJsonRatesUrl'>,
  fetchImpl?: typeof fetch,
): RateProvider[] {
  return config.rateProviders.map((name) => {
    switch (name) {
      case 'static':
        return createStaticRateProvider(DEMO_RATES)
      case 'ecb':
        return createEcbRateProvider({ url: config.ecbRatesUrl, ...(fetchImpl ? { fetch: fetchImpl } : {}) })
      case 'http-json':
        return createHttpJsonRateProvider({ url: config.httpJsonRatesUrl!, ...(fetchImpl ? { fetch: fetchImpl } : {}) })
    }
  })
}
