/**
 * SWIFT cross-border credit transfers, the foreign fallback for any currency and country. The
 * request body is an ISO 20022 pacs.008.001.08 (CBPR+) message; answers and notifications are
 * gpi-tracker-like JSON (`transaction_status` ACSP in progress, ACCC credited, RJCT rejected,
 * RETN returned). The channel reference is the UETR, derived from the idempotency key so a
 * timed-out submission can be looked up by it.
 *
 * Signing: `X-Swift-Signature: <base64 HMAC-SHA256>` over
 * `<X-Swift-Timestamp>\n<METHOD>\n<path>\n<hex SHA-256 of body>`; callbacks sign
 * `<X-Swift-Timestamp>\n<hex SHA-256 of body>`.
 *
 * No bulk API (`bulk` is left unset): CBPR+ restricts pacs.008 to one transaction per message
 * (no multi-transaction batches on the SWIFT network), so every payout is a request of its own,
 * and notifications arrive one per event.
 */
import { acceptedFrom, callbackFrom, reason } from '../callback.js'
import type { ChannelErrorTable } from '../error-codes.js'
import { ChannelInstructionError, idempotencyKeyFor, requireAccount, requireAmount } from '../instruction.js'
import { buildPacs008, Pacs008Error } from '../iso20022/pacs008.js'
import { base64ToBytes, hmacSha256Base64, sha256Hex, uuidV4FromSeed, verifyHmacSha256 } from '../signing.js'
import type { ChannelAdapterOptions, ChannelCapabilities, ChannelStatus, PayoutChannel, SubmitOutcome } from '../types.js'
import { ambiguous, declineForHttpStatus, declineFrom, headerValue, parseJsonObject, parseTimestamp, stringAt, unixSeconds } from '../wire.js'

const BASE_PATH = '/swift/v1/payments'

/** Paths and signing strings of the SWIFT gateway API (shared with the sandbox). */
export const swiftWire = {
  submitPath: BASE_PATH,
  statusPath: (uetr: string) => `${BASE_PATH}/${encodeURIComponent(uetr)}/status`,
  uetrFor: (idempotencyKey: string) => uuidV4FromSeed(idempotencyKey),
  requestSigningString: async (timestamp: string, method: string, path: string, body: string) =>
    `${timestamp}\n${method}\n${path}\n${await sha256Hex(body)}`,
  callbackSigningString: async (timestamp: string, body: string) => `${timestamp}\n${await sha256Hex(body)}`,
} as const

const capabilities: ChannelCapabilities = {
  countries: '*',
  currencies: '*',
  minAmount: { '*': '1' },
  maxAmount: { '*': '999999999' },
  cutoff: null,
  fee: { fixed: '25.00', currency: 'USD', percentBps: 10 },
  speed: 'multi_day',
  estimatedSeconds: 2 * 86_400,
  scope: 'foreign',
  accountTypes: ['swift', 'iban'],
}

const errorCodes: ChannelErrorTable = {
  AC01: { retryable: false, unifiedCode: 'account_invalid' },
  AC04: { retryable: false, unifiedCode: 'account_closed' },
  AC06: { retryable: false, unifiedCode: 'account_blocked' },
  AG01: { retryable: false, unifiedCode: 'account_blocked' },
  AM04: { retryable: true, unifiedCode: 'insufficient_channel_funds' },
  BE01: { retryable: false, unifiedCode: 'beneficiary_name_mismatch' },
  RC01: { retryable: false, unifiedCode: 'account_invalid' },
  RR04: { retryable: false, unifiedCode: 'regulatory_rejection' },
  FF01: { retryable: false, unifiedCode: 'request_invalid' },
  AM05: { retryable: false, unifiedCode: 'duplicate_request' },
  NARR: { retryable: false, unifiedCode: 'channel_declined' },
}

function statusOf(body: unknown): ChannelStatus | undefined {
  const uetr = stringAt(body, 'uetr')
  const status = stringAt(body, 'transaction_status')
  if (uetr === undefined || status === undefined) return undefined
  const extra = reason(stringAt(body, 'transaction_status_reason'), stringAt(body, 'reason_description'))
  if (status === 'ACSP') return { kind: 'processing', channelReference: uetr }
  if (status === 'ACCC') return { kind: 'paid_out', channelReference: uetr }
  if (status === 'RJCT') return { kind: 'failed', channelReference: uetr, ...extra }
  if (status === 'RETN') return { kind: 'returned', channelReference: uetr, ...extra }
  return undefined
}

