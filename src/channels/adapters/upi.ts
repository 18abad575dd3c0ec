/**
 * India UPI payouts through a payment-service-provider API (camelCase, always-200 envelope
 * `{ success, code, message, data }`). Transaction statuses: PENDING and DEEMED (approved but
 * not yet confirmed by the beneficiary bank) are in flight, SUCCESS, FAILED, REVERSED (credit
 * reversed after success). Decline codes follow NPCI response codes (ZH invalid VPA, …).
 *
 * Signing: `x-signature: <base64 HMAC-SHA256>` over `<client id>|<x-timestamp>|<METHOD>|<path>|<body>`,
 * with `x-client-id` (the API key) and `x-timestamp` (unix milliseconds). Callbacks sign
 * `<x-timestamp>|<body>`.
 *
 * Bulk (a batch payout, as Indian payout providers offer it): `POST /upi/v1/payouts/batch` with
 * `{"batchId","payouts":[<single submission body>…]}`, signed once like a single request; each
 * payout's `merchantRequestId` is what the provider deduplicates on, as in the single path.
 * Answered 200 `{success, code, message, data: {"payouts":[…]}}` in request order, each the
 * single answer's envelope (`code` INTERNAL_ERROR = the item was not processed, outcome
 * unknown). Batched callbacks: `{"eventType":"PAYOUT_STATUS_BATCH","events":[<single callback
 * body>…]}` under one `x-signature`.
 */
import { bulkIdFor, outcomesOfItems, requireBulkSize, sameForAll, wholeRequestOutcomes } from '../bulk.js'
import { acceptedFrom, callbackBatchFrom, callbackFrom } from '../callback.js'
import type { ChannelErrorTable } from '../error-codes.js'
import { idempotencyKeyFor, requireAccount, requireAmount, truncate } from '../instruction.js'
import { base64ToBytes, hmacSha256Base64, verifyHmacSha256 } from '../signing.js'
import type {
  CallbackParseResult,
  ChannelAdapterOptions,
  ChannelCapabilities,
  ChannelHttpResponse,
  ChannelStatus,
  PayoutChannel,
  PayoutInstruction,
  SubmitOutcome,
} from '../types.js'
import { ambiguous, declineForHttpStatus, declineFrom, headerValue, parseJsonObject, parseTimestamp, stringAt, valueAt } from '../wire.js'

const BASE_PATH = '/upi/v1/payouts'

/** Paths and signing strings of the UPI payout API (shared with the sandbox). */
export const upiWire = {
  submitPath: BASE_PATH,
  bulkSubmitPath: `${BASE_PATH}/batch`,
  /** Most payouts one batch may carry. */
  bulkMaxItems: 100,
  /** The `code` of a batch item the provider failed to process (its outcome is unknown). */
  internalErrorCode: 'INTERNAL_ERROR',
  /** The `eventType` of a callback that carries several events. */
  batchEventType: 'PAYOUT_STATUS_BATCH',
  statusByTxnIdPath: (txnId: string) => `${BASE_PATH}/status?txnId=${encodeURIComponent(txnId)}`,
  statusByRequestIdPath: (requestId: string) => `${BASE_PATH}/status?merchantRequestId=${encodeURIComponent(requestId)}`,
  requestSigningString: (clientId: string, timestamp: string, method: string, path: string, body: string) =>
    [clientId, timestamp, method, path, body].join('|'),
  callbackSigningString: (timestamp: string, body: string) => `${timestamp}|${body}`,
} as const

const capabilities: ChannelCapabilities = {
  countries: ['IN'],
  currencies: ['INR'],
  minAmount: { INR: '1.00' },
  maxAmount: { INR: '500000.00' },
  cutoff: null,
  fee: { fixed: '2.00', currency: 'INR', percentBps: 0 },
  speed: 'instant',
  estimatedSeconds: 30,
  scope: 'domestic',
  accountTypes: ['upi'],
}

