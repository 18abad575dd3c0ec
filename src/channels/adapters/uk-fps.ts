/**
 * UK Faster Payments through a bank API shaped like the Open Banking payment APIs (PascalCase,
 * `Data.Initiation`, OB error bodies, ISO 20022 status reason codes). `Returned` marks a
 * payment the beneficiary bank sent back.
 *
 * Signing: HTTP message signature with HMAC-SHA256. `Digest: SHA-256=<base64>` of the body,
 * `X-Date`, and `Signature: keyId="<api key>",algorithm="hmac-sha256",headers="…",signature="<base64>"`
 * over the listed components, one `name: value` per line; requests include `(request-target)`,
 * callbacks sign `x-date digest`.
 *
 * Bulk: `POST /uk_fps/v2/bulk-domestic-payments` with
 * `{"Data":{"BulkIdentification","Payments":[<single submission body>…]}}`, signed once over
 * `(request-target) x-date digest` (each payment's `InstructionIdentification` is its
 * idempotency key). Answered 200 `{"Data":{"Payments":[…]}}` in request order, each the single
 * answer body or an OB error body. Batched callbacks: `{"Events":[<single event>…]}`, signed
 * like a single callback.
 */
import { bulkIdFor, outcomesOfItems, requireBulkSize, sameForAll, wholeRequestOutcomes } from '../bulk.js'
import { acceptedFrom, callbackBatchFrom, callbackFrom, reason } from '../callback.js'
import type { ChannelErrorTable } from '../error-codes.js'
import { idempotencyKeyFor, requireAccount, requireAmount, truncate } from '../instruction.js'
import { base64ToBytes, hmacSha256Base64, sha256Base64, verifyHmacSha256 } from '../signing.js'
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

const BASE_PATH = '/uk_fps/v2/domestic-payments'

/** A parsed `Signature` header. */
export interface HttpSignature {
  keyId: string
  algorithm: string
  headers: string[]
  signature: string
}

/** Paths and the HTTP-signature scheme of the Faster Payments API (shared with the sandbox). */
export const ukFpsWire = {
  submitPath: BASE_PATH,
  bulkSubmitPath: '/uk_fps/v2/bulk-domestic-payments',
  /** Most payments one bulk request may carry. */
  bulkMaxItems: 100,
  /** The OB error code of an item the bank failed to process (its outcome is unknown). */
  unexpectedErrorCode: 'UK.OBIE.UnexpectedError',
  paymentPath: (id: string) => `${BASE_PATH}/${encodeURIComponent(id)}`,
  byInstructionPath: (instructionId: string) => `${BASE_PATH}/by-instruction/${encodeURIComponent(instructionId)}`,
  /** The string to sign: one `name: value` line per component, in order. */
  signingString: (components: readonly (readonly [string, string])[]) =>
    components.map(([name, value]) => `${name}: ${value}`).join('\n'),
  digest: async (body: string) => `SHA-256=${await sha256Base64(body)}`,
  parseSignature(header: string | undefined): HttpSignature | undefined {
    const fields: Record<string, string> = {}
    for (const match of (header ?? '').matchAll(/(\w+)="([^"]*)"/g)) {
      if (match[1] !== undefined && match[2] !== undefined) fields[match[1]] = match[2]
    }
    const { keyId, algorithm, headers, signature } = fields
    if (!keyId || !algorithm || !headers || !signature) return undefined
    return { keyId, algorithm, headers: headers.split(' '), signature }
  },
  formatSignature: (keyId: string, names: readonly string[], signature: string) =>
    `keyId="${keyId}",algorithm="hmac-sha256",headers="${names.join(' ')}",signature="${signature}"`,
} as const

const capabilities: ChannelCapabilities = {
  countries: ['GB'],
  currencies: ['GBP'],
  minAmount: { GBP: '0.01' },
  maxAmount: { GBP: '1000000.00' },
  cutoff: null,
  fee: { fixed: '0.10', currency: 'GBP', percentBps: 0 },
  speed: 'instant',
  estimatedSeconds: 60,
  scope: 'domestic',
  accountTypes: ['gb_sort_code'],
}

const errorCodes: ChannelErrorTable = {
  AC01: { retryable: false, unifiedCode: 'account_invalid' },
  AC04: { retryable: false, unifiedCode: 'account_closed' },
  AC06: { retryable: false, unifiedCode: 'account_blocked' },
  AM02: { retryable: true, unifiedCode: 'amount_limit_exceeded' },
  AM04: { retryable: true, unifiedCode: 'insufficient_channel_funds' },
  AB08: { retryable: true, unifiedCode: 'channel_unavailable' },
  BE01: { retryable: false, unifiedCode: 'beneficiary_name_mismatch' },
  RR04: { retryable: false, unifiedCode: 'regulatory_rejection' },
  'UK.OBIE.Field.Invalid': { retryable: false, unifiedCode: 'request_invalid' },
  'UK.OBIE.Field.Missing': { retryable: false, unifiedCode: 'request_invalid' },
  'UK.OBIE.Resource.ConsentMismatch': { retryable: false, unifiedCode: 'duplicate_request' },
}

