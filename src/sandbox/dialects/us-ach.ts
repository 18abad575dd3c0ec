import { usAchWire } from '../../channels/adapters/us-ach.js'
import { signatureParts, verifyAnySignature } from '../../channels/callback.js'
import { hexToBytes, hmacSha256Hex } from '../../channels/signing.js'
import { stringAt } from '../../channels/wire.js'
import type { PayoutState, SandboxPayout } from '../engine.js'
import { randomString } from '../prng.js'
import { header, isoTime, json, type SandboxDialect } from './types.js'
import { bearerMatches, jsonBody } from './verify.js'

const STATUS: Record<PayoutState, string> = { processing: 'submitted', paid_out: 'settled', failed: 'rejected', returned: 'returned' }

function transfer(payout: SandboxPayout) {
  const code = payout.code
  return {
    id: payout.reference,
    object: 'ach_transfer',
    amount: payout.amount,
    currency: payout.currency,
    status: STATUS[payout.status],
    external_id: payout.paymentId,
    idempotency_key: payout.idempotencyKey,
    created_at: isoTime(payout.createdAt),
    return: payout.status === 'returned' ? { reason_code: code, description: `returned ${code ?? ''}`.trim() } : null,
    rejection: payout.status === 'failed' ? { reason_code: code, description: `rejected ${code ?? ''}`.trim() } : null,
  }
}

const EVENT_TYPE: Record<PayoutState, string> = {
  processing: 'ach_transfer.submitted',
  paid_out: 'ach_transfer.settled',
  failed: 'ach_transfer.rejected',
  returned: 'ach_transfer.returned',
}

/** The sandbox side of the ACH API (see `channels/adapters/us-ach.ts`). */
export const usAchDialect: SandboxDialect = {
  channelId: 'us_ach',
  routes: {
    submit: { method: 'POST', path: usAchWire.submitPath },
    status: [
      { method: 'GET', path: `${usAchWire.submitPath}/:reference` },
      { method: 'GET', path: usAchWire.submitPath },
    ],
  },
  declineCodes: ['invalid_routing_number', 'insufficient_balance', 'receiver_blocked', 'submission_window_closed'],
  failCode: 'R03',
  returnCode: 'R01',

  async authenticate(request, credentials) {
    const parts = signatureParts(header(request, usAchWire.signatureHeader))
    const timestamp = parts['t']?.[0] ?? ''
    const signed = usAchWire.requestSigningString(timestamp, request.method, request.path, request.body)
    const signatureValid = await verifyAnySignature(credentials.signingSecret, signed, (parts['v1'] ?? []).map(hexToBytes))
    return bearerMatches(request, credentials.apiKey) && timestamp !== '' && signatureValid
  },

  async parseSubmission(request) {
    const body = jsonBody(request)
    const key = header(request, 'idempotency-key')
    const amount = stringAt(body, 'amount')
    const routing = stringAt(body, 'receiver', 'routing_number')
    const account = stringAt(body, 'receiver', 'account_number')
    if (!key || !amount || stringAt(body, 'currency') !== 'USD' || !routing || !account) return { error: 'missing required fields' }
    return { dedupeKey: key, idempotencyKey: key, amount, currency: 'USD', beneficiary: `${routing}/${account}` }
  },

  async parseStatusLookup(request) {
    const reference = request.params['reference']
    if (reference) return { by: 'reference', value: reference }
    const key = request.query.get('idempotency_key')
    return key ? { by: 'dedupeKey', value: key } : { error: 'idempotency_key is required' }
  },

  newReference: (_submission, _sequence, random) => ({
    reference: `achtr_${randomString(random, 'abcdefghijklmnopqrstuvwxyz0123456789', 20)}`,
  }),
  accepted: (payout) => json(201, transfer(payout)),
  declined: (code, message) => json(422, { error: { type: 'payout_declined', code, message } }),
  unauthorized: () => json(401, { error: { type: 'authentication_error', code: 'invalid_signature', message: 'invalid API key or signature' } }),
  invalid: (message) => json(400, { error: { type: 'invalid_request_error', code: 'invalid_request', message } }),
  conflict: () => json(409, { error: { type: 'invalid_request_error', code: 'idempotency_key_reused', message: 'idempotency key reused with other parameters' } }),
  serverError: () => json(500, { error: { type: 'api_error', code: 'internal_error', message: 'internal error' } }),
  gatewayTimeout: () => ({ status: 504, body: 'gateway timeout', contentType: 'text/plain' }),
  status(payout, lookup) {
    // A lookup by idempotency key is a filtered list; a lookup by id is the resource itself.
    if (lookup.by === 'dedupeKey') return json(200, { object: 'list', data: payout ? [transfer(payout)] : [], has_more: false })
    return payout ? json(200, transfer(payout)) : json(404, { error: { type: 'invalid_request_error', code: 'resource_not_found', message: 'no such transfer' } })
  },

  async callback(event, payout, credentials) {
    const body = JSON.stringify({
      id: event.eventId,
      object: 'event',
      type: EVENT_TYPE[event.status],
      created_at: isoTime(event.occurredAt),
      data: transfer(payout),
    })
    const timestamp = String(Math.floor(Date.now() / 1000))
    const signature = await hmacSha256Hex(credentials.signingSecret, usAchWire.callbackSigningString(timestamp, body))
    return { headers: { 'content-type': 'application/json', 'ach-signature': `t=${timestamp},v1=${signature}` }, body }
  },
  isAcknowledged: (status) => status >= 200 && status < 300,
}
