import {
  findSnapshotProblem,
  RatesUnavailableError,
  type RateProvider,
  type RateSnapshot,
} from './rate-provider.js'

/** A provider that was skipped, and why (its error, or a rejection of what it returned). */
export interface ProviderFailure {
  provider: string
  error: unknown
}

/** What {@link fetchFromFirstAvailable} returns: the winning snapshot and who failed before it. */
export interface FirstAvailableResult {
  snapshot: RateSnapshot
  provider: string
  failures: ProviderFailure[]
}

/**
 * Asks `providers` in order and returns the first valid snapshot that `accept` does not reject
 * (`accept` returns an `Error` to reject, e.g. a `RatesStaleError`). Errors fall through to the
 * next provider; when none succeeds, throws `RatesUnavailableError` whose `cause` is an
 * `AggregateError` of every failure, in order.
 *
 * @example
 * const { snapshot, failures } = await fetchFromFirstAvailable([ecb, backupFeed, staticRates])
 */
export async function fetchFromFirstAvailable(
  providers: readonly RateProvider[],
  accept: (snapshot: RateSnapshot) => Error | undefined = () => undefined,
): Promise<FirstAvailableResult> {
  const failures: ProviderFailure[] = []
  for (const provider of providers) {
    try {
      const snapshot = await provider.fetchRates()
      const problem = findSnapshotProblem(snapshot)
      if (problem !== undefined) throw new RatesUnavailableError(`${provider.name}: invalid snapshot: ${problem}`)
      const rejection = accept(snapshot)
      if (rejection) throw rejection
      return { snapshot, provider: provider.name, failures }
    } catch (error) {
      failures.push({ provider: provider.name, error })
    }
  }
  const summary =
    failures.length === 0
      ? 'no rate provider is configured'
      : failures.map(({ provider, error }) => `${provider}: ${error instanceof Error ? error.message : String(error)}`).join('; ')
  throw new RatesUnavailableError(`no rates available (${summary})`, {
    cause: new AggregateError(
      failures.map((failure) => failure.error),
      'every rate provider failed',
    ),
  })
}

/**
 * A provider that tries `providers` in order and serves the first success (see
 * {@link fetchFromFirstAvailable}); the snapshot keeps the `source` of the provider that answered.
 *
 * @example
 * const rates = createCompositeRateProvider({ providers: [createEcbRateProvider(), createStaticRateProvider(DEMO_RATES)] })
 */
export function createCompositeRateProvider(options: {
  providers: readonly RateProvider[]
  name?: string
  accept?: (snapshot: RateSnapshot) => Error | undefined
}): RateProvider {
  const providers = [...options.providers]
  return {
    name: options.name ?? `composite(${providers.map((provider) => provider.name).join(',')})`,
    async fetchRates(): Promise<RateSnapshot> {
      const { snapshot } = await fetchFromFirstAvailable(providers, options.accept)
      return snapshot
    },
  }
}
