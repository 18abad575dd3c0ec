/**
 * SEPA Instant Credit Transfer (SCT Inst) through a sponsor bank's JSON API. Statuses and
 * reason codes are the ISO 20022 ones the scheme uses (pacs.002): ACSP in progress, ACCC
 * credited, RJCT rejected; RTND marks a later return (pacs.004).
 *
 * Signing: `X-Signature: v1=<hex HMAC-SHA256>` over `<timestamp>.<METHOD>.<path>.<body>` with
 * `X-Request-Timestamp: <unix seconds>`; callbacks sign `<timestamp>.<body>` the same way.
 *
 * Bulk: `POST …/bulk` with `{"bulkId", "transfers": [<single submission body>…]}`, signed once;
 * each transfer's `instructionId` is its idempotency key. Answered 200 with `{"transfers": […]}`
 * in request order, each the single answer's resource, its RJCT object or `{"error": …}`.
 * Batched callbacks are `{"events": [<single callback body>…]}` under one signature.
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
  parseJsonObject,
  parseTimestamp,
  stringAt,
  unixSeconds,
  valueAt,
} from '../wire.js'

const BASE_PATH = '/sepa_instant/v1/instant-credit-transfers'

/** Paths and signing strings of the SEPA Instant API (shared with the sandbox). */
export const sepaInstantWire = {
  submitPath: BASE_PATH,
  bulkSubmitPath: `${BASE_PATH}/bulk`,
  /** Most transfers one bulk request may carry. */
  bulkMaxItems: 100,
  transferPath: (transactionId: string) => `${BASE_PATH}/${encodeURIComponent(transactionId)}`,
  byInstructionIdPath: (instructionId: string) => `${BASE_PATH}?instructionId=${encodeURIComponent(instructionId)}`,
  requestSigningString: (timestamp: string, method: string, path: string, body: string) =>
    `${timestamp}.${method}.${path}.${body}`,
  callbackSigningString: (timestamp: string, body: string) => `${timestamp}.${body}`,
  timestampHeader: 'x-request-timestamp',
  signatureHeader: 'x-signature',
} as const

/** SEPA scheme countries (EU/EEA plus CH, GB, MC, SM, VA, AD). */
export const SEPA_COUNTRIES = [
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU',
  'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'IS', 'LI', 'NO', 'CH', 'GB', 'MC', 'SM', 'VA', 'AD',
] as const

const capabilities: ChannelCapabilities = {
  countries: SEPA_COUNTRIES,
  currencies: ['EUR'],
  minAmount: { EUR: '0.01' },
  maxAmount: { EUR: '100000.00' },
  cutoff: null,
  fee: { fixed: '0.20', currency: 'EUR', percentBps: 0 },
  speed: 'instant',
  estimatedSeconds: 10,
  scope: 'domestic',
  accountTypes: ['iban'],
}

const errorCodes: ChannelErrorTable = {
  AC01: { retryable: false, unifiedCode: 'account_invalid' },
  AC04: { retryable: false, unifiedCode: 'account_closed' },
  AC06: { retryable: false, unifiedCode: 'account_blocked' },
  AG01: { retryable: false, unifiedCode: 'account_blocked' },
  AM04: { retryable: true, unifiedCode: 'insufficient_channel_funds' },
  AM23: { retryable: true, unifiedCode: 'amount_limit_exceeded' },
  AB05: { retryable: true, unifiedCode: 'channel_unavailable' },
  AB06: { retryable: true, unifiedCode: 'channel_unavailable' },
  AB08: { retryable: true, unifiedCode: 'channel_unavailable' },
  CNOR: { retryable: true, unifiedCode: 'account_invalid' },
  BE04: { retryable: false, unifiedCode: 'request_invalid' },
  FF01: { retryable: false, unifiedCode: 'request_invalid' },
  DUPL: { retryable: false, unifiedCode: 'duplicate_request' },
  MD07: { retryable: false, unifiedCode: 'account_closed' },
  MS03: { retryable: false, unifiedCode: 'channel_declined' },
  RR04: { retryable: false, unifiedCode: 'regulatory_rejection' },
}

const PROCESSING = new Set(['ACSP', 'ACTC', 'PDNG'])

function statusOf(body: unknown): ChannelStatus | undefined {
  const transactionId = stringAt(body, 'transactionId')
  const status = stringAt(body, 'transactionStatus')
  if (transactionId === undefined || status === undefined) return undefined
  const extra = reason(stringAt(body, 'statusReasonCode'), stringAt(body, 'statusReasonText'))
  if (status === 'ACCC') return { kind: 'paid_out', channelReference: transactionId, ...extra }
  if (PROCESSING.has(status)) return { kind: 'processing', channelReference: transactionId, ...extra }
  if (status === 'RJCT') return { kind: 'failed', channelReference: transactionId, ...extra }
  if (status === 'RTND') return { kind: 'returned', channelReference: transactionId, ...extra }
  return undefined
}

/** The submission body of one transfer: the single request's body, and one bulk item. */
function transferRequest(instruction: PayoutInstruction): Record<string, unknown> {
  const account = requireAccount('sepa_instant', instruction, ['iban'])
  const value = requireAmount('sepa_instant', instruction, capabilities.currencies)
  return {
    instructionId: idempotencyKeyFor(instruction),
    endToEndId: truncate(instruction.paymentId, 35),
    amount: { value, currency: instruction.currency },
    debtor: { name: truncate(instruction.debtor.name, 70), countryCode: instruction.debtor.country },
    creditor: { name: truncate(instruction.creditor.name, 70), countryCode: instruction.creditor.country },
    creditorAccount: { iban: account.iban },
    ...(account.bic !== undefined && { creditorAgent: { bic: account.bic } }),
    remittanceInformationUnstructured: truncate(instruction.reference, 140),
    ...(instruction.purposeCode !== undefined && { purposeCode: instruction.purposeCode }),
  }
}

