import type { JobDefinition } from './job.js'

/**
 * Fetches mid rates from the configured providers (in fallback order) and stores a snapshot.
 * A rerun that fetches the same published rates stores nothing new.
 */
export const refreshRatesJob = (schedule: string): JobDefinition => ({
  name: 'refresh-rates',
  schedule,
  leaseSeconds: 120,
  async run({ rates, logger }) {
    const result = await rates.refresh()
    for (const failure of result.failures) logger.error(`refresh-rates: provider skipped: ${failure}`)
    return { ...result, asOf: result.asOf.toISOString() }
  },
})
