/**
 * US ACH credits through a bank's REST API (snake_case, Stripe-like errors). Transfers go
 * `pending_submission` → `submitted` → `settled`; a settled credit can still come back with a
 * NACHA return code (R01…R29) days later.
 *
 * Signing: `Ach-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>` over
 * `<t>.<METHOD> <path>.<body>`; callbacks sign `<t>.<body>` in the same header.
 *
 * Bulk (a batch of entries): `POST /us_ach/v1/ach_batches` with
 * `{"object":"ach_batch","batch_id","transfers":[<single submission body>…]}`, signed once; each
 * transfer's `idempotency_key` is its own. Answered 200 `{"object":"ach_batch","data":[…]}` in
 * request order, each the transfer resource or `{"error":{type,code,message}}`. Batched
 * callbacks are `{"object":"list","data":[<single event>…]}` under one `Ach-Signature`.
 */
import { bulkIdFor, outcomesOfItems, requireBulkSize, sameForAll, wholeRequestOutcomes } from '../bulk.js'
import { acceptedFrom, callbackBatchFrom, callbackFrom, reason, signatureParts, verifyAnySignature } from '../callback.js'
import type { ChannelErrorTable } from '../error-codes.js'
import { idempotencyKeyFor, requireAccount, requireAmount, truncate } from '../instruction.js'
import { hexToBytes, hmacSha256Hex } from '../signing.js'
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
import {
  ambiguous,
  declineForHttpStatus,
  declineFrom,
  headerValue,
  isObject,
  parseJsonObject,
  parseTimestamp,
  stringAt,
  unixSeconds,
  valueAt,
} from '../wire.js'

const BASE_PATH = '/us_ach/v1/ach_transfers'

/** Paths and signing strings of the ACH API (shared with the sandbox). */
export const usAchWire = {
  submitPath: BASE_PATH,
  bulkSubmitPath: '/us_ach/v1/ach_batches',
  /** Most entries one batch may carry. */
  bulkMaxItems: 500,
  transferPath: (id: string) => `${BASE_PATH}/${encodeURIComponent(id)}`,
  byIdempotencyKeyPath: (key: string) => `${BASE_PATH}?idempotency_key=${encodeURIComponent(key)}`,
  requestSigningString: (timestamp: string, method: string, path: string, body: string) =>
    `${timestamp}.${method} ${path}.${body}`,
  callbackSigningString: (timestamp: string, body: string) => `${timestamp}.${body}`,
  signatureHeader: 'ach-signature',
} as const

const capabilities: ChannelCapabilities = {
  countries: ['US'],
  currencies: ['USD'],
  minAmount: { USD: '0.01' },
  // The NACHA entry amount field has ten digits.
  maxAmount: { USD: '99999999.99' },
  cutoff: { time: '16:45', timeZone: 'America/New_York' },
  fee: { fixed: '0.25', currency: 'USD', percentBps: 0 },
  speed: 'next_day',
  estimatedSeconds: 86_400,
  scope: 'domestic',
  accountTypes: ['us_ach'],
}

const errorCodes: ChannelErrorTable = {
  invalid_routing_number: { retryable: false, unifiedCode: 'account_invalid' },
  invalid_account_number: { retryable: false, unifiedCode: 'account_invalid' },
  invalid_request: { retryable: false, unifiedCode: 'request_invalid' },
  insufficient_balance: { retryable: true, unifiedCode: 'insufficient_channel_funds' },
  limit_exceeded: { retryable: true, unifiedCode: 'amount_limit_exceeded' },
  receiver_blocked: { retryable: false, unifiedCode: 'regulatory_rejection' },
  submission_window_closed: { retryable: true, unifiedCode: 'cutoff_passed' },
  idempotency_key_reused: { retryable: false, unifiedCode: 'duplicate_request' },
  R01: { retryable: false, unifiedCode: 'returned' },
  R02: { retryable: false, unifiedCode: 'account_closed' },
  R03: { retryable: false, unifiedCode: 'account_invalid' },
  R04: { retryable: false, unifiedCode: 'account_invalid' },
  R16: { retryable: false, unifiedCode: 'account_blocked' },
  R17: { retryable: false, unifiedCode: 'beneficiary_name_mismatch' },
  R23: { retryable: false, unifiedCode: 'returned' },
  R29: { retryable: false, unifiedCode: 'returned' },
}