const errorCodes: ChannelErrorTable = {
  ZH: { retryable: false, unifiedCode: 'account_invalid' },
  YE: { retryable: false, unifiedCode: 'account_blocked' },
  Z9: { retryable: true, unifiedCode: 'insufficient_channel_funds' },
  U16: { retryable: false, unifiedCode: 'amount_limit_exceeded' },
  U28: { retryable: true, unifiedCode: 'channel_unavailable' },
  XY: { retryable: true, unifiedCode: 'channel_unavailable' },
  INVALID_REQUEST: { retryable: false, unifiedCode: 'request_invalid' },
  DUPLICATE_REQUEST: { retryable: false, unifiedCode: 'duplicate_request' },
}

function statusOf(data: unknown): ChannelStatus | undefined {
  const txnId = stringAt(data, 'txnId')
  const status = stringAt(data, 'status')
  if (txnId === undefined || status === undefined) return undefined
  const code = stringAt(data, 'responseCode')
  const extra = code !== undefined && code !== '00' ? { code } : {}
  switch (status) {
    case 'PENDING':
    case 'DEEMED':
      return { kind: 'processing', channelReference: txnId }
    case 'SUCCESS':
      return { kind: 'paid_out', channelReference: txnId }
    case 'FAILED':
      return { kind: 'failed', channelReference: txnId, ...extra }
    case 'REVERSED':
      return { kind: 'returned', channelReference: txnId, ...extra }
    default:
      return undefined
  }
}

/**
 * One answer envelope (a whole single response body, or one batch item) under `response`'s
 * status: a `success: false` with a code declines, unless the transaction says otherwise.
 */
function outcomeOfEnvelope(response: ChannelHttpResponse, body: unknown): SubmitOutcome {
  const success = valueAt(body, 'success')
  const status = statusOf(valueAt(body, 'data'))
  const code = stringAt(body, 'code')
  if (success === false && code !== undefined && (status === undefined || status.kind === 'failed')) {
    return declineFrom(errorCodes, code, stringAt(body, 'message') ?? 'declined')
  }
  const accepted = response.status === 200 && success === true ? acceptedFrom(status) : undefined
  return accepted ?? ambiguous(response, 'unrecognised response')
}

/** One item of a batch answer: an item the provider failed to process may or may not be paid. */
function outcomeOfBatchItem(response: ChannelHttpResponse, item: unknown): SubmitOutcome {
  const code = stringAt(item, 'code')
  if (code === upiWire.internalErrorCode) return ambiguous(response, `item error ${code}`)
  return outcomeOfEnvelope(response, item)
}

/** One event of a callback (the whole body of a single one, or one entry of a batch's `events`). */
function callbackOf(event: unknown): CallbackParseResult {
  const data = valueAt(event, 'data')
  return callbackFrom({
    status: statusOf(data),
    idempotencyKey: stringAt(data, 'merchantRequestId'),
    eventId: stringAt(event, 'eventId'),
    occurredAt: parseTimestamp(stringAt(event, 'eventTime')),
  })
}

/**
 * Creates the UPI adapter.
 *
 * @example
 * const upi = createUpiChannel()
 */
