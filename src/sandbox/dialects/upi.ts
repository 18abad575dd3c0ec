import { upiWire } from '../../channels/adapters/upi.js'
import { base64ToBytes, hmacSha256Base64, timingSafeEqual, verifyHmacSha256 } from '../../channels/signing.js'
import { stringAt } from '../../channels/wire.js'
import type { PayoutState, SandboxEvent, SandboxPayout } from '../engine.js'
import { randomString } from '../prng.js'
import { header, isoTime, json, type BulkItemResult, type ParsedSubmission, type SandboxCredentials, type SandboxDialect } from './types.js'
import { jsonBody } from './verify.js'

const STATUS: Record<PayoutState, string> = { processing: 'PENDING', paid_out: 'SUCCESS', failed: 'FAILED', returned: 'REVERSED' }

function data(payout: SandboxPayout) {
  return {
    txnId: payout.reference,
    merchantRequestId: payout.idempotencyKey,
    merchantOrderId: payout.paymentId,
    rrn: payout.extra['rrn'],
    payeeVpa: payout.beneficiary,
    amount: payout.amount,
    status: STATUS[payout.status],
    responseCode: payout.code ?? '00',
    txnTime: isoTime(payout.updatedAt),
  }
}

// The answer envelopes, shared by the single answers and the items of a batch answer.
const acceptedEnvelope = (payout: SandboxPayout) => ({ success: true, code: '00', message: 'Request accepted', data: data(payout) })
const declinedEnvelope = (code: string, message: string) => ({ success: false, code, message, data: { status: 'FAILED', responseCode: code } })
const CONFLICT = { success: false, code: 'DUPLICATE_REQUEST', message: 'merchantRequestId reused with other details' }
const INTERNAL_ERROR = { success: false, code: upiWire.internalErrorCode, message: 'internal error' }

/** One payout: the whole body of a single submission, or one entry of a batch's `payouts`. */
function submissionOf(body: unknown): ParsedSubmission | { error: string } {
  const key = stringAt(body, 'merchantRequestId')
  const amount = stringAt(body, 'amount')
  const vpa = stringAt(body, 'payeeVpa')
  if (!key || !amount || stringAt(body, 'currency') !== 'INR' || !vpa) return { error: 'merchantRequestId, amount, currency and payeeVpa are required' }
  return { dedupeKey: key, idempotencyKey: key, amount, currency: 'INR', beneficiary: vpa }
}

function batchEntry(item: BulkItemResult) {
  switch (item.kind) {
    case 'accepted':
      return acceptedEnvelope(item.payout)
    case 'declined':
      return declinedEnvelope(item.code, item.message)
    case 'conflict':
      return CONFLICT
    case 'server_error':
      return INTERNAL_ERROR
  }
}

function callbackEvent(event: SandboxEvent, payout: SandboxPayout) {
  return { eventId: event.eventId, eventType: 'PAYOUT_STATUS_UPDATE', eventTime: isoTime(event.occurredAt), data: data(payout) }
}

async function signedCallback(value: unknown, credentials: SandboxCredentials) {
  const body = JSON.stringify(value)
  const timestamp = String(Date.now())
  const signature = await hmacSha256Base64(credentials.signingSecret, upiWire.callbackSigningString(timestamp, body))
  return { headers: { 'content-type': 'application/json', 'x-timestamp': timestamp, 'x-signature': signature }, body }
}

/** The sandbox side of the UPI payout API (see `channels/adapters/upi.ts`). */
export const upiDialect: SandboxDialect = {
  channelId: 'upi',
  routes: {
    submit: { method: 'POST', path: upiWire.submitPath },
    bulkSubmit: { method: 'POST', path: upiWire.bulkSubmitPath },
    status: [{ method: 'GET', path: `${upiWire.submitPath}/status` }],
  },
  declineCodes: ['ZH', 'YE', 'U16', 'XY'],
  failCode: 'U28',
  returnCode: 'ZH',

  async authenticate(request, credentials) {
    const clientId = header(request, 'x-client-id') ?? ''
    const timestamp = header(request, 'x-timestamp') ?? ''
    const signed = upiWire.requestSigningString(clientId, timestamp, request.method, request.path, request.body)
    const signatureValid = await verifyHmacSha256(credentials.signingSecret, signed, base64ToBytes(header(request, 'x-signature') ?? ''))
    return timingSafeEqual(clientId, credentials.apiKey) && timestamp !== '' && signatureValid
  },

  async parseSubmission(request) {
    return submissionOf(jsonBody(request))
  },

  async parseBulkSubmission(request) {
    const body = jsonBody(request)
    const payouts = body?.['payouts']
    if (!stringAt(body, 'batchId')) return { error: 'batchId is required' }
    if (!Array.isArray(payouts) || payouts.length === 0) return { error: 'payouts must be a non-empty array' }
    if (payouts.length > upiWire.bulkMaxItems) return { error: `at most ${upiWire.bulkMaxItems} payouts per batch` }
    const submissions: ParsedSubmission[] = []
    for (const [index, payout] of (payouts as unknown[]).entries()) {
      const submission = submissionOf(payout)
      if ('error' in submission) return { error: `payouts[${index}]: ${submission.error}` }
      submissions.push(submission)
    }
    return submissions
  },
  bulkAnswer: (items) => json(200, { success: true, code: '00', message: 'Batch processed', data: { payouts: items.map(batchEntry) } }),

  async parseStatusLookup(request) {
    const txnId = request.query.get('txnId')
    if (txnId) return { by: 'reference', value: txnId }
    const requestId = request.query.get('merchantRequestId')
    return requestId ? { by: 'dedupeKey', value: requestId } : { error: 'txnId or merchantRequestId is required' }
  },

  newReference(_submission, sequence, random, now) {
    // RRN layout: last digit of the year, day of the year, hour, then a sequence number.
    const startOfYear = Date.UTC(now.getUTCFullYear(), 0, 1)
    const dayOfYear = Math.floor((now.getTime() - startOfYear) / 86_400_000) + 1
    const rrn = `${now.getUTCFullYear() % 10}${String(dayOfYear).padStart(3, '0')}${String(now.getUTCHours()).padStart(2, '0')}${String(sequence % 1_000_000).padStart(6, '0')}`
    return { reference: `SBX${randomString(random, '0123456789ABCDEF', 29)}`, extra: { rrn } }
  },
  accepted: (payout) => json(200, acceptedEnvelope(payout)),
  declined: (code, message) => json(200, declinedEnvelope(code, message)),
  unauthorized: () => json(401, { success: false, code: 'UNAUTHORIZED', message: 'invalid client id or signature' }),
  invalid: (message) => json(400, { success: false, code: 'INVALID_REQUEST', message }),
  conflict: () => json(409, CONFLICT),
  serverError: () => json(500, INTERNAL_ERROR),
  gatewayTimeout: () => ({ status: 504, body: 'gateway timeout', contentType: 'text/plain' }),
  status: (payout) =>
    payout
      ? json(200, { success: true, code: '00', message: 'OK', data: data(payout) })
      : json(404, { success: false, code: 'TXN_NOT_FOUND', message: 'transaction not found' }),

  callback: (event, payout, credentials) => signedCallback(callbackEvent(event, payout), credentials),
  callbackBatch: (entries, credentials) =>
    signedCallback({ eventType: upiWire.batchEventType, events: entries.map(({ event, payout }) => callbackEvent(event, payout)) }, credentials),
  isAcknowledged: (status) => status >= 200 && status < 300,
}
