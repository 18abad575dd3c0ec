import { describe, expect, it } from 'vitest'
import { AMBIGUOUS_RESPONSES, credentials, FIXED_NOW, fixedNow, response } from '../../../test/fixtures/channels/adapter-harness.js'
import { hmacBase64 } from '../../../test/fixtures/channels/node-crypto.js'
import { payoutFor } from '../../../test/fixtures/channels/payout-instructions.js'
import type { ChannelCallback } from '../types.js'
import { createUpiChannel } from './upi.js'

const upi = createUpiChannel({ now: fixedNow })
const millis = String(FIXED_NOW.getTime())
const data = { txnId: 'SBX1', merchantRequestId: 'pay_01HZX3K9T2:1', rrn: '412310000001' }

function signedCallback(body: string, secret = credentials.signingSecret) {
  return { headers: { 'x-timestamp': millis, 'x-signature': hmacBase64(secret, `${millis}|${body}`) }, body }
}

describe('upi adapter', () => {
  it('builds a signed payout to a VPA', async () => {
    const request = await upi.buildSubmitRequest(payoutFor('upi', { reference: 'Rent – May/2024 #3' }), credentials)
    expect(request).toMatchObject({ method: 'POST', path: '/upi/v1/payouts' })
    expect(JSON.parse(request.body ?? '')).toEqual({
      merchantRequestId: 'pay_01HZX3K9T2:1',
      merchantOrderId: 'pay_01HZX3K9T2',
      payeeVpa: 'priya@okaxis',
      payeeName: 'Priya Sharma',
      amount: '2500.00',
      currency: 'INR',
      remarks: 'Rent May 2024 3',
    })
    expect(request.headers['x-client-id']).toBe('key_test_123')
    const signed = ['key_test_123', millis, 'POST', request.path, request.body].join('|')
    expect(request.headers['x-signature']).toBe(hmacBase64(credentials.signingSecret, signed))
  })

  it('reads the always-200 envelope', () => {
    expect(upi.parseSubmitResponse(response(200, { success: true, code: '00', data: { ...data, status: 'PENDING' } }))).toEqual({
      kind: 'accepted',
      channelReference: 'SBX1',
      status: 'processing',
    })
    expect(upi.parseSubmitResponse(response(200, { success: true, code: '00', data: { ...data, status: 'DEEMED' } }))).toMatchObject({
      status: 'processing',
    })
    expect(upi.parseSubmitResponse(response(200, { success: false, code: 'ZH', message: 'Invalid VPA', data: { status: 'FAILED' } }))).toEqual({
      kind: 'declined',
      code: 'ZH',
      message: 'Invalid VPA',
      retryable: false,
    })
    expect(upi.parseSubmitResponse(response(200, { success: false, code: 'XY' }))).toMatchObject({ retryable: true })
  })

  it.each(AMBIGUOUS_RESPONSES)('treats %s as ambiguous', (_name, reply) => {
    expect(upi.parseSubmitResponse(reply).kind).toBe('ambiguous')
  })

  it('queries by merchantRequestId and reads statuses', async () => {
    const request = await upi.buildStatusRequest({ paymentId: 'pay_1', attempt: 1, channelReference: null }, credentials)
    expect(request.path).toBe('/upi/v1/payouts/status?merchantRequestId=pay_1%3A1')
    expect(upi.parseStatusResponse(response(200, { success: true, data: { ...data, status: 'SUCCESS', responseCode: '00' } }))).toEqual({
      kind: 'paid_out',
      channelReference: 'SBX1',
    })
    expect(upi.parseStatusResponse(response(200, { success: true, data: { ...data, status: 'REVERSED', responseCode: 'ZH' } }))).toEqual({
      kind: 'returned',
      channelReference: 'SBX1',
      code: 'ZH',
    })
    expect(upi.parseStatusResponse(response(404, { success: false, code: 'TXN_NOT_FOUND' }))).toEqual({ kind: 'not_found' })
    expect(upi.parseStatusResponse(response(200, { success: false, code: 'TXN_NOT_FOUND' })).kind).toBe('unavailable')
  })

  it('verifies and parses callbacks', async () => {
    const body = JSON.stringify({ eventId: 'evt_u', eventType: 'PAYOUT_STATUS_UPDATE', eventTime: '2024-05-01T10:00:01Z', data: { ...data, status: 'SUCCESS' } })
    expect(await upi.parseCallback(signedCallback(body), credentials)).toMatchObject({ status: 'paid_out', channelReference: 'SBX1', eventId: 'evt_u' })
    expect(await upi.parseCallback({ ...signedCallback(body), body: `${body} ` }, credentials)).toEqual({ error: 'invalid_signature' })
  })
})

