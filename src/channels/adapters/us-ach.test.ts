import { describe, expect, it } from 'vitest'
import { AMBIGUOUS_RESPONSES, credentials, FIXED_UNIX, fixedNow, response } from '../../../test/fixtures/channels/adapter-harness.js'
import { hmacHex } from '../../../test/fixtures/channels/node-crypto.js'
import { payoutFor } from '../../../test/fixtures/channels/payout-instructions.js'
import type { ChannelCallback } from '../types.js'
import { createUsAchChannel } from './us-ach.js'

const ach = createUsAchChannel({ now: fixedNow })
const transfer = { id: 'achtr_1', object: 'ach_transfer', idempotency_key: 'pay_01HZX3K9T2:1' }

function signedCallback(body: string, secret = credentials.signingSecret) {
  return { headers: { 'ach-signature': `t=${FIXED_UNIX},v1=${hmacHex(secret, `${FIXED_UNIX}.${body}`)}` }, body }
}

describe('us_ach adapter', () => {
  it('builds a signed ACH credit in snake_case', async () => {
    const request = await ach.buildSubmitRequest(payoutFor('us_ach'), credentials)
    expect(request).toMatchObject({ method: 'POST', path: '/us_ach/v1/ach_transfers' })
    expect(JSON.parse(request.body ?? '')).toMatchObject({
      amount: '125.50',
      currency: 'USD',
      direction: 'credit',
      standard_entry_class_code: 'PPD',
      company_entry_description: 'PAYOUT',
      receiver: { name: 'Jane Doe', routing_number: '021000021', account_number: '123456789', account_type: 'checking' },
      external_id: 'pay_01HZX3K9T2',
      idempotency_key: 'pay_01HZX3K9T2:1',
    })
    expect(request.headers['Idempotency-Key']).toBe('pay_01HZX3K9T2:1')
    const signature = hmacHex(credentials.signingSecret, `${FIXED_UNIX}.POST ${request.path}.${request.body}`)
    expect(request.headers['Ach-Signature']).toBe(`t=${FIXED_UNIX},v1=${signature}`)
  })

  it('declares the 16:45 New York cut-off', () => {
    expect(ach.capabilities.cutoff).toEqual({ time: '16:45', timeZone: 'America/New_York' })
    expect(ach.capabilities.speed).toBe('next_day')
  })

  it('parses acceptance and declines', () => {
    expect(ach.parseSubmitResponse(response(201, { ...transfer, status: 'pending_submission' }))).toEqual({
      kind: 'accepted',
      channelReference: 'achtr_1',
      status: 'processing',
    })
    expect(ach.parseSubmitResponse(response(422, { error: { code: 'invalid_routing_number', message: 'bad' } }))).toEqual({
      kind: 'declined',
      code: 'invalid_routing_number',
      message: 'bad',
      retryable: false,
    })
    expect(ach.parseSubmitResponse(response(422, { error: { code: 'submission_window_closed' } }))).toMatchObject({ retryable: true })
    // A 4xx without the channel's error shape is not a decline we can trust.
    expect(ach.parseSubmitResponse(response(404, 'Not Found')).kind).toBe('ambiguous')
  })

  it.each(AMBIGUOUS_RESPONSES)('treats %s as ambiguous', (_name, reply) => {
    expect(ach.parseSubmitResponse(reply).kind).toBe('ambiguous')
  })

  it('queries by idempotency key as a filtered list', async () => {
    const request = await ach.buildStatusRequest({ paymentId: 'pay_1', attempt: 1, channelReference: null }, credentials)
    expect(request.path).toBe('/us_ach/v1/ach_transfers?idempotency_key=pay_1%3A1')
    expect(request.headers['Ach-Signature']).toBe(`t=${FIXED_UNIX},v1=${hmacHex(credentials.signingSecret, `${FIXED_UNIX}.GET ${request.path}.`)}`)
    expect(ach.parseStatusResponse(response(200, { object: 'list', data: [] }))).toEqual({ kind: 'not_found' })
    expect(ach.parseStatusResponse(response(200, { object: 'list', data: [{ ...transfer, status: 'settled' }] }))).toEqual({
      kind: 'paid_out',
      channelReference: 'achtr_1',
    })
    expect(
      ach.parseStatusResponse(response(200, { ...transfer, status: 'returned', return: { reason_code: 'R03', description: 'No account' } })),
    ).toEqual({ kind: 'returned', channelReference: 'achtr_1', code: 'R03', message: 'No account' })
    expect(ach.parseStatusResponse(response(404, { error: { code: 'resource_not_found' } }))).toEqual({ kind: 'not_found' })
    expect(ach.parseStatusResponse(response(500, {})).kind).toBe('unavailable')
  })

  it('verifies and parses callbacks', async () => {
    const body = JSON.stringify({
      id: 'evt_9',
      object: 'event',
      type: 'ach_transfer.returned',
      created_at: '2024-05-03T14:00:00.000Z',
      data: { ...transfer, status: 'returned', return: { reason_code: 'R01' } },
    })
    expect(await ach.parseCallback(signedCallback(body), credentials)).toMatchObject({
      channelReference: 'achtr_1',
      paymentId: 'pay_01HZX3K9T2',
      attempt: 1,
      status: 'returned',
      code: 'R01',
      eventId: 'evt_9',
    })
    expect(await ach.parseCallback({ ...signedCallback(body), body: body.replace('R01', 'R02') }, credentials)).toEqual({ error: 'invalid_signature' })
    // Several v1 signatures (secret rotation): any valid one is enough.
    const rotated = signedCallback(body)
    rotated.headers['ach-signature'] = `t=${FIXED_UNIX},v1=${'0'.repeat(64)},${rotated.headers['ach-signature']?.split(',')[1] ?? ''}`
    expect(await ach.parseCallback(rotated, credentials)).toMatchObject({ status: 'returned' })
  })
})