const PROCESSING = new Set(['Pending', 'AcceptedSettlementInProcess', 'AcceptedWithoutPosting'])
const PAID = new Set(['AcceptedSettlementCompleted', 'AcceptedCreditSettlementCompleted'])

function statusOf(data: unknown): ChannelStatus | undefined {
  const id = stringAt(data, 'DomesticPaymentId')
  const status = stringAt(data, 'Status')
  if (id === undefined || status === undefined) return undefined
  const reasons = valueAt(data, 'StatusReason')
  const first: unknown = Array.isArray(reasons) ? reasons[0] : undefined
  const extra = reason(stringAt(first, 'StatusReasonCode'), stringAt(first, 'StatusReasonDescription'))
  if (PAID.has(status)) return { kind: 'paid_out', channelReference: id, ...extra }
  if (PROCESSING.has(status)) return { kind: 'processing', channelReference: id, ...extra }
  if (status === 'Rejected') return { kind: 'failed', channelReference: id, ...extra }
  if (status === 'Returned') return { kind: 'returned', channelReference: id, ...extra }
  return undefined
}

function firstErrorCode(body: unknown): string | undefined {
  const errors = valueAt(body, 'Errors')
  return Array.isArray(errors) ? stringAt(errors[0], 'ErrorCode') : undefined
}

/** The submission body of one payment: the single request's body, and one bulk item. */
function paymentRequest(instruction: PayoutInstruction): Record<string, unknown> {
  const account = requireAccount('uk_fps', instruction, ['gb_sort_code'])
  const amount = requireAmount('uk_fps', instruction, capabilities.currencies)
  return {
    Data: {
      Initiation: {
        InstructionIdentification: idempotencyKeyFor(instruction),
        EndToEndIdentification: truncate(instruction.paymentId, 35),
        LocalInstrument: 'UK.OBIE.FPS',
        InstructedAmount: { Amount: amount, Currency: instruction.currency },
        CreditorAccount: {
          SchemeName: 'UK.OBIE.SortCodeAccountNumber',
          Identification: `${account.sort_code}${account.account_number}`,
          Name: truncate(instruction.creditor.name, 140),
        },
        RemittanceInformation: {
          // Faster Payments carries an 18-character reference to the beneficiary.
          Reference: truncate(instruction.reference, 18),
          Unstructured: truncate(instruction.reference, 140),
        },
      },
    },
    Risk: { PaymentContextCode: 'TransferToThirdParty' },
  }
}

/** One payment's answer (a whole single response body, or one bulk item) under `response`'s status. */
function outcomeOfPayment(response: ChannelHttpResponse, body: unknown): SubmitOutcome {
  const errorCode = firstErrorCode(body)
  if (response.status >= 400 && errorCode !== undefined) {
    return declineFrom(errorCodes, errorCode, stringAt(body, 'Message') ?? 'request rejected')
  }
  const status = statusOf(valueAt(body, 'Data'))
  if (status?.kind === 'failed' && response.status < 300) {
    return declineFrom(errorCodes, status.code ?? 'Rejected', status.message ?? 'payment rejected')
  }
  const accepted = response.status >= 200 && response.status < 300 ? acceptedFrom(status) : undefined
  return accepted ?? ambiguous(response, 'unrecognised response')
}

/** One item of a bulk answer: an OB error body declines it, unless the bank failed to process it. */
function outcomeOfBulkItem(response: ChannelHttpResponse, item: unknown): SubmitOutcome {
  const errorCode = firstErrorCode(item)
  if (errorCode === undefined) return outcomeOfPayment(response, item)
  if (errorCode === ukFpsWire.unexpectedErrorCode) return ambiguous(response, `item error ${errorCode}`)
  return declineFrom(errorCodes, errorCode, stringAt(item, 'Message') ?? 'request rejected')
}

/** One event of a callback (the whole body of a single one, or one entry of `Events`). */
function callbackOf(event: unknown): CallbackParseResult {
  const data = valueAt(event, 'Data')
  return callbackFrom({
    status: statusOf(data),
    idempotencyKey: stringAt(data, 'Initiation', 'InstructionIdentification'),
    eventId: stringAt(event, 'EventId'),
    occurredAt: parseTimestamp(stringAt(event, 'EventDateTime')),
  })
}

/**
 * Creates the Faster Payments adapter.
 *
 * @example
 * const fps = createUkFpsChannel()
 */