describe('upi bulk (batch payout)', () => {
  const bulk = upi.bulk
  if (!bulk) throw new Error('upi must have a bulk API')
  const instructions = ['pay_b1', 'pay_b2'].map((paymentId) => payoutFor('upi', { paymentId }))
  const accepted = (txnId: string, status = 'PENDING') => ({
    success: true,
    code: '00',
    message: 'Request accepted',
    data: { txnId, merchantRequestId: `${txnId}:1`, status, responseCode: '00' },
  })
  const batch = (payouts: unknown[]) => response(200, { success: true, code: '00', message: 'Batch processed', data: { payouts } })

  it('builds one signed batch whose payouts are the single submission bodies, in order', async () => {
    const request = await bulk.buildSubmitRequest(instructions, credentials)
    expect(request).toMatchObject({ method: 'POST', path: '/upi/v1/payouts/batch' })
    const body = JSON.parse(request.body ?? '') as { batchId: string; payouts: { merchantRequestId: string }[] }
    const singles = await Promise.all(instructions.map(async (instruction) => JSON.parse((await upi.buildSubmitRequest(instruction, credentials)).body ?? '')))
    expect(body).toEqual({ batchId: expect.stringMatching(/^bulk_[0-9a-f]{32}$/), payouts: singles })
    expect(body.payouts.map((payout) => payout.merchantRequestId)).toEqual(['pay_b1:1', 'pay_b2:1'])
    expect((await bulk.buildSubmitRequest(instructions, credentials)).body).toBe(request.body)
    expect(request.headers['x-client-id']).toBe('key_test_123')
    expect(request.headers['x-timestamp']).toBe(millis)
    const signed = ['key_test_123', millis, 'POST', request.path, request.body].join('|')
    expect(request.headers['x-signature']).toBe(hmacBase64(credentials.signingSecret, signed))
    expect(bulk.maxItems).toBe(100)
    await expect(bulk.buildSubmitRequest([], credentials)).rejects.toBeInstanceOf(RangeError)
    await expect(bulk.buildSubmitRequest(Array.from({ length: 101 }, () => payoutFor('upi')), credentials)).rejects.toBeInstanceOf(RangeError)
  })

  it('parses a mixed answer item by item', () => {
    const reply = batch([
      accepted('SBX1'),
      { success: false, code: 'Z9', message: 'Insufficient funds', data: { status: 'FAILED', responseCode: 'Z9' } },
      { success: false, code: 'INTERNAL_ERROR', message: 'internal error' },
      { success: false, code: 'DUPLICATE_REQUEST', message: 'merchantRequestId reused with other details' },
      { success: false, code: 'ZH', message: 'Invalid VPA', data: { status: 'FAILED', responseCode: 'ZH' } },
      accepted('SBX6', 'SUCCESS'),
    ])
    expect(bulk.parseSubmitResponse(reply, 6)).toEqual([
      { kind: 'accepted', channelReference: 'SBX1', status: 'processing' },
      { kind: 'declined', code: 'Z9', message: 'Insufficient funds', retryable: true },
      { kind: 'ambiguous', reason: 'HTTP 200: item error INTERNAL_ERROR' },
      { kind: 'declined', code: 'DUPLICATE_REQUEST', message: 'merchantRequestId reused with other details', retryable: false },
      { kind: 'declined', code: 'ZH', message: 'Invalid VPA', retryable: false },
      { kind: 'accepted', channelReference: 'SBX6', status: 'paid_out' },
    ])
  })

  it('gives every payout the answer about the whole batch', () => {
    const kinds = (reply: ReturnType<typeof response>, count: number) => bulk.parseSubmitResponse(reply, count).map((outcome) => outcome.kind)
    expect(bulk.parseSubmitResponse(response(401, { success: false, code: 'UNAUTHORIZED' }), 2)).toEqual([
      { kind: 'declined', code: 'http_401', message: 'channel answered HTTP 401', retryable: true },
      { kind: 'declined', code: 'http_401', message: 'channel answered HTTP 401', retryable: true },
    ])
    expect(bulk.parseSubmitResponse(response(400, { success: false, code: 'INVALID_REQUEST', message: 'bad batch' }), 2)).toEqual([
      { kind: 'declined', code: 'INVALID_REQUEST', message: 'bad batch', retryable: false },
      { kind: 'declined', code: 'INVALID_REQUEST', message: 'bad batch', retryable: false },
    ])
    // The always-200 envelope can refuse the whole batch too.
    expect(kinds(response(200, { success: false, code: 'INVALID_REQUEST', message: 'bad batch' }), 2)).toEqual(['declined', 'declined'])
    expect(kinds(response(200, { success: false, code: 'INTERNAL_ERROR' }), 2)).toEqual(['ambiguous', 'ambiguous'])
    expect(kinds(response(500, { success: false, code: 'INTERNAL_ERROR' }), 2)).toEqual(['ambiguous', 'ambiguous'])
    expect(kinds(response(502, '<html>Bad Gateway</html>'), 2)).toEqual(['ambiguous', 'ambiguous'])
    expect(kinds(response(200, 'garbage'), 2)).toEqual(['ambiguous', 'ambiguous'])
    expect(kinds(response(200, { success: true, code: '00' }), 2)).toEqual(['ambiguous', 'ambiguous'])
    expect(kinds(batch([accepted('SBX1')]), 2)).toEqual(['ambiguous', 'ambiguous'])
    expect(kinds(batch([accepted('SBX1'), accepted('SBX2'), accepted('SBX3')]), 2)).toEqual(['ambiguous', 'ambiguous'])
  })

  it('verifies a batch callback once and parses its events in order', async () => {
    const event = (eventId: string, txnId: string, status: string) => ({
      eventId,
      eventType: 'PAYOUT_STATUS_UPDATE',
      eventTime: '2024-05-01T10:00:05.000Z',
      data: { ...data, txnId, merchantRequestId: `pay_${txnId}:1`, status },
    })
    const body = JSON.stringify({ eventType: 'PAYOUT_STATUS_BATCH', events: [event('evt_1', 'A', 'PENDING'), event('evt_2', 'B', 'SUCCESS'), event('evt_3', 'A', 'REVERSED')] })
    const parsed = await upi.parseCallback(signedCallback(body), credentials)
    expect(Array.isArray(parsed)).toBe(true)
    expect((parsed as readonly ChannelCallback[]).map(({ eventId, paymentId, channelReference, status }) => [eventId, paymentId, channelReference, status])).toEqual([
      ['evt_1', 'pay_A', 'A', 'processing'],
      ['evt_2', 'pay_B', 'B', 'paid_out'],
      ['evt_3', 'pay_A', 'A', 'returned'],
    ])
    expect(await upi.parseCallback({ ...signedCallback(body), body: body.replace('evt_3', 'evt_4') }, credentials)).toEqual({ error: 'invalid_signature' })
    expect(await upi.parseCallback(signedCallback(body, 'wrong-secret'), credentials)).toEqual({ error: 'invalid_signature' })
    const oneBad = JSON.stringify({ eventType: 'PAYOUT_STATUS_BATCH', events: [event('evt_1', 'A', 'PENDING'), { eventId: 'evt_2', data: { txnId: 'B' } }] })
    expect(await upi.parseCallback(signedCallback(oneBad), credentials)).toEqual({ error: 'malformed' })
    expect(await upi.parseCallback(signedCallback(JSON.stringify({ eventType: 'PAYOUT_STATUS_BATCH', events: [] })), credentials)).toEqual({ error: 'malformed' })
  })
})