describe('us_ach bulk (a batch of entries)', () => {
  const bulk = ach.bulk
  if (!bulk) throw new Error('us_ach must have a bulk API')
  const instructions = ['pay_b1', 'pay_b2'].map((paymentId) => payoutFor('us_ach', { paymentId }))
  const entry = (id: string, status = 'pending_submission') => ({ id, object: 'ach_transfer', idempotency_key: `${id}:1`, status })

  it('builds one signed batch whose entries are the single submission bodies, in order', async () => {
    const request = await bulk.buildSubmitRequest(instructions, credentials)
    expect(request).toMatchObject({ method: 'POST', path: '/us_ach/v1/ach_batches' })
    const body = JSON.parse(request.body ?? '') as { object: string; batch_id: string; transfers: unknown[] }
    const singles = await Promise.all(instructions.map(async (instruction) => JSON.parse((await ach.buildSubmitRequest(instruction, credentials)).body ?? '')))
    expect(body).toEqual({ object: 'ach_batch', batch_id: expect.stringMatching(/^bulk_[0-9a-f]{32}$/), transfers: singles })
    expect(body.transfers.map((transfer) => (transfer as { idempotency_key: string }).idempotency_key)).toEqual(['pay_b1:1', 'pay_b2:1'])
    expect(request.headers['Idempotency-Key']).toBeUndefined()
    expect(request.headers['Authorization']).toBe('Bearer key_test_123')
    const signature = hmacHex(credentials.signingSecret, `${FIXED_UNIX}.POST ${request.path}.${request.body}`)
    expect(request.headers['Ach-Signature']).toBe(`t=${FIXED_UNIX},v1=${signature}`)
    await expect(bulk.buildSubmitRequest([], credentials)).rejects.toBeInstanceOf(RangeError)
  })

  it('parses a mixed answer entry by entry', () => {
    const reply = response(200, {
      object: 'ach_batch',
      data: [
        entry('achtr_1'),
        { error: { type: 'payout_declined', code: 'insufficient_balance', message: 'low' } },
        { error: { type: 'api_error', code: 'internal_error', message: 'internal error' } },
        { error: { type: 'invalid_request_error', code: 'idempotency_key_reused' } },
        entry('achtr_5', 'settled'),
      ],
    })
    expect(bulk.parseSubmitResponse(reply, 5)).toEqual([
      { kind: 'accepted', channelReference: 'achtr_1', status: 'processing' },
      { kind: 'declined', code: 'insufficient_balance', message: 'low', retryable: true },
      { kind: 'ambiguous', reason: 'HTTP 200: item error internal_error' },
      { kind: 'declined', code: 'idempotency_key_reused', message: 'declined', retryable: false },
      { kind: 'accepted', channelReference: 'achtr_5', status: 'paid_out' },
    ])
  })

  it('gives every entry the answer about the whole batch', () => {
    const kinds = (reply: ReturnType<typeof response>, count: number) => bulk.parseSubmitResponse(reply, count).map((outcome) => outcome.kind)
    expect(bulk.parseSubmitResponse(response(401, {}), 2).map((outcome) => outcome.kind === 'declined' && outcome.code)).toEqual(['http_401', 'http_401'])
    expect(bulk.parseSubmitResponse(response(400, { error: { code: 'invalid_request', message: 'bad' } }), 2)).toEqual([
      { kind: 'declined', code: 'invalid_request', message: 'bad', retryable: false },
      { kind: 'declined', code: 'invalid_request', message: 'bad', retryable: false },
    ])
    expect(kinds(response(500, { error: { code: 'internal_error' } }), 2)).toEqual(['ambiguous', 'ambiguous'])
    expect(kinds(response(200, 'garbage'), 2)).toEqual(['ambiguous', 'ambiguous'])
    expect(kinds(response(200, { object: 'ach_batch', data: [entry('achtr_1')] }), 2)).toEqual(['ambiguous', 'ambiguous'])
  })

  it('verifies a batch callback once and parses its events in order', async () => {
    const event = (id: string, transferId: string, status: string) => ({
      id,
      object: 'event',
      type: `ach_transfer.${status}`,
      created_at: '2024-05-03T14:00:00.000Z',
      data: { ...entry(transferId), idempotency_key: `pay_${transferId}:1`, status },
    })
    const body = JSON.stringify({ object: 'list', data: [event('evt_1', 'A', 'submitted'), event('evt_2', 'B', 'settled'), event('evt_3', 'A', 'settled')], has_more: false })
    const parsed = await ach.parseCallback(signedCallback(body), credentials)
    expect((parsed as readonly ChannelCallback[]).map(({ eventId, paymentId, status }) => [eventId, paymentId, status])).toEqual([
      ['evt_1', 'pay_A', 'processing'],
      ['evt_2', 'pay_B', 'paid_out'],
      ['evt_3', 'pay_A', 'paid_out'],
    ])
    expect(await ach.parseCallback({ ...signedCallback(body), body: body.replace('evt_3', 'evt_4') }, credentials)).toEqual({ error: 'invalid_signature' })
    const oneBad = JSON.stringify({ object: 'list', data: [event('evt_1', 'A', 'submitted'), { id: 'evt_2', object: 'event' }] })
    expect(await ach.parseCallback(signedCallback(oneBad), credentials)).toEqual({ error: 'malformed' })
  })
})
