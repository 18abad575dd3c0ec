/**
 * India UPI payouts through a payment-service-provider API (camelCase, always-200 envelope
 * `{ success, code, message, data }`). Transaction statuses: PENDING and DEEMED (approved but
 * not yet confirmed by the beneficiary bank) are in flight, SUCCESS, FAILED, REVERSED (credit
 * reversed after success). Decline codes follow NPCI response codes (ZH invalid VPA, …).
 *
 * Signing: `x-signature: <base64 HMAC-SHA256>` over `<client id>|<x-timestamp>|<METHOD>|<path>|<body>`,
 * with `x-client-id` (the API key) and `x-timestamp` (unix milliseconds). Callbacks sign
 * `<x-timestamp>|<body>`.
 */
import { acceptedFrom, callbackFrom } from '../callback.js'
import type { ChannelErrorTable } from '../error-codes.js'
import { idempotencyKeyFor, requireAccount, requireAmount, truncate } from '../instruction.js'
import { base64ToBytes, hmacSha256Base64, verifyHmacSha256 } from '../signing.js'
import type { ChannelAdapterOptions, ChannelCapabilities, ChannelStatus, PayoutChannel, SubmitOutcome } from '../types.js'
import { ambiguous, declineForHttpStatus, declineFrom, headerValue, parseJsonObject, parseTimestamp, stringAt, valueAt } from '../wire.js'

const BASE_PATH = '/upi/v1/payouts'

/** Paths and signing strings of the UPI payout API (shared with the sandbox). */
export const upiWire = {
  submitPath: BASE_PATH,
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

  return {
    id: 'upi',
    displayName: 'UPI (India)',
    capabilities,
    errorCodes,
    callbackAcknowledgement: { status: 200, contentType: 'application/json', body: '{"success":true}' },

    async buildSubmitRequest(instruction, credentials) {
      const account = requireAccount('upi', instruction, ['upi'])
      const amount = requireAmount('upi', instruction, capabilities.currencies)
      const body = JSON.stringify({
        merchantRequestId: idempotencyKeyFor(instruction),
        merchantOrderId: instruction.paymentId,
        payeeVpa: account.vpa,
        payeeName: truncate(instruction.creditor.name, 99),
        amount,
        currency: instruction.currency,
        // UPI remarks are short and shown in the beneficiary's app.
        remarks: truncate(instruction.reference.replace(/[^0-9A-Za-z]+/g, ' ').trim() || 'Payout', 50),
        ...(instruction.purposeCode !== undefined && { purposeCode: instruction.purposeCode }),
      })
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
      const body = parseJsonObject(response.body)
      const success = valueAt(body, 'success')
      const status = statusOf(valueAt(body, 'data'))
      const code = stringAt(body, 'code')
      if (success === false && code !== undefined && (status === undefined || status.kind === 'failed')) {
        return declineFrom(errorCodes, code, stringAt(body, 'message') ?? 'declined')
      }
      const accepted = response.status === 200 && success === true ? acceptedFrom(status) : undefined
      return accepted ?? ambiguous(response, 'unrecognised response')
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
      const data = valueAt(body, 'data')
      return callbackFrom({
        status: statusOf(data),
        idempotencyKey: stringAt(data, 'merchantRequestId'),
        eventId: stringAt(body, 'eventId'),
        occurredAt: parseTimestamp(stringAt(body, 'eventTime')),
      })
    },
  }
}
