import { describe, expect, it } from 'vitest'
import { AMBIGUOUS_RESPONSES, credentials, FIXED_NOW, fixedNow, response } from '../../../test/fixtures/channels/adapter-harness.js'
import { hmacBase64, sha256Base64 } from '../../../test/fixtures/channels/node-crypto.js'
import { payoutFor } from '../../../test/fixtures/channels/payout-instructions.js'
import type { ChannelCallback } from '../types.js'
import { createUkFpsChannel } from './uk-fps.js'

const fps = createUkFpsChannel({ now: fixedNow })
const data = { DomesticPaymentId: 'FPS-1', Initiation: { InstructionIdentification: 'pay_01HZX3K9T2:1' } }

function signedCallback(body: string, secret = credentials.signingSecret) {
  const date = FIXED_NOW.toUTCString()
  const digest = `SHA-256=${sha256Base64(body)}`
  const signature = hmacBase64(secret, `x-date: ${date}\ndigest: ${digest}`)
  return {
    headers: { 'X-Date': date, Digest: digest, Signature: `keyId="k",algorithm="hmac-sha256",headers="x-date digest",signature="${signature}"` },
    body,
  }
}

describe('uk_fps adapter', () => {
  it('builds an Open-Banking-style payment with an HTTP message signature', async () => {
    const request = await fps.buildSubmitRequest(payoutFor('uk_fps', { reference: 'A reference longer than eighteen' }), credentials)
    expect(request).toMatchObject({ method: 'POST', path: '/uk_fps/v2/domestic-payments' })
    const initiation = JSON.parse(request.body ?? '').Data.Initiation
    expect(initiation).toMatchObject({
      InstructionIdentification: 'pay_01HZX3K9T2:1',
      LocalInstrument: 'UK.OBIE.FPS',
      InstructedAmount: { Amount: '125.50', Currency: 'GBP' },
      CreditorAccount: { SchemeName: 'UK.OBIE.SortCodeAccountNumber', Identification: '04000412345678', Name: 'Oliver Smith' },
      RemittanceInformation: { Reference: 'A reference longer' },
    })
    expect(request.headers['Digest']).toBe(`SHA-256=${sha256Base64(request.body ?? '')}`)
    const signingString = [
      `(request-target): post ${request.path}`,
      `x-date: ${FIXED_NOW.toUTCString()}`,
      `digest: ${request.headers['Digest']}`,
      'x-idempotency-key: pay_01HZX3K9T2:1',
    ].join('\n')
    expect(request.headers['Signature']).toBe(
      `keyId="key_test_123",algorithm="hmac-sha256",headers="(request-target) x-date digest x-idempotency-key",signature="${hmacBase64(credentials.signingSecret, signingString)}"`,
    )
  })

  it('parses acceptance and Rejected payments', () => {
    expect(fps.parseSubmitResponse(response(201, { Data: { ...data, Status: 'AcceptedSettlementInProcess' } }))).toEqual({
      kind: 'accepted',
      channelReference: 'FPS-1',
      status: 'processing',
    })
    expect(fps.parseSubmitResponse(response(201, { Data: { ...data, Status: 'AcceptedCreditSettlementCompleted' } }))).toMatchObject({
      status: 'paid_out',
    })
    const rejected = { Data: { ...data, Status: 'Rejected', StatusReason: [{ StatusReasonCode: 'BE01', StatusReasonDescription: 'name mismatch' }] } }
    expect(fps.parseSubmitResponse(response(201, rejected))).toEqual({ kind: 'declined', code: 'BE01', message: 'name mismatch', retryable: false })
    expect(fps.parseSubmitResponse(response(400, { Code: '400', Errors: [{ ErrorCode: 'UK.OBIE.Field.Invalid' }] }))).toMatchObject({
      kind: 'declined',
      code: 'UK.OBIE.Field.Invalid',
    })
  })

  it.each(AMBIGUOUS_RESPONSES)('treats %s as ambiguous', (_name, reply) => {
    expect(fps.parseSubmitResponse(reply).kind).toBe('ambiguous')
  })

  it('queries by instruction id and reads statuses', async () => {
    const request = await fps.buildStatusRequest({ paymentId: 'pay_1', attempt: 3, channelReference: null }, credentials)
    expect(request).toMatchObject({ method: 'GET', path: '/uk_fps/v2/domestic-payments/by-instruction/pay_1%3A3' })
    expect(request.headers['Signature']).toContain('headers="(request-target) x-date digest"')
    expect(fps.parseStatusResponse(response(200, { Data: { ...data, Status: 'Returned' } }))).toEqual({ kind: 'returned', channelReference: 'FPS-1' })
    expect(fps.parseStatusResponse(response(404, { Errors: [{ ErrorCode: 'UK.OBIE.Resource.NotFound' }] }))).toEqual({ kind: 'not_found' })
    expect(fps.parseStatusResponse(response(404, {})).kind).toBe('unavailable')
  })

  it('verifies and parses callbacks', async () => {
    const body = JSON.stringify({
      EventId: 'evt_3',
      EventType: 'DomesticPayment.StatusChanged',
      EventDateTime: '2024-05-01T10:00:02.000Z',
      Data: { ...data, Status: 'AcceptedCreditSettlementCompleted' },
    })
    expect(await fps.parseCallback(signedCallback(body), credentials)).toMatchObject({ status: 'paid_out', eventId: 'evt_3', attempt: 1 })
    const tampered = { ...signedCallback(body), body: body.replace('evt_3', 'evt_4') }
    expect(await fps.parseCallback(tampered, credentials)).toEqual({ error: 'invalid_signature' })
    expect(await fps.parseCallback(signedCallback(body, 'wrong'), credentials)).toEqual({ error: 'invalid_signature' })
  })
})

