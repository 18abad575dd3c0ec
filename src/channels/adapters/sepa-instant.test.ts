import { describe, expect, it } from 'vitest'
import { AMBIGUOUS_RESPONSES, credentials, FIXED_UNIX, fixedNow, response } from '../../../test/fixtures/channels/adapter-harness.js'
import { hmacHex } from '../../../test/fixtures/channels/node-crypto.js'
import { payoutFor } from '../../../test/fixtures/channels/payout-instructions.js'
import { ChannelInstructionError } from '../instruction.js'
import type { ChannelCallback } from '../types.js'
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

describe('sepa_instant bulk', () => {
  const bulk = sepa.bulk
  if (!bulk) throw new Error('sepa_instant must have a bulk API')
  const instructions = ['pay_b1', 'pay_b2', 'pay_b3'].map((paymentId) => payoutFor('sepa_instant', { paymentId }))
  const accepted = (id: string, status = 'ACSP') => ({ transactionId: id, instructionId: `${id}:1`, transactionStatus: status })

  it('builds one signed request whose items are the single submission bodies, in order', async () => {
    const request = await bulk.buildSubmitRequest(instructions, credentials)
    expect(request).toMatchObject({ method: 'POST', path: '/sepa_instant/v1/instant-credit-transfers/bulk' })
    const body = JSON.parse(request.body ?? '') as { bulkId: string; transfers: unknown[] }
    const singles = await Promise.all(instructions.map(async (instruction) => JSON.parse((await sepa.buildSubmitRequest(instruction, credentials)).body ?? '')))
    expect(body.transfers).toEqual(singles)
    expect(body.transfers.map((transfer) => (transfer as { instructionId: string }).instructionId)).toEqual(['pay_b1:1', 'pay_b2:1', 'pay_b3:1'])
    expect(body.bulkId).toMatch(/^bulk_[0-9a-f]{32}$/)
    expect(JSON.parse((await bulk.buildSubmitRequest(instructions, credentials)).body ?? '').bulkId).toBe(body.bulkId)
    expect(JSON.parse((await bulk.buildSubmitRequest(instructions.slice(1), credentials)).body ?? '').bulkId).not.toBe(body.bulkId)
    expect(request.headers['Authorization']).toBe('Bearer key_test_123')
    expect(request.headers['Idempotency-Key']).toBeUndefined()
    expect(request.headers['X-Request-Timestamp']).toBe(FIXED_UNIX)
    const expected = hmacHex(credentials.signingSecret, `${FIXED_UNIX}.POST.${request.path}.${request.body}`)
    expect(request.headers['X-Signature']).toBe(`v1=${expected}`)
  })

  it('refuses an empty or oversized batch and instructions SEPA cannot carry', async () => {
    await expect(bulk.buildSubmitRequest([], credentials)).rejects.toBeInstanceOf(RangeError)
    const tooMany = Array.from({ length: bulk.maxItems + 1 }, (_, index) => payoutFor('sepa_instant', { paymentId: `pay_${index}` }))
    await expect(bulk.buildSubmitRequest(tooMany, credentials)).rejects.toBeInstanceOf(RangeError)
    await expect(bulk.buildSubmitRequest([instructions[0] ?? payoutFor('sepa_instant'), payoutFor('us_ach')], credentials)).rejects.toBeInstanceOf(
      ChannelInstructionError,
    )
  })

  it('parses a mixed answer item by item', () => {
    const reply = response(200, {
      transfers: [accepted('SCTI1'), { transactionStatus: 'RJCT', statusReasonCode: 'AC04', statusReasonText: 'closed' }, { error: 'internal_error' }, accepted('SCTI4', 'ACCC')],
    })
    expect(bulk.parseSubmitResponse(reply, 4)).toEqual([
      { kind: 'accepted', channelReference: 'SCTI1', status: 'processing' },
      { kind: 'declined', code: 'AC04', message: 'closed', retryable: false },
      { kind: 'ambiguous', reason: 'HTTP 200: item error internal_error' },
      { kind: 'accepted', channelReference: 'SCTI4', status: 'paid_out' },
    ])
    expect(bulk.parseSubmitResponse(response(200, { transfers: [{ transactionStatus: 'RJCT', statusReasonCode: 'AB05' }] }), 1)).toEqual([
      { kind: 'declined', code: 'AB05', message: 'rejected', retryable: true },
    ])
  })

  it('gives every item the answer about the whole request', () => {
    const all = (reply: ReturnType<typeof response>, count: number) => bulk.parseSubmitResponse(reply, count).map((outcome) => outcome.kind)
    expect(bulk.parseSubmitResponse(response(401, {}), 2)).toEqual([
      { kind: 'declined', code: 'http_401', message: 'channel answered HTTP 401', retryable: true },
      { kind: 'declined', code: 'http_401', message: 'channel answered HTTP 401', retryable: true },
    ])
    expect(bulk.parseSubmitResponse(response(400, { transactionStatus: 'RJCT', statusReasonCode: 'FF01', statusReasonText: 'bad' }), 2)).toEqual([
      { kind: 'declined', code: 'FF01', message: 'bad', retryable: false },
      { kind: 'declined', code: 'FF01', message: 'bad', retryable: false },
    ])
    expect(all(response(500, { error: 'internal' }), 3)).toEqual(['ambiguous', 'ambiguous', 'ambiguous'])
    expect(all(response(504, 'upstream timed out'), 2)).toEqual(['ambiguous', 'ambiguous'])
    expect(all(response(200, 'not json'), 2)).toEqual(['ambiguous', 'ambiguous'])
    expect(all(response(200, {}), 2)).toEqual(['ambiguous', 'ambiguous'])
    // One answer short: no item can be matched to its instruction with certainty.
    expect(all(response(200, { transfers: [accepted('SCTI1')] }), 2)).toEqual(['ambiguous', 'ambiguous'])
    expect(bulk.parseSubmitResponse(response(200, { transfers: [accepted('SCTI1'), accepted('SCTI2')] }), 3)[0]).toEqual({
      kind: 'ambiguous',
      reason: 'HTTP 200: bulk response has 2 items for 3 payouts',
    })
  })

  it('verifies a batch callback once and parses its events in order', async () => {
    const event = (eventId: string, transactionId: string, status: string) => ({
      eventId,
      eventType: 'instant-credit-transfer.status-changed',
      createdAt: '2024-05-01T10:00:05.000Z',
      transfer: { ...transfer, transactionId, instructionId: `pay_${transactionId}:1`, transactionStatus: status },
    })
    const body = JSON.stringify({ events: [event('evt_2', 'B', 'ACCC'), event('evt_1', 'A', 'ACSP'), event('evt_3', 'A', 'RTND')] })
    const parsed = await sepa.parseCallback(signedCallback(body), credentials)
    expect(Array.isArray(parsed)).toBe(true)
    expect((parsed as readonly ChannelCallback[]).map(({ eventId, paymentId, status }) => [eventId, paymentId, status])).toEqual([
      ['evt_2', 'pay_B', 'paid_out'],
      ['evt_1', 'pay_A', 'processing'],
      ['evt_3', 'pay_A', 'returned'],
    ])
    expect(await sepa.parseCallback({ ...signedCallback(body), body: body.replace('evt_3', 'evt_9') }, credentials)).toEqual({ error: 'invalid_signature' })
    expect(await sepa.parseCallback(signedCallback(body, 'other-secret'), credentials)).toEqual({ error: 'invalid_signature' })
    const oneBad = JSON.stringify({ events: [event('evt_1', 'A', 'ACSP'), { eventId: 'evt_2' }] })
    expect(await sepa.parseCallback(signedCallback(oneBad), credentials)).toEqual({ error: 'malformed' })
    expect(await sepa.parseCallback(signedCallback('{"events":[]}'), credentials)).toEqual({ error: 'malformed' })
    expect(await sepa.parseCallback(signedCallback('{"events":{}}'), credentials)).toEqual({ error: 'malformed' })
  })
})
