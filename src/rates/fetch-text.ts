import { RatesUnavailableError } from './rate-provider.js'

/** The `fetch` signature the HTTP providers accept (the global one, or a fake in tests). */
export type FetchFunction = (input: string, init?: RequestInit) => Promise<Response>

/** Default time a provider waits for a rates endpoint before giving up. */
export const DEFAULT_RATES_TIMEOUT_MS = 10_000

/**
 * Resolves the fetch to use. The global is looked up at call time and called unbound: on
 * Cloudflare Workers, calling a `fetch` detached from `globalThis` as a method of another object
 * throws "Illegal invocation".
 */
export function resolveFetch(custom: FetchFunction | undefined): FetchFunction {
  if (custom) return (input, init) => custom(input, init)
  return (input, init) => globalThis.fetch(input, init)
}

/**
 * GETs `url` and returns the body text; any network error, timeout or non-2xx status becomes a
 * `RatesUnavailableError` naming `provider`.
 *
 * @example
 * const xml = await fetchText({ fetch: resolveFetch(undefined), url, provider: 'ecb', timeoutMs: 10_000 })
 */
export async function fetchText(request: {
  fetch: FetchFunction
  url: string
  provider: string
  timeoutMs: number
  headers?: Record<string, string>
}): Promise<string> {
  let response: Response
  try {
    response = await request.fetch(request.url, {
      method: 'GET',
      headers: request.headers ?? {},
      signal: AbortSignal.timeout(request.timeoutMs),
    })
  } catch (error) {
    throw new RatesUnavailableError(`${request.provider}: request to ${request.url} failed`, { cause: error })
  }
  if (!response.ok) {
    // Release the connection; the error body is of no use here.
    await response.body?.cancel().catch(() => undefined)
    throw new RatesUnavailableError(`${request.provider}: ${request.url} answered HTTP ${response.status}`)
  }
  try {
    return await response.text()
  } catch (error) {
    throw new RatesUnavailableError(`${request.provider}: reading the body of ${request.url} failed`, {
      cause: error,
    })
  }
}