function statusOf(transfer: unknown): ChannelStatus | undefined {
  const id = stringAt(transfer, 'id')
  const status = stringAt(transfer, 'status')
  if (id === undefined || status === undefined) return undefined
  switch (status) {
    case 'pending_submission':
    case 'submitted':
      return { kind: 'processing', channelReference: id }
    case 'settled':
      return { kind: 'paid_out', channelReference: id }
    case 'returned':
      return {
        kind: 'returned',
        channelReference: id,
        ...reason(stringAt(transfer, 'return', 'reason_code'), stringAt(transfer, 'return', 'description')),
      }
    case 'rejected':
    case 'canceled':
      return {
        kind: 'failed',
        channelReference: id,
        ...reason(stringAt(transfer, 'rejection', 'reason_code'), stringAt(transfer, 'rejection', 'description')),
      }
    default:
      return undefined
  }
}

/** One transfer's answer (a whole single response body, or one batch item) under `response`'s status. */
function outcomeOfTransfer(response: ChannelHttpResponse, body: unknown): SubmitOutcome {
  const errorCode = stringAt(body, 'error', 'code')
  if (response.status >= 400 && errorCode !== undefined) {
    return declineFrom(errorCodes, errorCode, stringAt(body, 'error', 'message') ?? 'declined')
  }
  const status = statusOf(body)
  if (status?.kind === 'failed' && response.status < 300) {
    return declineFrom(errorCodes, status.code ?? 'rejected', status.message ?? 'rejected')
  }
  const accepted = response.status >= 200 && response.status < 300 ? acceptedFrom(status) : undefined
  return accepted ?? ambiguous(response, 'unrecognised response')
}

/** One item of a batch answer: a transfer, a decline, or an item-level server error. */
function outcomeOfBatchItem(response: ChannelHttpResponse, item: unknown): SubmitOutcome {
  const errorCode = stringAt(item, 'error', 'code')
  if (errorCode === undefined) return outcomeOfTransfer(response, item)
  if (stringAt(item, 'error', 'type') === 'api_error') return ambiguous(response, `item error ${errorCode}`)
  return declineFrom(errorCodes, errorCode, stringAt(item, 'error', 'message') ?? 'declined')
}

/** One event of a callback (the whole body of a single one, or one entry of a batch's `data`). */
function callbackOf(event: unknown): CallbackParseResult {
  const transfer = valueAt(event, 'data')
  return callbackFrom({
    status: statusOf(transfer),
    idempotencyKey: stringAt(transfer, 'idempotency_key'),
    eventId: stringAt(event, 'id'),
    occurredAt: parseTimestamp(stringAt(event, 'created_at')),
  })
}

/**
 * Creates the ACH adapter. Amounts travel as decimal strings in dollars.
 *
 * @example
 * const ach = createUsAchChannel({ companyEntryDescription: 'PAYOUT' })
 */
