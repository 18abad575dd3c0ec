import { ukFpsWire } from '../../channels/adapters/uk-fps.js'
import { base64ToBytes, hmacSha256Base64, timingSafeEqual, verifyHmacSha256 } from '../../channels/signing.js'
import { stringAt, valueAt } from '../../channels/wire.js'
import type { PayoutState, SandboxEvent, SandboxPayout } from '../engine.js'
import { randomString } from '../prng.js'
import { header, isoTime, json, type BulkItemResult, type DialectReply, type ParsedSubmission, type SandboxCredentials, type SandboxDialect } from './types.js'
import { jsonBody } from './verify.js'

const STATUS: Record<PayoutState, string> = {
  processing: 'AcceptedSettlementInProcess',
  paid_out: 'AcceptedCreditSettlementCompleted',
  failed: 'Rejected',
  returned: 'Returned',
}

function data(payout: SandboxPayout) {
  return {
    DomesticPaymentId: payout.reference,
    Status: STATUS[payout.status],
    ...(payout.code !== undefined && {
      StatusReason: [{ StatusReasonCode: payout.code, StatusReasonDescription: `sandbox reason ${payout.code}` }],
    }),
    CreationDateTime: isoTime(payout.createdAt),
    StatusUpdateDateTime: isoTime(payout.updatedAt),
    Initiation: {
      InstructionIdentification: payout.idempotencyKey,
      InstructedAmount: { Amount: payout.amount, Currency: payout.currency },
    },
  }
}

function obError(status: number, code: string, errorCode: string, message: string): DialectReply {
  return json(status, obErrorBody(code, errorCode, message))
}

function obErrorBody(code: string, errorCode: string, message: string) {
  return { Code: code, Id: crypto.randomUUID(), Message: message, Errors: [{ ErrorCode: errorCode, Message: message }] }
}

// Business declines are a created payment in status Rejected, as the Open Banking APIs do.
function rejectedBody(code: string, message: string) {
  return {
    Data: {
      DomesticPaymentId: `FPS-rejected-${crypto.randomUUID()}`,
      Status: 'Rejected',
      StatusReason: [{ StatusReasonCode: code, StatusReasonDescription: message }],
    },
  }
}

const conflictBody = () => obErrorBody('400 BadRequest', 'UK.OBIE.Resource.ConsentMismatch', 'idempotency key reused for another payment')
const unexpectedBody = () => obErrorBody('500 InternalServerError', ukFpsWire.unexpectedErrorCode, 'unexpected error')

/** One payment of a submission; `key` is the X-Idempotency-Key header (single) or the item's own InstructionIdentification (bulk). */
function submissionOf(payment: unknown, key: string | undefined): ParsedSubmission | { error: string } {
  const initiation = valueAt(payment, 'Data')
  const amount = stringAt(initiation, 'Initiation', 'InstructedAmount', 'Amount')
  const account = stringAt(initiation, 'Initiation', 'CreditorAccount', 'Identification')
  if (!key || stringAt(initiation, 'Initiation', 'InstructionIdentification') !== key || !amount || !account) {
    return { error: 'Data.Initiation is incomplete' }
  }
  if (stringAt(initiation, 'Initiation', 'InstructedAmount', 'Currency') !== 'GBP') return { error: 'only GBP is supported' }
  return { dedupeKey: key, idempotencyKey: key, amount, currency: 'GBP', beneficiary: account }
}

function bulkEntry(item: BulkItemResult) {
  switch (item.kind) {
    case 'accepted':
      return { Data: data(item.payout) }
    case 'declined':
      return rejectedBody(item.code, item.message)
    case 'conflict':
      return conflictBody()
    case 'server_error':
      return unexpectedBody()
  }
}

function callbackEvent(event: SandboxEvent, payout: SandboxPayout) {
  return { EventId: event.eventId, EventType: 'DomesticPayment.StatusChanged', EventDateTime: isoTime(event.occurredAt), Data: data(payout) }
}

async function signedCallback(value: unknown, credentials: SandboxCredentials) {
  const body = JSON.stringify(value)
  const date = new Date().toUTCString()
  const digest = await ukFpsWire.digest(body)
  const components: [string, string][] = [['x-date', date], ['digest', digest]]
  const signature = await hmacSha256Base64(credentials.signingSecret, ukFpsWire.signingString(components))
  return {
    headers: {
      'content-type': 'application/json',
      'x-date': date,
      digest,
      signature: ukFpsWire.formatSignature(credentials.apiKey, ['x-date', 'digest'], signature),
    },
    body,
  }
}

