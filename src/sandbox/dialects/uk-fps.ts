import { ukFpsWire } from '../../channels/adapters/uk-fps.js'
import { base64ToBytes, hmacSha256Base64, timingSafeEqual, verifyHmacSha256 } from '../../channels/signing.js'
import { stringAt } from '../../channels/wire.js'
import type { PayoutState, SandboxPayout } from '../engine.js'
import { randomString } from '../prng.js'
import { header, isoTime, json, type DialectReply, type SandboxDialect } from './types.js'
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
  return json(status, { Code: code, Id: crypto.randomUUID(), Message: message, Errors: [{ ErrorCode: errorCode, Message: message }] })
}

/** The sandbox side of the Faster Payments API (see `channels/adapters/uk-fps.ts`). */
export const ukFpsDialect: SandboxDialect = {
  channelId: 'uk_fps',
  routes: {
    submit: { method: 'POST', path: ukFpsWire.submitPath },
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
    const required = ['(request-target)', 'x-date', 'digest', ...(request.method === 'POST' ? ['x-idempotency-key'] : [])]
    if (!required.every((name) => signature.headers.includes(name)) || signature.keyId !== credentials.apiKey) return false
    if (header(request, 'digest') !== (await ukFpsWire.digest(request.body))) return false
    const components = signature.headers.map((name): [string, string] => [
      name,
      name === '(request-target)' ? `${request.method.toLowerCase()} ${request.path}` : (header(request, name) ?? ''),
    ])
    return verifyHmacSha256(credentials.signingSecret, ukFpsWire.signingString(components), base64ToBytes(signature.signature))
  },

  async parseSubmission(request) {
    const initiation = (jsonBody(request) ?? {})['Data']
    const key = header(request, 'x-idempotency-key')
    const amount = stringAt(initiation, 'Initiation', 'InstructedAmount', 'Amount')
    const account = stringAt(initiation, 'Initiation', 'CreditorAccount', 'Identification')
    if (!key || stringAt(initiation, 'Initiation', 'InstructionIdentification') !== key || !amount || !account) {
      return { error: 'Data.Initiation is incomplete' }
    }
    if (stringAt(initiation, 'Initiation', 'InstructedAmount', 'Currency') !== 'GBP') return { error: 'only GBP is supported' }
    return { dedupeKey: key, idempotencyKey: key, amount, currency: 'GBP', beneficiary: account }
  },

  async parseStatusLookup(request) {
    const instruction = request.params['instruction']
    if (instruction) return { by: 'dedupeKey', value: instruction }
    const reference = request.params['reference']
    return reference ? { by: 'reference', value: reference } : { error: 'payment id is required' }
  },

  newReference: (_submission, _sequence, random) => ({ reference: `FPS-${randomString(random, '0123456789abcdef', 24)}` }),
  accepted: (payout) => json(201, { Data: data(payout), Links: { Self: ukFpsWire.paymentPath(payout.reference) } }),
  // Business declines are a created payment in status Rejected, as the Open Banking APIs do.
  declined: (code, message) =>
    json(201, {
      Data: {
        DomesticPaymentId: `FPS-rejected-${crypto.randomUUID()}`,
        Status: 'Rejected',
        StatusReason: [{ StatusReasonCode: code, StatusReasonDescription: message }],
      },
    }),
  unauthorized: () => obError(401, '401 Unauthorized', 'UK.OBIE.Signature.Invalid', 'invalid API key or signature'),
  invalid: (message) => obError(400, '400 BadRequest', 'UK.OBIE.Field.Invalid', message),
  conflict: () => obError(400, '400 BadRequest', 'UK.OBIE.Resource.ConsentMismatch', 'idempotency key reused for another payment'),
  serverError: () => obError(500, '500 InternalServerError', 'UK.OBIE.UnexpectedError', 'unexpected error'),
  gatewayTimeout: () => ({ status: 504, body: 'Gateway Timeout', contentType: 'text/plain' }),
  status: (payout) =>
    payout ? json(200, { Data: data(payout) }) : obError(404, '404 NotFound', 'UK.OBIE.Resource.NotFound', 'payment not found'),

  async callback(event, payout, credentials) {
    const body = JSON.stringify({
      EventId: event.eventId,
      EventType: 'DomesticPayment.StatusChanged',
      EventDateTime: isoTime(event.occurredAt),
      Data: data(payout),
    })
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
  },
  isAcknowledged: (status) => status >= 200 && status < 300,
}
