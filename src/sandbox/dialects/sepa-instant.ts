import { signatureParts, verifyAnySignature } from '../../channels/callback.js'
import { sepaInstantWire } from '../../channels/adapters/sepa-instant.js'
import { hexToBytes, hmacSha256Hex } from '../../channels/signing.js'
import { stringAt } from '../../channels/wire.js'
import type { PayoutState, SandboxPayout } from '../engine.js'
import { randomString } from '../prng.js'
import { header, isoTime, json, type SandboxDialect } from './types.js'
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

/** The sandbox side of the SEPA Instant API (see `channels/adapters/sepa-instant.ts`). */
export const sepaInstantDialect: SandboxDialect = {
  channelId: 'sepa_instant',
  routes: {
    submit: { method: 'POST', path: sepaInstantWire.submitPath },
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
    const body = jsonBody(request)
    const key = header(request, 'idempotency-key')
    const instructionId = stringAt(body, 'instructionId')
    const amount = stringAt(body, 'amount', 'value')
    const currency = stringAt(body, 'amount', 'currency')
    const iban = stringAt(body, 'creditorAccount', 'iban')
    if (!key || instructionId !== key || !amount || currency !== 'EUR' || !iban) return { error: 'missing or inconsistent fields' }
    return { dedupeKey: key, idempotencyKey: key, amount, currency, beneficiary: iban, extra: { endToEndId: stringAt(body, 'endToEndId') ?? '' } }
  },

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
  declined: (code, message) => json(422, { transactionStatus: 'RJCT', statusReasonCode: code, statusReasonText: message }),
  unauthorized: () => json(401, { error: 'unauthorized', message: 'invalid API key or signature' }),
  invalid: (message) => json(400, { transactionStatus: 'RJCT', statusReasonCode: 'FF01', statusReasonText: message }),
  conflict: () => json(422, { transactionStatus: 'RJCT', statusReasonCode: 'DUPL', statusReasonText: 'instructionId reused for another transfer' }),
  serverError: () => json(500, { error: 'internal_error' }),
  gatewayTimeout: () => ({ status: 504, body: 'upstream timed out', contentType: 'text/plain' }),
  status: (payout) => (payout ? json(200, resource(payout)) : json(404, { error: 'transfer_not_found' })),

  async callback(event, payout, credentials) {
    const body = JSON.stringify({
      eventId: event.eventId,
      eventType: 'instant-credit-transfer.status-changed',
      createdAt: isoTime(event.occurredAt),
      transfer: resource(payout),
    })
    const timestamp = String(Math.floor(Date.now() / 1000))
    const signature = await hmacSha256Hex(credentials.signingSecret, sepaInstantWire.callbackSigningString(timestamp, body))
    return {
      headers: { 'content-type': 'application/json', 'x-request-timestamp': timestamp, 'x-signature': `v1=${signature}` },
      body,
    }
  },
  isAcknowledged: (status) => status >= 200 && status < 300,
}