/** The sandbox side of the Faster Payments API (see `channels/adapters/uk-fps.ts`). */
export const ukFpsDialect: SandboxDialect = {
  channelId: 'uk_fps',
  routes: {
    submit: { method: 'POST', path: ukFpsWire.submitPath },
    bulkSubmit: { method: 'POST', path: ukFpsWire.bulkSubmitPath },
    status: [
      { method: 'GET', path: `${ukFpsWire.submitPath}/by-instruction/:instruction` },
      { method: 'GET', path: `${ukFpsWire.submitPath}/:reference` },
    ],
  },
  declineCodes: ['AC01', 'AC04', 'BE01', 'AM02', 'AB08'],
  failCode: 'AC06',
  returnCode: 'AC04',

  async authenticate(request, credentials) {
    const signature = ukFpsWire.parseSignature(header(request, 'signature'))
    if (!signature || signature.algorithm !== 'hmac-sha256' || !timingSafeEqual(header(request, 'x-api-key') ?? '', credentials.apiKey)) return false
    // A single payment signs its idempotency key; a bulk carries one key per payment in the body.
    const single = request.method === 'POST' && request.path === ukFpsWire.submitPath
    const required = ['(request-target)', 'x-date', 'digest', ...(single ? ['x-idempotency-key'] : [])]
    if (!required.every((name) => signature.headers.includes(name)) || signature.keyId !== credentials.apiKey) return false
    if (header(request, 'digest') !== (await ukFpsWire.digest(request.body))) return false
    const components = signature.headers.map((name): [string, string] => [
      name,
      name === '(request-target)' ? `${request.method.toLowerCase()} ${request.path}` : (header(request, name) ?? ''),
    ])
    return verifyHmacSha256(credentials.signingSecret, ukFpsWire.signingString(components), base64ToBytes(signature.signature))
  },

  async parseSubmission(request) {
    return submissionOf(jsonBody(request), header(request, 'x-idempotency-key'))
  },

  async parseBulkSubmission(request) {
    const payments = valueAt(jsonBody(request), 'Data', 'Payments')
    if (!Array.isArray(payments) || payments.length === 0) return { error: 'Data.Payments must be a non-empty array' }
    if (payments.length > ukFpsWire.bulkMaxItems) return { error: `at most ${ukFpsWire.bulkMaxItems} payments per bulk` }
    const submissions: ParsedSubmission[] = []
    for (const [index, payment] of (payments as unknown[]).entries()) {
      const submission = submissionOf(payment, stringAt(payment, 'Data', 'Initiation', 'InstructionIdentification'))
      if ('error' in submission) return { error: `Data.Payments[${index}]: ${submission.error}` }
      submissions.push(submission)
    }
    return submissions
  },
  bulkAnswer: (items) => json(200, { Data: { Payments: items.map(bulkEntry) } }),

  async parseStatusLookup(request) {
    const instruction = request.params['instruction']
    if (instruction) return { by: 'dedupeKey', value: instruction }
    const reference = request.params['reference']
    return reference ? { by: 'reference', value: reference } : { error: 'payment id is required' }
  },

  newReference: (_submission, _sequence, random) => ({ reference: `FPS-${randomString(random, '0123456789abcdef', 24)}` }),
  accepted: (payout) => json(201, { Data: data(payout), Links: { Self: ukFpsWire.paymentPath(payout.reference) } }),
  declined: (code, message) => json(201, rejectedBody(code, message)),
  unauthorized: () => obError(401, '401 Unauthorized', 'UK.OBIE.Signature.Invalid', 'invalid API key or signature'),
  invalid: (message) => obError(400, '400 BadRequest', 'UK.OBIE.Field.Invalid', message),
  conflict: () => json(400, conflictBody()),
  serverError: () => json(500, unexpectedBody()),
  gatewayTimeout: () => ({ status: 504, body: 'Gateway Timeout', contentType: 'text/plain' }),
  status: (payout) =>
    payout ? json(200, { Data: data(payout) }) : obError(404, '404 NotFound', 'UK.OBIE.Resource.NotFound', 'payment not found'),

  callback: (event, payout, credentials) => signedCallback(callbackEvent(event, payout), credentials),
  callbackBatch: (entries, credentials) => signedCallback({ Events: entries.map(({ event, payout }) => callbackEvent(event, payout)) }, credentials),
  isAcknowledged: (status) => status >= 200 && status < 300,
}
