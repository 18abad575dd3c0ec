import { describe, expect, it } from 'vitest'
import { AMBIGUOUS_RESPONSES, credentials, FIXED_NOW, fixedNow, response } from '../../../test/fixtures/channels/adapter-harness.js'
import { hmacBase64, sha256Base64 } from '../../../test/fixtures/channels/node-crypto.js'
import { payoutFor } from '../../../test/fixtures/channels/payout-instructions.js'
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