export function createUpiChannel(options: ChannelAdapterOptions = {}): PayoutChannel {
  const now = options.now ?? (() => new Date())

  async function signedHeaders(method: string, path: string, body: string, clientId: string, secret: string) {
    const timestamp = String(now().getTime())
    const signature = await hmacSha256Base64(secret, upiWire.requestSigningString(clientId, timestamp, method, path, body))
    return { 'x-client-id': clientId, 'x-timestamp': timestamp, 'x-signature': signature }
  }

  /** The body of one payout: the single request's body, and one entry of a batch's `payouts`. */
  function payoutRequest(instruction: PayoutInstruction): Record<string, unknown> {
    const account = requireAccount('upi', instruction, ['upi'])
    const amount = requireAmount('upi', instruction, capabilities.currencies)
    return {
      merchantRequestId: idempotencyKeyFor(instruction),
      merchantOrderId: instruction.paymentId,
      payeeVpa: account.vpa,
      payeeName: truncate(instruction.creditor.name, 99),
      amount,
      currency: instruction.currency,
      // UPI remarks are short and shown in the beneficiary's app.
      remarks: truncate(instruction.reference.replace(/[^0-9A-Za-z]+/g, ' ').trim() || 'Payout', 50),
      ...(instruction.purposeCode !== undefined && { purposeCode: instruction.purposeCode }),
    }
  }

  return {
    id: 'upi',
    displayName: 'UPI (India)',
    capabilities,
    errorCodes,
    callbackAcknowledgement: { status: 200, contentType: 'application/json', body: '{"success":true}' },

    async buildSubmitRequest(instruction, credentials) {
      const body = JSON.stringify(payoutRequest(instruction))
      const path = upiWire.submitPath
      return {
        method: 'POST',
        path,
        headers: {
          'content-type': 'application/json',
          ...(await signedHeaders('POST', path, body, credentials.apiKey, credentials.signingSecret)),
        },
        body,
      }
    },

    parseSubmitResponse(response): SubmitOutcome {
      const byStatus = declineForHttpStatus(response)
      if (byStatus) return byStatus
      if (response.status >= 500) return ambiguous(response, 'channel server error')
      return outcomeOfEnvelope(response, parseJsonObject(response.body))
    },

    bulk: {
      maxItems: upiWire.bulkMaxItems,

      async buildSubmitRequest(instructions, credentials) {
        requireBulkSize('upi', instructions, upiWire.bulkMaxItems)
        const body = JSON.stringify({ batchId: await bulkIdFor(instructions), payouts: instructions.map(payoutRequest) })
        const path = upiWire.bulkSubmitPath
        return {
          method: 'POST',
          path,
          headers: {
            'content-type': 'application/json',
            ...(await signedHeaders('POST', path, body, credentials.apiKey, credentials.signingSecret)),
          },
          body,
        }
      },

      parseSubmitResponse(response, count) {
        const whole = wholeRequestOutcomes(response, count)
        if (whole) return whole
        const body = parseJsonObject(response.body)
        // Not a successful envelope: an answer about the whole batch (e.g. INVALID_REQUEST).
        if (response.status !== 200 || valueAt(body, 'success') !== true) return sameForAll(outcomeOfBatchItem(response, body), count)
        return outcomesOfItems(response, count, valueAt(body, 'data', 'payouts'), (item) => outcomeOfBatchItem(response, item))
      },
    },

    async buildStatusRequest(query, credentials) {
      const path =
        query.channelReference !== null
          ? upiWire.statusByTxnIdPath(query.channelReference)
          : upiWire.statusByRequestIdPath(idempotencyKeyFor(query))
      return { method: 'GET', path, headers: await signedHeaders('GET', path, '', credentials.apiKey, credentials.signingSecret) }
    },

    parseStatusResponse(response): ChannelStatus {
      const body = parseJsonObject(response.body)
      if (response.status === 404 && stringAt(body, 'code') === 'TXN_NOT_FOUND') return { kind: 'not_found' }
      const status = response.status === 200 ? statusOf(valueAt(body, 'data')) : undefined
      return status ?? { kind: 'unavailable', reason: `HTTP ${response.status}: unrecognised status response` }
    },

    async parseCallback(request, credentials) {
      const timestamp = headerValue(request.headers, 'x-timestamp')
      const signature = base64ToBytes(headerValue(request.headers, 'x-signature') ?? '')
      const signed = upiWire.callbackSigningString(timestamp ?? '', request.body)
      if (timestamp === undefined || !(await verifyHmacSha256(credentials.signingSecret, signed, signature))) {
        return { error: 'invalid_signature' }
      }
      const body = parseJsonObject(request.body)
      if (body !== undefined && Object.hasOwn(body, 'events')) return callbackBatchFrom(body['events'], callbackOf)
      return callbackOf(body)
    },
  }
}