export function createUkFpsChannel(options: ChannelAdapterOptions = {}): PayoutChannel {
  const now = options.now ?? (() => new Date())

  async function signedHeaders(method: string, path: string, body: string, apiKey: string, secret: string, extra: Record<string, string>) {
    const date = now().toUTCString()
    const digest = await ukFpsWire.digest(body)
    const components: [string, string][] = [
      ['(request-target)', `${method.toLowerCase()} ${path}`],
      ['x-date', date],
      ['digest', digest],
      ...Object.entries(extra).map(([name, value]): [string, string] => [name.toLowerCase(), value]),
    ]
    const signature = await hmacSha256Base64(secret, ukFpsWire.signingString(components))
    return {
      ...extra,
      'X-Api-Key': apiKey,
      'X-Date': date,
      Digest: digest,
      Signature: ukFpsWire.formatSignature(apiKey, components.map(([name]) => name), signature),
    }
  }

  return {
    id: 'uk_fps',
    displayName: 'UK Faster Payments',
    capabilities,
    errorCodes,
    callbackAcknowledgement: { status: 204, contentType: 'text/plain', body: '' },

    async buildSubmitRequest(instruction, credentials) {
      const body = JSON.stringify(paymentRequest(instruction))
      const path = ukFpsWire.submitPath
      const extra = { 'X-Idempotency-Key': idempotencyKeyFor(instruction) }
      return {
        method: 'POST',
        path,
        headers: {
          'Content-Type': 'application/json',
          ...(await signedHeaders('POST', path, body, credentials.apiKey, credentials.signingSecret, extra)),
        },
        body,
      }
    },

    parseSubmitResponse(response): SubmitOutcome {
      const byStatus = declineForHttpStatus(response)
      if (byStatus) return byStatus
      if (response.status >= 500) return ambiguous(response, 'channel server error')
      return outcomeOfPayment(response, parseJsonObject(response.body))
    },

    bulk: {
      maxItems: ukFpsWire.bulkMaxItems,

      async buildSubmitRequest(instructions, credentials) {
        requireBulkSize('uk_fps', instructions, ukFpsWire.bulkMaxItems)
        const body = JSON.stringify({ Data: { BulkIdentification: await bulkIdFor(instructions), Payments: instructions.map(paymentRequest) } })
        const path = ukFpsWire.bulkSubmitPath
        return {
          method: 'POST',
          path,
          headers: {
            'Content-Type': 'application/json',
            ...(await signedHeaders('POST', path, body, credentials.apiKey, credentials.signingSecret, {})),
          },
          body,
        }
      },

      parseSubmitResponse(response, count) {
        const whole = wholeRequestOutcomes(response, count)
        if (whole) return whole
        const body = parseJsonObject(response.body)
        // Not a 2xx: an OB error about the whole request.
        if (response.status >= 300) return sameForAll(outcomeOfPayment(response, body), count)
        return outcomesOfItems(response, count, valueAt(body, 'Data', 'Payments'), (item) => outcomeOfBulkItem(response, item))
      },
    },

    async buildStatusRequest(query, credentials) {
      const path =
        query.channelReference !== null
          ? ukFpsWire.paymentPath(query.channelReference)
          : ukFpsWire.byInstructionPath(idempotencyKeyFor(query))
      return {
        method: 'GET',
        path,
        headers: await signedHeaders('GET', path, '', credentials.apiKey, credentials.signingSecret, {}),
      }
    },

    parseStatusResponse(response): ChannelStatus {
      const body = parseJsonObject(response.body)
      if (response.status === 404 && firstErrorCode(body) === 'UK.OBIE.Resource.NotFound') return { kind: 'not_found' }
      const status = response.status === 200 ? statusOf(valueAt(body, 'Data')) : undefined
      return status ?? { kind: 'unavailable', reason: `HTTP ${response.status}: unrecognised status response` }
    },

    async parseCallback(request, credentials) {
      const signature = ukFpsWire.parseSignature(headerValue(request.headers, 'signature'))
      const date = headerValue(request.headers, 'x-date')
      const digest = headerValue(request.headers, 'digest')
      const valid =
        signature !== undefined &&
        signature.algorithm === 'hmac-sha256' &&
        signature.headers.join(' ') === 'x-date digest' &&
        date !== undefined &&
        digest === (await ukFpsWire.digest(request.body)) &&
        (await verifyHmacSha256(
          credentials.signingSecret,
          ukFpsWire.signingString([['x-date', date], ['digest', digest]]),
          base64ToBytes(signature.signature),
        ))
      if (!valid) return { error: 'invalid_signature' }
      const body = parseJsonObject(request.body)
      if (body !== undefined && Object.hasOwn(body, 'Events')) return callbackBatchFrom(body['Events'], callbackOf)
      return callbackOf(body)
    },
  }
}
