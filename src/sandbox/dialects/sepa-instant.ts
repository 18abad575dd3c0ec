import { signatureParts, verifyAnySignature } from '../../channels/callback.js'
import { sepaInstantWire } from '../../channels/adapters/sepa-instant.js'
import { hexToBytes, hmacSha256Hex } from '../../channels/signing.js'
import { stringAt } from '../../channels/wire.js'
import type { PayoutState, SandboxEvent, SandboxPayout } from '../engine.js'
import { randomString } from '../prng.js'
import { header, isoTime, json, type BulkItemResult, type ParsedSubmission, type SandboxCredentials, type SandboxDialect } from './types.js'
import { bearerMatches, jsonBody } from './verify.js'

const STATUS: Record<PayoutState, string> = { processing: 'ACSP', paid_out: 'ACCC', failed: 'RJCT', returned: 'RTND' }

function resource(payout: SandboxPayout) {
  return {
    transactionId: payout.reference,
    instructionId: payout.idempotencyKey,
    endToEndId: payout.extra['endToEndId'] ?? payout.paymentId,
    amount: { value: payout.amount, currency: payout.currency },
    transactionStatus: STATUS[payout.status],
    ...(payout.code !== undefined && { statusReasonCode: payout.code }),
    acceptanceDateTime: isoTime(payout.createdAt),
  }
}

const DUPLICATE = { transactionStatus: 'RJCT', statusReasonCode: 'DUPL', statusReasonText: 'instructionId reused for another transfer' }
const rejection = (code: string, message: string) => ({ transactionStatus: 'RJCT', statusReasonCode: code, statusReasonText: message })

/** One transfer of a submission; `key` is the Idempotency-Key header (single) or the item's own instructionId (bulk). */
function submissionOf(transfer: unknown, key: string | undefined): ParsedSubmission | { error: string } {
  const instructionId = stringAt(transfer, 'instructionId')
  const amount = stringAt(transfer, 'amount', 'value')
  const currency = stringAt(transfer, 'amount', 'currency')
  const iban = stringAt(transfer, 'creditorAccount', 'iban')
  if (!key || instructionId !== key || !amount || currency !== 'EUR' || !iban) return { error: 'missing or inconsistent fields' }
  return { dedupeKey: key, idempotencyKey: key, amount, currency, beneficiary: iban, extra: { endToEndId: stringAt(transfer, 'endToEndId') ?? '' } }
}

function bulkEntry(item: BulkItemResult) {
  switch (item.kind) {
    case 'accepted':
      return resource(item.payout)
    case 'declined':
      return rejection(item.code, item.message)
    case 'conflict':
      return DUPLICATE
    case 'server_error':
      return { error: 'internal_error' }
  }
}

function callbackEvent(event: SandboxEvent, payout: SandboxPayout) {
  return {
    eventId: event.eventId,
    eventType: 'instant-credit-transfer.status-changed',
    createdAt: isoTime(event.occurredAt),
    transfer: resource(payout),
  }
}

async function signedCallback(value: unknown, credentials: SandboxCredentials) {
  const body = JSON.stringify(value)
  const timestamp = String(Math.floor(Date.now() / 1000))
  const signature = await hmacSha256Hex(credentials.signingSecret, sepaInstantWire.callbackSigningString(timestamp, body))
  return {
    headers: { 'content-type': 'application/json', 'x-request-timestamp': timestamp, 'x-signature': `v1=${signature}` },
    body,
  }
}

/** The sandbox side of the SEPA Instant API (see `channels/adapters/sepa-instant.ts`). */
export const sepaInstantDialect: SandboxDialect = {
  channelId: 'sepa_instant',
  routes: {
    submit: { method: 'POST', path: sepaInstantWire.submitPath },
    bulkSubmit: { method: 'POST', path: sepaInstantWire.bulkSubmitPath },
    status: [
      { method: 'GET', path: `${sepaInstantWire.submitPath}/:reference` },
      { method: 'GET', path: sepaInstantWire.submitPath },
    ],
  },
  declineCodes: ['AC01', 'AC04', 'AM04', 'AB05', 'RR04'],
  failCode: 'AB05',
  returnCode: 'AC04',

  async authenticate(request, credentials) {
    const timestamp = header(request, sepaInstantWire.timestampHeader) ?? ''
    const signatures = (signatureParts(header(request, sepaInstantWire.signatureHeader))['v1'] ?? []).map(hexToBytes)
    const signed = sepaInstantWire.requestSigningString(timestamp, request.method, request.path, request.body)
    const signatureValid = await verifyAnySignature(credentials.signingSecret, signed, signatures)
    return bearerMatches(request, credentials.apiKey) && timestamp !== '' && signatureValid
  },

  async parseSubmission(request) {
    return submissionOf(jsonBody(request), header(request, 'idempotency-key'))
  },

  async parseBulkSubmission(request) {
    const transfers = jsonBody(request)?.['transfers']
    if (!Array.isArray(transfers) || transfers.length === 0) return { error: 'transfers must be a non-empty array' }
    if (transfers.length > sepaInstantWire.bulkMaxItems) return { error: `at most ${sepaInstantWire.bulkMaxItems} transfers per bulk` }
    const submissions: ParsedSubmission[] = []
    for (const [index, transfer] of (transfers as unknown[]).entries()) {
      const submission = submissionOf(transfer, stringAt(transfer, 'instructionId'))
      if ('error' in submission) return { error: `transfers[${index}]: ${submission.error}` }
      submissions.push(submission)
    }
    return submissions
  },
  bulkAnswer: (items) => json(200, { transfers: items.map(bulkEntry) }),

  async parseStatusLookup(request) {
    const reference = request.params['reference']
    if (reference) return { by: 'reference', value: reference }
    const instructionId = request.query.get('instructionId')
    return instructionId ? { by: 'dedupeKey', value: instructionId } : { error: 'instructionId is required' }
  },

  newReference: (_submission, sequence, random, now) => ({
    reference: `SCTI${now.toISOString().slice(0, 10).replaceAll('-', '')}${String(sequence).padStart(6, '0')}${randomString(random, 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789', 6)}`,
  }),
  accepted: (payout) => json(201, resource(payout)),
  declined: (code, message) => json(422, rejection(code, message)),
  unauthorized: () => json(401, { error: 'unauthorized', message: 'invalid API key or signature' }),
  invalid: (message) => json(400, { transactionStatus: 'RJCT', statusReasonCode: 'FF01', statusReasonText: message }),
  conflict: () => json(422, DUPLICATE),
  serverError: () => json(500, { error: 'internal_error' }),
  gatewayTimeout: () => ({ status: 504, body: 'upstream timed out', contentType: 'text/plain' }),
  status: (payout) => (payout ? json(200, resource(payout)) : json(404, { error: 'transfer_not_found' })),

  callback: (event, payout, credentials) => signedCallback(callbackEvent(event, payout), credentials),
  callbackBatch: (entries, credentials) =>
    signedCallback({ events: entries.map(({ event, payout }) => callbackEvent(event, payout)) }, credentials),
  isAcknowledged: (status) => status >= 200 && status < 300,
}