/** One transfer's answer (a whole single response body, or one bulk item) under `response`'s status. */
function outcomeOfTransfer(response: ChannelHttpResponse, body: unknown): SubmitOutcome {
  if (stringAt(body, 'transactionStatus') === 'RJCT') {
    const code = stringAt(body, 'statusReasonCode') ?? 'MS03'
    return declineFrom(errorCodes, code, stringAt(body, 'statusReasonText') ?? 'rejected')
  }
  const accepted = response.status >= 200 && response.status < 300 ? acceptedFrom(statusOf(body)) : undefined
  return accepted ?? ambiguous(response, 'unrecognised response')
}

/** One event of a callback (the whole body of a single one, or one entry of `events`). */
function callbackOf(event: unknown): CallbackParseResult {
  return callbackFrom({
    status: statusOf(valueAt(event, 'transfer')),
    idempotencyKey: stringAt(event, 'transfer', 'instructionId'),
    eventId: stringAt(event, 'eventId'),
    occurredAt: parseTimestamp(stringAt(event, 'createdAt')),
  })
}

/**
 * Creates the SEPA Instant adapter.
 *
 * @example
 * const sepa = createSepaInstantChannel()
 * const request = await sepa.buildSubmitRequest(instruction, credentials)
 */
export function createSepaInstantChannel(options: ChannelAdapterOptions = {}): PayoutChannel {
  const now = options.now ?? (() => new Date())

  async function signedHeaders(method: string, path: string, body: string, secret: string) {
    const timestamp = unixSeconds(now())
    const signature = await hmacSha256Hex(secret, sepaInstantWire.requestSigningString(timestamp, method, path, body))
    return { 'X-Request-Timestamp': timestamp, 'X-Signature': `v1=${signature}` }
  }

  return {
    id: 'sepa_instant',
    displayName: 'SEPA Instant Credit Transfer',
    capabilities,
    errorCodes,
    callbackAcknowledgement: { status: 204, contentType: 'text/plain', body: '' },

    async buildSubmitRequest(instruction, credentials) {
      const body = JSON.stringify(transferRequest(instruction))
      const path = sepaInstantWire.submitPath
      return {
        method: 'POST',
        path,
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${credentials.apiKey}`,
          'Idempotency-Key': idempotencyKeyFor(instruction),
          ...(await signedHeaders('POST', path, body, credentials.signingSecret)),
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
      maxItems: sepaInstantWire.bulkMaxItems,

      async buildSubmitRequest(instructions, credentials) {
        requireBulkSize('sepa_instant', instructions, sepaInstantWire.bulkMaxItems)
        const body = JSON.stringify({ bulkId: await bulkIdFor(instructions), transfers: instructions.map(transferRequest) })
        const path = sepaInstantWire.bulkSubmitPath
        return {
          method: 'POST',
          path,
          headers: {
            'Content-Type': 'application/json',
            Authorization: `Bearer ${credentials.apiKey}`,
            ...(await signedHeaders('POST', path, body, credentials.signingSecret)),
          },
          body,
        }
      },

      parseSubmitResponse(response, count) {
        const whole = wholeRequestOutcomes(response, count)
        if (whole) return whole
        const body = parseJsonObject(response.body)
        // Not a 2xx: an answer about the whole request (e.g. RJCT FF01 for an unreadable batch).
        if (response.status >= 300) return sameForAll(outcomeOfTransfer(response, body), count)
        return outcomesOfItems(response, count, valueAt(body, 'transfers'), (item) => {
          const error = stringAt(item, 'error')
          return error !== undefined ? ambiguous(response, `item error ${error}`) : outcomeOfTransfer(response, item)
        })
      },
    },

    async buildStatusRequest(query, credentials) {
      const path =
        query.channelReference !== null
          ? sepaInstantWire.transferPath(query.channelReference)
          : sepaInstantWire.byInstructionIdPath(idempotencyKeyFor(query))
      return {
        method: 'GET',
        path,
        headers: {
          Authorization: `Bearer ${credentials.apiKey}`,
          ...(await signedHeaders('GET', path, '', credentials.signingSecret)),
        },
      }
    },

    parseStatusResponse(response): ChannelStatus {
      const body = parseJsonObject(response.body)
      if (response.status === 404 && stringAt(body, 'error') === 'transfer_not_found') return { kind: 'not_found' }
      const status = response.status === 200 ? statusOf(body) : undefined
      return status ?? { kind: 'unavailable', reason: `HTTP ${response.status}: unrecognised status response` }
    },

    async parseCallback(request, credentials): Promise<CallbackParseResult> {
      const timestamp = headerValue(request.headers, sepaInstantWire.timestampHeader)
      const signatures = signatureParts(headerValue(request.headers, sepaInstantWire.signatureHeader))['v1'] ?? []
      const signed = sepaInstantWire.callbackSigningString(timestamp ?? '', request.body)
      if (timestamp === undefined || !(await verifyAnySignature(credentials.signingSecret, signed, signatures.map(hexToBytes)))) {
        return { error: 'invalid_signature' }
      }
      const body = parseJsonObject(request.body)
      if (body !== undefined && Object.hasOwn(body, 'events')) return callbackBatchFrom(body['events'], callbackOf)
      return callbackOf(body)
    },
  }
}
