import type { BulkSubmission, ChannelCredentials, ChannelHttpRequest, ChannelHttpResponse, PayoutChannel, SubmitOutcome } from './types.js'

/** What sending a channel request came to. */
export type TransportResult =
  | { kind: 'response'; response: ChannelHttpResponse }
  /** No complete answer within the timeout: the channel may or may not have acted on it. */
  | { kind: 'timeout' }
  /** The connection failed. `sentMaybe: false` only when the request provably never left. */
  | { kind: 'network_error'; sentMaybe: boolean; message: string }

export interface SendChannelRequestOptions {
  timeoutMs: number
  fetch?: typeof fetch
  /** Aborts the request early (e.g. on shutdown); reported as a timeout. */
  signal?: AbortSignal
}

// Errors raised before any byte of the request is written: DNS failures and refused connections.
const NOT_SENT_ERROR_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'])

function errorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current !== undefined && depth < 4; depth++) {
    if (typeof current !== 'object' || current === null) return undefined
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string') return code
    current = (current as { cause?: unknown }).cause
  }
  return undefined
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')
}

/**
 * Sends a request built by an adapter to `credentials.baseUrl` with a hard timeout covering
 * the whole exchange (headers and body). Never throws: every failure is a value, and a failure
 * is only reported as "not sent" when the connection was provably never made.
 *
 * @example
 * const request = await channel.buildSubmitRequest(instruction, credentials)
 * const result = await sendChannelRequest(credentials, request, { timeoutMs: 10_000 })
 * const outcome = submitOutcomeOf(channel, result)
 */
export async function sendChannelRequest(
  credentials: ChannelCredentials,
  request: ChannelHttpRequest,
  options: SendChannelRequestOptions,
): Promise<TransportResult> {
  const fetchImplementation = options.fetch ?? globalThis.fetch
  const timeout = AbortSignal.timeout(options.timeoutMs)
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout
  const url = `${credentials.baseUrl.replace(/\/+$/, '')}${request.path}`
  try {
    const response = await fetchImplementation(url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal,
      redirect: 'manual',
    })
    const body = await response.text()
    const headers: Record<string, string> = {}
    response.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value
    })
    return { kind: 'response', response: { status: response.status, headers, body } }
  } catch (error) {
    if (isAbort(error) || signal.aborted) return { kind: 'timeout' }
    const code = errorCode(error)
    const message = error instanceof Error ? `${error.message}${code ? ` (${code})` : ''}` : String(error)
    return { kind: 'network_error', sentMaybe: code === undefined || !NOT_SENT_ERROR_CODES.has(code), message }
  }
}

/**
 * What a submission came to, from the transport result: timeouts and possibly-sent network
 * failures are ambiguous (query the status), a connection that was never made is a
 * retryable decline.
 */
export function submitOutcomeOf(channel: PayoutChannel, result: TransportResult): SubmitOutcome {
  return result.kind === 'response' ? channel.parseSubmitResponse(result.response) : outcomeWithoutAnswer(result)
}

/** A submission whose answer never came: ambiguous if it may have left, else a retryable decline. */
function outcomeWithoutAnswer(result: Exclude<TransportResult, { kind: 'response' }>): SubmitOutcome {
  if (result.kind === 'timeout') return { kind: 'ambiguous', reason: 'timed out waiting for the channel' }
  return result.sentMaybe
    ? { kind: 'ambiguous', reason: `network error after sending: ${result.message}` }
    : { kind: 'declined', code: 'channel_unreachable', message: result.message, retryable: true }
}

/**
 * What a bulk submission of `count` payouts came to, one outcome per payout in order: a lost
 * answer (timeout, possibly-sent network failure) leaves every item ambiguous, a connection
 * never made declines every item retryably.
 *
 * @example
 * const request = await channel.bulk.buildSubmitRequest(instructions, credentials)
 * const outcomes = bulkSubmitOutcomesOf(channel.bulk, await sendChannelRequest(credentials, request, { timeoutMs: 30_000 }), instructions.length)
 */
export function bulkSubmitOutcomesOf(bulk: BulkSubmission, result: TransportResult, count: number): SubmitOutcome[] {
  if (result.kind === 'response') return bulk.parseSubmitResponse(result.response, count)
  const outcome = outcomeWithoutAnswer(result)
  return Array.from({ length: count }, () => outcome)
}
