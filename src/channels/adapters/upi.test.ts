import { describe, expect, it } from 'vitest'
import { AMBIGUOUS_RESPONSES, credentials, FIXED_NOW, fixedNow, response } from '../../../test/fixtures/channels/adapter-harness.js'
import { hmacBase64 } from '../../../test/fixtures/channels/node-crypto.js'
import { payoutFor } from '../../../test/fixtures/channels/payout-instructions.js'
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