/** `value` if it is FIN-X within `maxLength`, else a FIN-X prefix plus a hash for uniqueness. */
async function finxIdentifier(value: string, maxLength: number): Promise<string> {
  if (value.length <= maxLength && /^[0-9a-zA-Z/\-?:().,'+]+$/.test(value)) return value
  const hash = (await sha256Hex(value)).slice(0, 8)
  const prefix = value.replace(/[^0-9a-zA-Z\-:.]/g, '-').slice(0, maxLength - hash.length - 1)
  return `${prefix}-${hash}`
}

export interface SwiftChannelOptions extends ChannelAdapterOptions {
  /** Our bank (instructing and debtor agent). */
  instructingAgentBic?: string
  /** The correspondent we send the message to. */
  instructedAgentBic?: string
  chargeBearer?: 'DEBT' | 'CRED' | 'SHAR'
}

/**
 * Creates the SWIFT adapter.
 *
 * @example
 * const swift = createSwiftChannel({ instructingAgentBic: 'CRDRGB2LXXX', instructedAgentBic: 'CHASUS33XXX' })
 */
export function createSwiftChannel(options: SwiftChannelOptions = {}): PayoutChannel {
  const now = options.now ?? (() => new Date())
  const instructingAgentBic = options.instructingAgentBic ?? 'CRDRGB2LXXX'
  const instructedAgentBic = options.instructedAgentBic ?? 'SNDBGB2LXXX'

  async function signedHeaders(method: string, path: string, body: string, apiKey: string, secret: string) {
    const timestamp = unixSeconds(now())
    const signature = await hmacSha256Base64(secret, await swiftWire.requestSigningString(timestamp, method, path, body))
    return { Authorization: `Bearer ${apiKey}`, 'X-Swift-Timestamp': timestamp, 'X-Swift-Signature': signature }
  }

  async function pacs008For(instruction: Parameters<PayoutChannel['buildSubmitRequest']>[0]): Promise<string> {
    const account = requireAccount('swift', instruction, ['swift', 'iban'])
    const amount = requireAmount('swift', instruction, capabilities.currencies)
    const creditorAgentBic = account.bic
    if (creditorAgentBic === undefined) {
      throw new ChannelInstructionError('swift', 'creditor_agent_bic', 'an IBAN payout over SWIFT needs the BIC')
    }
    const key = idempotencyKeyFor(instruction)
    const createdAt = now()
    try {
      return buildPacs008({
        messageId: await finxIdentifier(key, 35),
        createdAt,
        instructionId: (await sha256Hex(`instr:${key}`)).slice(0, 16).toUpperCase(),
        endToEndId: await finxIdentifier(instruction.paymentId, 35),
        uetr: await swiftWire.uetrFor(key),
        amount,
        currency: instruction.currency,
        settlementDate: createdAt.toISOString().slice(0, 10),
        chargeBearer: options.chargeBearer ?? 'SHAR',
        instructingAgentBic,
        instructedAgentBic,
        debtor: instruction.debtor,
        debtorAgentBic: instructingAgentBic,
        creditorAgentBic,
        creditor: instruction.creditor,
        creditorAccount: account.type === 'iban' ? { iban: account.iban } : { accountNumber: account.account_number },
        remittanceInformation: instruction.reference,
        ...(instruction.purposeCode !== undefined && { purposeCode: instruction.purposeCode }),
      })
    } catch (error) {
      if (error instanceof Pacs008Error) throw new ChannelInstructionError('swift', error.field, error.message)
      throw error
    }
  }

  return {
    id: 'swift',
    displayName: 'SWIFT (cross-border)',
    capabilities,
    errorCodes,
    callbackAcknowledgement: { status: 202, contentType: 'text/plain', body: '' },

    async buildSubmitRequest(instruction, credentials) {
      const body = await pacs008For(instruction)
      const path = swiftWire.submitPath
      return {
        method: 'POST',
        path,
        headers: {
          'Content-Type': 'application/xml; charset=utf-8',
          'Idempotency-Key': idempotencyKeyFor(instruction),
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
      if (stringAt(body, 'transaction_status') === 'RJCT') {
        const code = stringAt(body, 'transaction_status_reason') ?? 'NARR'
        return declineFrom(errorCodes, code, stringAt(body, 'reason_description') ?? 'rejected')
      }
      const accepted = response.status >= 200 && response.status < 300 ? acceptedFrom(statusOf(body)) : undefined
      return accepted ?? ambiguous(response, 'unrecognised response')
    },

    async buildStatusRequest(query, credentials) {
      const uetr = query.channelReference ?? (await swiftWire.uetrFor(idempotencyKeyFor(query)))
      const path = swiftWire.statusPath(uetr)
      return { method: 'GET', path, headers: await signedHeaders('GET', path, '', credentials.apiKey, credentials.signingSecret) }
    },

    parseStatusResponse(response): ChannelStatus {
      const body = parseJsonObject(response.body)
      if (response.status === 404 && stringAt(body, 'error', 'code') === 'payment_not_found') return { kind: 'not_found' }
      const status = response.status === 200 ? statusOf(body) : undefined
      return status ?? { kind: 'unavailable', reason: `HTTP ${response.status}: unrecognised status response` }
    },

    async parseCallback(request, credentials) {
      const timestamp = headerValue(request.headers, 'x-swift-timestamp')
      const signature = base64ToBytes(headerValue(request.headers, 'x-swift-signature') ?? '')
      const signed = await swiftWire.callbackSigningString(timestamp ?? '', request.body)
      if (timestamp === undefined || !(await verifyHmacSha256(credentials.signingSecret, signed, signature))) {
        return { error: 'invalid_signature' }
      }
      const body = parseJsonObject(request.body)
      return callbackFrom({
        status: statusOf(body),
        idempotencyKey: stringAt(body, 'idempotency_key'),
        eventId: stringAt(body, 'event_id'),
        occurredAt: parseTimestamp(stringAt(body, 'event_time')),
      })
    },
  }
}
