import { usAchWire } from '../../channels/adapters/us-ach.js'
import { signatureParts, verifyAnySignature } from '../../channels/callback.js'
import { hexToBytes, hmacSha256Hex } from '../../channels/signing.js'
import { stringAt } from '../../channels/wire.js'
import type { PayoutState, SandboxEvent, SandboxPayout } from '../engine.js'
import { randomString } from '../prng.js'
import { header, isoTime, json, type BulkItemResult, type ParsedSubmission, type SandboxCredentials, type SandboxDialect } from './types.js'
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

const CONFLICT = { type: 'invalid_request_error', code: 'idempotency_key_reused', message: 'idempotency key reused with other parameters' }
const SERVER_ERROR = { type: 'api_error', code: 'internal_error', message: 'internal error' }

/** One credit of a submission; `key` is the Idempotency-Key header (single) or the entry's own idempotency_key (batch). */
function submissionOf(body: unknown, key: string | undefined): ParsedSubmission | { error: string } {
  const amount = stringAt(body, 'amount')
  const routing = stringAt(body, 'receiver', 'routing_number')
  const account = stringAt(body, 'receiver', 'account_number')
  if (!key || !amount || stringAt(body, 'currency') !== 'USD' || !routing || !account) return { error: 'missing required fields' }
  return { dedupeKey: key, idempotencyKey: key, amount, currency: 'USD', beneficiary: `${routing}/${account}` }
}

function batchEntry(item: BulkItemResult) {
  switch (item.kind) {
    case 'accepted':
      return transfer(item.payout)
    case 'declined':
      return { error: { type: 'payout_declined', code: item.code, message: item.message } }
    case 'conflict':
      return { error: CONFLICT }
    case 'server_error':
      return { error: SERVER_ERROR }
  }
}

function callbackEvent(event: SandboxEvent, payout: SandboxPayout) {
  return { id: event.eventId, object: 'event', type: EVENT_TYPE[event.status], created_at: isoTime(event.occurredAt), data: transfer(payout) }
}

async function signedCallback(value: unknown, credentials: SandboxCredentials) {
  const body = JSON.stringify(value)
  const timestamp = String(Math.floor(Date.now() / 1000))
  const signature = await hmacSha256Hex(credentials.signingSecret, usAchWire.callbackSigningString(timestamp, body))
  return { headers: { 'content-type': 'application/json', 'ach-signature': `t=${timestamp},v1=${signature}` }, body }
}

/** The sandbox side of the ACH API (see `channels/adapters/us-ach.ts`). */
export const usAchDialect: SandboxDialect = {
  channelId: 'us_ach',
  routes: {
    submit: { method: 'POST', path: usAchWire.submitPath },
    bulkSubmit: { method: 'POST', path: usAchWire.bulkSubmitPath },
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
    return submissionOf(jsonBody(request), header(request, 'idempotency-key'))
  },

  async parseBulkSubmission(request) {
    const transfers = jsonBody(request)?.['transfers']
    if (!Array.isArray(transfers) || transfers.length === 0) return { error: 'transfers must be a non-empty array' }
    if (transfers.length > usAchWire.bulkMaxItems) return { error: `at most ${usAchWire.bulkMaxItems} transfers per batch` }
    const submissions: ParsedSubmission[] = []
    for (const [index, entry] of (transfers as unknown[]).entries()) {
      const submission = submissionOf(entry, stringAt(entry, 'idempotency_key'))
      if ('error' in submission) return { error: `transfers[${index}]: ${submission.error}` }
      submissions.push(submission)
    }
    return submissions
  },
  bulkAnswer: (items) => json(200, { object: 'ach_batch', data: items.map(batchEntry) }),

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
  conflict: () => json(409, { error: CONFLICT }),
  serverError: () => json(500, { error: SERVER_ERROR }),
  gatewayTimeout: () => ({ status: 504, body: 'gateway timeout', contentType: 'text/plain' }),
  status(payout, lookup) {
    // A lookup by idempotency key is a filtered list; a lookup by id is the resource itself.
    if (lookup.by === 'dedupeKey') return json(200, { object: 'list', data: payout ? [transfer(payout)] : [], has_more: false })
    return payout ? json(200, transfer(payout)) : json(404, { error: { type: 'invalid_request_error', code: 'resource_not_found', message: 'no such transfer' } })
  },

  callback: (event, payout, credentials) => signedCallback(callbackEvent(event, payout), credentials),
  callbackBatch: (entries, credentials) =>
    signedCallback({ object: 'list', data: entries.map(({ event, payout }) => callbackEvent(event, payout)), has_more: false }, credentials),
  isAcknowledged: (status) => status >= 200 && status < 300,
}
