import { describe, expect, it } from 'vitest'
import { AMBIGUOUS_RESPONSES, credentials, FIXED_UNIX, fixedNow, response } from '../../../test/fixtures/channels/adapter-harness.js'
import { hmacHex } from '../../../test/fixtures/channels/node-crypto.js'
import { payoutFor } from '../../../test/fixtures/channels/payout-instructions.js'
import { ChannelInstructionError } from '../instruction.js'
import { createSepaInstantChannel } from './sepa-instant.js'

const sepa = createSepaInstantChannel({ now: fixedNow })
const transfer = { transactionId: 'SCTI0001', instructionId: 'pay_01HZX3K9T2:1', endToEndId: 'pay_01HZX3K9T2' }

function signedCallback(body: string, secret = credentials.signingSecret) {
  return { headers: { 'X-Request-Timestamp': FIXED_UNIX, 'X-Signature': `v1=${hmacHex(secret, `${FIXED_UNIX}.${body}`)}` }, body }
}

describe('sepa_instant adapter', () => {
  it('builds a signed SCT Inst submission carrying the idempotency key', async () => {
    const request = await sepa.buildSubmitRequest(payoutFor('sepa_instant'), credentials)
    expect(request).toMatchObject({ method: 'POST', path: '/sepa_instant/v1/instant-credit-transfers' })
    expect(JSON.parse(request.body ?? '')).toEqual({
      instructionId: 'pay_01HZX3K9T2:1',
      endToEndId: 'pay_01HZX3K9T2',
      amount: { value: '125.50', currency: 'EUR' },
      debtor: { name: 'Corridor Demo Merchant Ltd', countryCode: 'US' },
      creditor: { name: 'Zoë Müller', countryCode: 'DE' },
      creditorAccount: { iban: 'DE89370400440532013000' },
      creditorAgent: { bic: 'COBADEFFXXX' },
      remittanceInformationUnstructured: 'Invoice 2024-0042',
    })
    expect(request.headers['Authorization']).toBe('Bearer key_test_123')
    expect(request.headers['Idempotency-Key']).toBe('pay_01HZX3K9T2:1')
    expect(request.headers['X-Request-Timestamp']).toBe(FIXED_UNIX)
    const expected = hmacHex(credentials.signingSecret, `${FIXED_UNIX}.POST.${request.path}.${request.body}`)
    expect(request.headers['X-Signature']).toBe(`v1=${expected}`)
  })

  it('refuses what SEPA cannot carry', async () => {
    const ach = payoutFor('us_ach')
    await expect(sepa.buildSubmitRequest(ach, credentials)).rejects.toBeInstanceOf(ChannelInstructionError)
    await expect(sepa.buildSubmitRequest(payoutFor('sepa_instant', { currency: 'GBP' }), credentials)).rejects.toThrow(/GBP/)
    await expect(sepa.buildSubmitRequest(payoutFor('sepa_instant', { amount: '1.005' }), credentials)).rejects.toThrow(/amount/)
  })

  it('parses acceptance, settlement and rejection', () => {
    expect(sepa.parseSubmitResponse(response(201, { ...transfer, transactionStatus: 'ACSP' }))).toEqual({
      kind: 'accepted',
      channelReference: 'SCTI0001',
      status: 'processing',
    })
    expect(sepa.parseSubmitResponse(response(201, { ...transfer, transactionStatus: 'ACCC' }))).toMatchObject({ status: 'paid_out' })
    expect(sepa.parseSubmitResponse(response(422, { transactionStatus: 'RJCT', statusReasonCode: 'AC04' }))).toEqual({
      kind: 'declined',
      code: 'AC04',
      message: 'rejected',
      retryable: false,
    })
    expect(sepa.parseSubmitResponse(response(201, { transactionStatus: 'RJCT', statusReasonCode: 'AB05' }))).toMatchObject({
      kind: 'declined',
      retryable: true,
    })
    expect(sepa.parseSubmitResponse(response(401, {}))).toMatchObject({ kind: 'declined', code: 'http_401', retryable: true })
  })

  it.each(AMBIGUOUS_RESPONSES)('treats %s as ambiguous', (_name, reply) => {
    expect(sepa.parseSubmitResponse(reply).kind).toBe('ambiguous')
  })

  it('queries by reference or by idempotency key and reads the status', async () => {
    const byKey = await sepa.buildStatusRequest({ paymentId: 'pay_1', attempt: 2, channelReference: null }, credentials)
    expect(byKey.path).toBe('/sepa_instant/v1/instant-credit-transfers?instructionId=pay_1%3A2')
    expect(byKey.headers['X-Signature']).toBe(`v1=${hmacHex(credentials.signingSecret, `${FIXED_UNIX}.GET.${byKey.path}.`)}`)
    const byReference = await sepa.buildStatusRequest({ paymentId: 'pay_1', attempt: 2, channelReference: 'SCTI 9' }, credentials)
    expect(byReference.path).toBe('/sepa_instant/v1/instant-credit-transfers/SCTI%209')

    expect(sepa.parseStatusResponse(response(200, { ...transfer, transactionStatus: 'RTND', statusReasonCode: 'MD07' }))).toEqual({
      kind: 'returned',
      channelReference: 'SCTI0001',
      code: 'MD07',
    })
    expect(sepa.parseStatusResponse(response(404, { error: 'transfer_not_found' }))).toEqual({ kind: 'not_found' })
    // A bare 404 (wrong URL, proxy) is not the channel saying "never received".
    expect(sepa.parseStatusResponse(response(404, 'Not Found')).kind).toBe('unavailable')
    expect(sepa.parseStatusResponse(response(503, {})).kind).toBe('unavailable')
  })

  it('verifies and parses callbacks', async () => {
    const body = JSON.stringify({
      eventId: 'evt_1',
      eventType: 'instant-credit-transfer.status-changed',
      createdAt: '2024-05-01T10:00:05.000Z',
      transfer: { ...transfer, transactionStatus: 'ACCC' },
    })
    expect(await sepa.parseCallback(signedCallback(body), credentials)).toEqual({
      channelReference: 'SCTI0001',
      paymentId: 'pay_01HZX3K9T2',
      attempt: 1,
      status: 'paid_out',
      eventId: 'evt_1',
      occurredAt: new Date('2024-05-01T10:00:05.000Z'),
    })
    const tampered = { ...signedCallback(body), body: body.replace('ACCC', 'RJCT') }
    expect(await sepa.parseCallback(tampered, credentials)).toEqual({ error: 'invalid_signature' })
    expect(await sepa.parseCallback(signedCallback(body, 'other-secret'), credentials)).toEqual({ error: 'invalid_signature' })
    expect(await sepa.parseCallback({ headers: {}, body }, credentials)).toEqual({ error: 'invalid_signature' })
    expect(await sepa.parseCallback(signedCallback('{"eventId":"evt_2"}'), credentials)).toEqual({ error: 'malformed' })
  })
})
