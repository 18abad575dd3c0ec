/**
 * The demo data `npm start` and `npm run db:seed` load: one merchant with an API key and
 * prefunded balances, a set of corridors with their pricing, and a first rate snapshot. Idempotent: rerunning changes nothing.
 */
import { eq } from 'drizzle-orm'
import type { AppDeps } from '../api/deps.js'
import type { Database } from '../db/database.js'
import { corridors, merchants } from '../db/schema.js'
import { generateApiKey } from '../merchants/merchant-service.js'
import { RatesUnavailableError } from '../rates/rate-provider.js'
import { createStaticRateProvider, DEMO_RATES } from '../rates/static-provider.js'

export const DEMO_MERCHANT_ID = 'mer_demo'

/** The demo merchant's opening balances, in minor units. */
export const DEMO_BALANCES: ReadonlyArray<[string, bigint]> = [
  ['USD', 1_000_000_00n],
  ['EUR', 500_000_00n],
  ['GBP', 250_000_00n],
  ['CNY', 5_000_000_00n],
]

interface CorridorSeed {
  route: `${string}-${string}`
  currencies: `${string}-${string}`
  markupBps: number
  /** Fixed fee in minor units of the source currency. */
  fixedFeeMinor: bigint
  percentFeeBps: number
}

/** Demo corridors: [source country-destination country, source-target currency, pricing]. */
export const DEMO_CORRIDORS: CorridorSeed[] = [
  { route: 'US-DE', currencies: 'USD-EUR', markupBps: 50, fixedFeeMinor: 250n, percentFeeBps: 0 },
  { route: 'US-FR', currencies: 'USD-EUR', markupBps: 50, fixedFeeMinor: 250n, percentFeeBps: 0 },
  { route: 'US-GB', currencies: 'USD-GBP', markupBps: 45, fixedFeeMinor: 200n, percentFeeBps: 0 },
  { route: 'US-IN', currencies: 'USD-INR', markupBps: 75, fixedFeeMinor: 100n, percentFeeBps: 30 },
  { route: 'US-MX', currencies: 'USD-MXN', markupBps: 60, fixedFeeMinor: 150n, percentFeeBps: 0 },
  { route: 'US-BR', currencies: 'USD-BRL', markupBps: 80, fixedFeeMinor: 150n, percentFeeBps: 25 },
  { route: 'US-CN', currencies: 'USD-CNY', markupBps: 70, fixedFeeMinor: 300n, percentFeeBps: 0 },
  { route: 'US-JP', currencies: 'USD-JPY', markupBps: 40, fixedFeeMinor: 300n, percentFeeBps: 0 },
  { route: 'US-KW', currencies: 'USD-KWD', markupBps: 60, fixedFeeMinor: 500n, percentFeeBps: 0 },
  { route: 'US-US', currencies: 'USD-USD', markupBps: 0, fixedFeeMinor: 50n, percentFeeBps: 0 },
  { route: 'GB-IN', currencies: 'GBP-INR', markupBps: 75, fixedFeeMinor: 100n, percentFeeBps: 30 },
  { route: 'GB-DE', currencies: 'GBP-EUR', markupBps: 40, fixedFeeMinor: 100n, percentFeeBps: 0 },
  { route: 'DE-US', currencies: 'EUR-USD', markupBps: 50, fixedFeeMinor: 200n, percentFeeBps: 0 },
  { route: 'DE-GB', currencies: 'EUR-GBP', markupBps: 40, fixedFeeMinor: 100n, percentFeeBps: 0 },
  { route: 'DE-IN', currencies: 'EUR-INR', markupBps: 75, fixedFeeMinor: 100n, percentFeeBps: 30 },
  { route: 'CN-US', currencies: 'CNY-USD', markupBps: 60, fixedFeeMinor: 1500n, percentFeeBps: 0 },
  { route: 'CN-HK', currencies: 'CNY-HKD', markupBps: 40, fixedFeeMinor: 1000n, percentFeeBps: 0 },
  { route: 'HK-SG', currencies: 'HKD-SGD', markupBps: 40, fixedFeeMinor: 1500n, percentFeeBps: 0 },
  { route: 'SG-IN', currencies: 'SGD-INR', markupBps: 60, fixedFeeMinor: 200n, percentFeeBps: 20 },
  { route: 'BR-JP', currencies: 'BRL-JPY', markupBps: 100, fixedFeeMinor: 1000n, percentFeeBps: 50 },
]

export function corridorId(seed: CorridorSeed): string {
  return `cor_${seed.route.replace('-', '').toLowerCase()}${seed.currencies.replace('-', '').toLowerCase()}`
}

export interface SeedResult {
  merchantId: string
  /** Set when this run created the demo API key (generated ones are shown only once). */
  apiKey?: string
  createdMerchant: boolean
}

/**
 * @example const { apiKey } = await seedDemo({ db, deps, demoApiKey: process.env.CORRIDOR_DEMO_KEY })
 */
export async function seedDemo(options: { db: Database; deps: AppDeps; demoApiKey?: string | undefined }): Promise<SeedResult> {
  const { db, deps } = options
  const base = new Date('2026-01-01T00:00:00Z').getTime()
  await db
    .insert(corridors)
    .values(
      DEMO_CORRIDORS.map((seed, index) => {
        const [sourceCountry, destinationCountry] = seed.route.split('-') as [string, string]
        const [sourceCurrency, targetCurrency] = seed.currencies.split('-') as [string, string]
        return {
          id: corridorId(seed),
          sourceCountry,
          destinationCountry,
          sourceCurrency,
          targetCurrency,
          markupBps: seed.markupBps,
          fixedFeeMinor: seed.fixedFeeMinor,
          percentFeeBps: seed.percentFeeBps,
          // Distinct, fixed creation times keep the list order stable across reseeds.
          createdAt: new Date(base + index * 1000),
        }
      }),
    )
    .onConflictDoNothing()

  const [existing] = await db.select({ id: merchants.id }).from(merchants).where(eq(merchants.id, DEMO_MERCHANT_ID))
  let apiKey: string | undefined
  if (!existing) {
    apiKey = options.demoApiKey ?? generateApiKey()
    await deps.merchants.createMerchant({ id: DEMO_MERCHANT_ID, name: 'Demo Merchant', apiKey })
  } else if (options.demoApiKey) {
    await deps.merchants.ensureApiKey(DEMO_MERCHANT_ID, options.demoApiKey)
  }

  // Prefunded balances, as bank deposits with fixed references (a rerun credits nothing twice).
  for (const [currency, amountMinor] of DEMO_BALANCES) {
    const deposited = await deps.ledger.deposit(DEMO_MERCHANT_ID, currency, amountMinor, `seed-demo-${currency.toLowerCase()}`)
    if ('error' in deposited) throw new Error(`seeding the demo ${currency} balance failed: ${deposited.error}`)
  }

  // A first snapshot only when there is none at all; keeping rates fresh is the refresh job's work.
  if ((await deps.rates.getMidRate('USD', 'EUR')) instanceof RatesUnavailableError) {
    await deps.rates.store(await createStaticRateProvider(DEMO_RATES).fetchRates())
  }

  return { merchantId: DEMO_MERCHANT_ID, createdMerchant: !existing, ...(apiKey ? { apiKey } : {}) }
}