export function createUsAchChannel(
  options: ChannelAdapterOptions & { companyEntryDescription?: string } = {},
): PayoutChannel {
  const now = options.now ?? (() => new Date())
  const entryDescription = truncate(options.companyEntryDescription ?? 'PAYOUT', 10)

  async function signature(method: string, path: string, body: string, secret: string): Promise<string> {
    const timestamp = unixSeconds(now())
    const hex = await hmacSha256Hex(secret, usAchWire.requestSigningString(timestamp, method, path, body))
    return `t=${timestamp},v1=${hex}`
  }

  /** The submission body of one credit: the single request's body, and one batch entry. */
  function transferRequest(instruction: PayoutInstruction): Record<string, unknown> {
    const account = requireAccount('us_ach', instruction, ['us_ach'])
    const amount = requireAmount('us_ach', instruction, capabilities.currencies)
    return {
      amount,
      currency: instruction.currency,
      direction: 'credit',
      standard_entry_class_code: 'PPD',
      company_entry_description: entryDescription,
      originator_name: truncate(instruction.debtor.name, 16),
      receiver: {
        name: truncate(instruction.creditor.name, 22),
        routing_number: account.routing_number,
        account_number: account.account_number,
        account_type: account.account_type ?? 'checking',
      },
      addenda: truncate(instruction.reference, 80),
      external_id: instruction.paymentId,
      idempotency_key: idempotencyKeyFor(instruction),
    }
  }

  return {
    id: 'us_ach',
    displayName: 'US ACH',
    capabilities,
    errorCodes,
    callbackAcknowledgement: { status: 200, contentType: 'application/json', body: '{"received":true}' },

    async buildSubmitRequest(instruction, credentials) {
      const key = idempotencyKeyFor(instruction)
      const body = JSON.stringify(transferRequest(instruction))
      const path = usAchWire.submitPath
      return {
        method: 'POST',
        path,
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${credentials.apiKey}`,
          'Idempotency-Key': key,
          'Ach-Signature': await signature('POST', path, body, credentials.signingSecret),
        },
        body,
      }
    },

    parseSubmitResponse(response): SubmitOutcome {
      const byStatus = declineForHttpStatus(response)
      if (byStatus) return byStatus
      if (response.status >= 500) return ambiguous(response, 'channel server error')
      return outcomeOfTransfer(response, parseJsonObject(response.body))
    },

    bulk: {
      maxItems: usAchWire.bulkMaxItems,

      async buildSubmitRequest(instructions, credentials) {
        requireBulkSize('us_ach', instructions, usAchWire.bulkMaxItems)
        const body = JSON.stringify({
          object: 'ach_batch',
          batch_id: await bulkIdFor(instructions),
          transfers: instructions.map(transferRequest),
        })
        const path = usAchWire.bulkSubmitPath
        return {
          method: 'POST',
          path,
          headers: {
            'Content-Type': 'application/json',
            Authorization: `Bearer ${credentials.apiKey}`,
            'Ach-Signature': await signature('POST', path, body, credentials.signingSecret),
          },
          body,
        }
      },

      parseSubmitResponse(response, count) {
        const whole = wholeRequestOutcomes(response, count)
        if (whole) return whole
        const body = parseJsonObject(response.body)
        // Not a 2xx: an answer about the whole batch (e.g. invalid_request).
        if (response.status >= 300) return sameForAll(outcomeOfTransfer(response, body), count)
        return outcomesOfItems(response, count, valueAt(body, 'data'), (item) => outcomeOfBatchItem(response, item))
      },
    },

    async buildStatusRequest(query, credentials) {
      const path =
        query.channelReference !== null
          ? usAchWire.transferPath(query.channelReference)
          : usAchWire.byIdempotencyKeyPath(idempotencyKeyFor(query))
      return {
        method: 'GET',
        path,
        headers: {
          Authorization: `Bearer ${credentials.apiKey}`,
          'Ach-Signature': await signature('GET', path, '', credentials.signingSecret),
        },
      }
    },

    parseStatusResponse(response): ChannelStatus {
      const body = parseJsonObject(response.body)
      if (response.status === 404 && stringAt(body, 'error', 'code') === 'resource_not_found') return { kind: 'not_found' }
      if (response.status === 200 && stringAt(body, 'object') === 'list') {
        const data = valueAt(body, 'data')
        if (Array.isArray(data) && data.length === 0) return { kind: 'not_found' }
        if (Array.isArray(data) && data.length === 1 && isObject(data[0])) {
          return statusOf(data[0]) ?? { kind: 'unavailable', reason: 'unrecognised transfer in list' }
        }
      }
      const status = response.status === 200 ? statusOf(body) : undefined
      return status ?? { kind: 'unavailable', reason: `HTTP ${response.status}: unrecognised status response` }
    },

    async parseCallback(request, credentials) {
      const parts = signatureParts(headerValue(request.headers, usAchWire.signatureHeader))
      const timestamp = parts['t']?.[0]
      const signed = usAchWire.callbackSigningString(timestamp ?? '', request.body)
      const signatures = (parts['v1'] ?? []).map(hexToBytes)
      if (timestamp === undefined || !(await verifyAnySignature(credentials.signingSecret, signed, signatures))) {
        return { error: 'invalid_signature' }
      }
      const body = parseJsonObject(request.body)
      if (stringAt(body, 'object') === 'list') return callbackBatchFrom(valueAt(body, 'data'), callbackOf)
      return callbackOf(body)
    },
  }
}