describe('uk_fps bulk', () => {
  const bulk = fps.bulk
  if (!bulk) throw new Error('uk_fps must have a bulk API')
  const instructions = ['pay_b1', 'pay_b2'].map((paymentId) => payoutFor('uk_fps', { paymentId }))
  const payment = (id: string, status = 'AcceptedSettlementInProcess') => ({ Data: { DomesticPaymentId: id, Status: status } })
  const obError = (errorCode: string) => ({ Code: '400 BadRequest', Message: 'no', Errors: [{ ErrorCode: errorCode }] })

  it('builds one request signed over target, date and digest, whose items are the single bodies in order', async () => {
    const request = await bulk.buildSubmitRequest(instructions, credentials)
    expect(request).toMatchObject({ method: 'POST', path: '/uk_fps/v2/bulk-domestic-payments' })
    const body = JSON.parse(request.body ?? '') as { Data: { BulkIdentification: string; Payments: unknown[] } }
    const singles = await Promise.all(instructions.map(async (instruction) => JSON.parse((await fps.buildSubmitRequest(instruction, credentials)).body ?? '')))
    expect(body.Data.Payments).toEqual(singles)
    expect(body.Data.BulkIdentification).toMatch(/^bulk_[0-9a-f]{32}$/)
    expect(request.headers['X-Idempotency-Key']).toBeUndefined()
    expect(request.headers['Digest']).toBe(`SHA-256=${sha256Base64(request.body ?? '')}`)
    const signingString = [`(request-target): post ${request.path}`, `x-date: ${FIXED_NOW.toUTCString()}`, `digest: ${request.headers['Digest']}`].join('\n')
    expect(request.headers['Signature']).toBe(
      `keyId="key_test_123",algorithm="hmac-sha256",headers="(request-target) x-date digest",signature="${hmacBase64(credentials.signingSecret, signingString)}"`,
    )
    await expect(bulk.buildSubmitRequest([], credentials)).rejects.toBeInstanceOf(RangeError)
  })

  it('parses a mixed answer item by item', () => {
    const rejected = { Data: { DomesticPaymentId: 'FPS-r', Status: 'Rejected', StatusReason: [{ StatusReasonCode: 'BE01', StatusReasonDescription: 'name' }] } }
    const reply = response(200, {
      Data: { Payments: [payment('FPS-1'), rejected, { ...obError('UK.OBIE.UnexpectedError') }, obError('UK.OBIE.Resource.ConsentMismatch'), payment('FPS-5', 'AcceptedCreditSettlementCompleted')] },
    })
    expect(bulk.parseSubmitResponse(reply, 5)).toEqual([
      { kind: 'accepted', channelReference: 'FPS-1', status: 'processing' },
      { kind: 'declined', code: 'BE01', message: 'name', retryable: false },
      { kind: 'ambiguous', reason: 'HTTP 200: item error UK.OBIE.UnexpectedError' },
      { kind: 'declined', code: 'UK.OBIE.Resource.ConsentMismatch', message: 'no', retryable: false },
      { kind: 'accepted', channelReference: 'FPS-5', status: 'paid_out' },
    ])
  })

  it('gives every item the answer about the whole request', () => {
    const kinds = (reply: ReturnType<typeof response>, count: number) => bulk.parseSubmitResponse(reply, count).map((outcome) => outcome.kind)
    expect(bulk.parseSubmitResponse(response(401, {}), 2).map((outcome) => outcome.kind === 'declined' && outcome.code)).toEqual(['http_401', 'http_401'])
    expect(bulk.parseSubmitResponse(response(400, obError('UK.OBIE.Field.Invalid')), 2).map((outcome) => outcome.kind === 'declined' && outcome.code)).toEqual([
      'UK.OBIE.Field.Invalid',
      'UK.OBIE.Field.Invalid',
    ])
    expect(kinds(response(500, obError('UK.OBIE.UnexpectedError')), 2)).toEqual(['ambiguous', 'ambiguous'])
    expect(kinds(response(200, 'garbage'), 2)).toEqual(['ambiguous', 'ambiguous'])
    expect(kinds(response(200, { Data: { Payments: [payment('FPS-1')] } }), 2)).toEqual(['ambiguous', 'ambiguous'])
  })

  it('verifies a batch callback once and parses its events in order', async () => {
    const event = (eventId: string, id: string, status: string) => ({
      EventId: eventId,
      EventType: 'DomesticPayment.StatusChanged',
      EventDateTime: '2024-05-01T10:00:05.000Z',
      Data: { DomesticPaymentId: id, Status: status, Initiation: { InstructionIdentification: `pay_${id}:1` } },
    })
    const body = JSON.stringify({ Events: [event('evt_1', 'A', 'AcceptedSettlementInProcess'), event('evt_2', 'A', 'AcceptedCreditSettlementCompleted'), event('evt_3', 'B', 'Returned')] })
    const parsed = await fps.parseCallback(signedCallback(body), credentials)
    expect((parsed as readonly ChannelCallback[]).map(({ eventId, paymentId, status }) => [eventId, paymentId, status])).toEqual([
      ['evt_1', 'pay_A', 'processing'],
      ['evt_2', 'pay_A', 'paid_out'],
      ['evt_3', 'pay_B', 'returned'],
    ])
    expect(await fps.parseCallback({ ...signedCallback(body), body: body.replace('evt_3', 'evt_4') }, credentials)).toEqual({ error: 'invalid_signature' })
    expect(await fps.parseCallback(signedCallback(body, 'other-secret'), credentials)).toEqual({ error: 'invalid_signature' })
    const oneBad = JSON.stringify({ Events: [event('evt_1', 'A', 'AcceptedSettlementInProcess'), { EventId: 'evt_2' }] })
    expect(await fps.parseCallback(signedCallback(oneBad), credentials)).toEqual({ error: 'malformed' })
  })
})
