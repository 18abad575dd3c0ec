import { describe, expect, it } from 'vitest'
import { AMBIGUOUS_RESPONSES, credentials, FIXED_UNIX, fixedNow, response } from '../../../test/fixtures/channels/adapter-harness.js'
import { hmacBase64, sha256Hex } from '../../../test/fixtures/channels/node-crypto.js'
import { payoutFor } from '../../../test/fixtures/channels/payout-instructions.js'
import { ChannelInstructionError } from '../instruction.js'
import { createSwiftChannel, swiftWire } from './swift.js'

const swift = createSwiftChannel({ now: fixedNow, instructingAgentBic: 'CRDRGB2LXXX', instructedAgentBic: 'CHASUS33XXX' })
const UUID_V4 = /^[a-f0-9]{8}-[a-f0-9]{4}-4[a-f0-9]{3}-[89ab][a-f0-9]{3}-[a-f0-9]{12}$/

function signedCallback(body: string, secret = credentials.signingSecret) {
  return { headers: { 'X-Swift-Timestamp': FIXED_UNIX, 'X-Swift-Signature': hmacBase64(secret, `${FIXED_UNIX}\n${sha256Hex(body)}`) }, body }
}

describe('swift adapter', () => {
  it('sends a signed pacs.008 with a UETR derived from the idempotency key', async () => {
    const request = await swift.buildSubmitRequest(payoutFor('swift'), credentials)
    const uetr = await swiftWire.uetrFor('pay_01HZX3K9T2:1')
    expect(uetr).toMatch(UUID_V4)
    expect(request).toMatchObject({ method: 'POST', path: '/swift/v1/payments' })
    expect(request.headers['Content-Type']).toBe('application/xml; charset=utf-8')
    expect(request.headers['Idempotency-Key']).toBe('pay_01HZX3K9T2:1')
    const xml = request.body ?? ''
    expect(xml).toContain(`<UETR>${uetr}</UETR>`)
    expect(xml).toContain('<IntrBkSttlmAmt Ccy="USD">10000.00</IntrBkSttlmAmt>')
    expect(xml).toContain('<Nm>Acme Trading &amp; Sons &lt;HK&gt; Ltd</Nm>')
    expect(xml).toMatch(/<CdtrAgt>\s*<FinInstnId>\s*<BICFI>HSBCHKHHXXX<\/BICFI>/)
    expect(xml).toMatch(/<InstdAgt>\s*<FinInstnId>\s*<BICFI>CHASUS33XXX<\/BICFI>/)
    const signed = `${FIXED_UNIX}\nPOST\n${request.path}\n${sha256Hex(xml)}`
    expect(request.headers['X-Swift-Signature']).toBe(hmacBase64(credentials.signingSecret, signed))
    // The same attempt always produces the same identifiers.
    expect((await swift.buildSubmitRequest(payoutFor('swift'), credentials)).body).toBe(xml)
  })

  it('pays IBAN accounts only with the creditor agent BIC', async () => {
    const withBic = payoutFor('sepa_instant', { currency: 'EUR' })
    expect((await swift.buildSubmitRequest(withBic, credentials)).body).toContain('<IBAN>DE89370400440532013000</IBAN>')
    const account = { type: 'iban' as const, iban: 'DE89370400440532013000' }
    const withoutBic = payoutFor('sepa_instant', { creditor: { name: 'Zoë', country: 'DE', account } })
    await expect(swift.buildSubmitRequest(withoutBic, credentials)).rejects.toBeInstanceOf(ChannelInstructionError)
  })

  it('refuses a beneficiary name SWIFT cannot carry instead of sending dots', async () => {
    const instruction = payoutFor('swift', { creditor: { ...payoutFor('swift').creditor, name: '王小明' } })
    await expect(swift.buildSubmitRequest(instruction, credentials)).rejects.toThrow(/creditor\.name/)
  })

  it('parses gpi-style answers', () => {
    const uetr = '2a47f2b8-668c-476b-a31f-f4201f476256'
    expect(swift.parseSubmitResponse(response(202, { uetr, transaction_status: 'ACSP' }))).toEqual({
      kind: 'accepted',
      channelReference: uetr,
      status: 'processing',
    })
    expect(swift.parseSubmitResponse(response(422, { transaction_status: 'RJCT', transaction_status_reason: 'RR04' }))).toEqual({
      kind: 'declined',
      code: 'RR04',
      message: 'rejected',
      retryable: false,
    })
    expect(swift.parseStatusResponse(response(200, { uetr, transaction_status: 'ACCC' }))).toEqual({ kind: 'paid_out', channelReference: uetr })
    expect(swift.parseStatusResponse(response(404, { error: { code: 'payment_not_found' } }))).toEqual({ kind: 'not_found' })
  })

  it.each(AMBIGUOUS_RESPONSES)('treats %s as ambiguous', (_name, reply) => {
    expect(swift.parseSubmitResponse(reply).kind).toBe('ambiguous')
  })

  it('looks a timed-out submission up by its derived UETR', async () => {
    const request = await swift.buildStatusRequest({ paymentId: 'pay_01HZX3K9T2', attempt: 1, channelReference: null }, credentials)
    expect(request.path).toBe(`/swift/v1/payments/${await swiftWire.uetrFor('pay_01HZX3K9T2:1')}/status`)
  })

  it('verifies and parses callbacks', async () => {
    const body = JSON.stringify({
      event_id: 'evt_s',
      event_time: '2024-05-03T09:00:00Z',
      uetr: '2a47f2b8-668c-476b-a31f-f4201f476256',
      idempotency_key: 'pay_01HZX3K9T2:1',
      transaction_status: 'RETN',
      transaction_status_reason: 'AC04',
    })
    expect(await swift.parseCallback(signedCallback(body), credentials)).toMatchObject({ status: 'returned', code: 'AC04', eventId: 'evt_s' })
    expect(await swift.parseCallback({ ...signedCallback(body), body: body.replace('AC04', 'AC01') }, credentials)).toEqual({ error: 'invalid_signature' })
  })
})
