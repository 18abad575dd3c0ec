import { describe, expect, it } from 'vitest'
import { AMBIGUOUS_RESPONSES, credentials, fixedNow, response } from '../../../test/fixtures/channels/adapter-harness.js'
import { hmacHex } from '../../../test/fixtures/channels/node-crypto.js'
import { payoutFor } from '../../../test/fixtures/channels/payout-instructions.js'
import type { ChannelCallback } from '../types.js'
import { cnIbpsWire, createCnIbpsChannel } from './cn-ibps.js'

const ibps = createCnIbpsChannel({ now: fixedNow })
const order = { out_biz_no: 'pay_01HZX3K9T2:1', order_id: '20240501000000011234' }

/** The documented rule, written out independently: sorted k=v pairs without `sign`, uppercase hex. */
function referenceSign(params: Record<string, string>, secret = credentials.signingSecret): string {
  const content = Object.keys(params)
    .filter((name) => name !== 'sign' && params[name] !== '')
    .sort()
    .map((name) => `${name}=${params[name]}`)
    .join('&')
  return hmacHex(secret, content).toUpperCase()
}

function notification(fields: Record<string, string>, secret?: string) {
  const params = { notify_id: 'ntf_1', notify_time: '2024-05-01 18:00:05', notify_type: 'ibps_transfer_changed', ...order, ...fields }
  return { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ ...params, sign: referenceSign(params, secret) }).toString() }
}

describe('cn_ibps adapter', () => {
  it('builds a signed gateway envelope with biz_content', async () => {
    const request = await ibps.buildSubmitRequest(payoutFor('cn_ibps'), credentials)
    expect(request).toMatchObject({ method: 'POST', path: '/cn_ibps/v1/gateway/transfer' })
    const envelope = JSON.parse(request.body ?? '') as Record<string, string>
    expect(envelope).toMatchObject({
      app_id: 'key_test_123',
      method: 'ibps.transfer.create',
      sign_type: 'HMAC-SHA256',
      // 10:00 UTC is 18:00 in Beijing.
      timestamp: '2024-05-01 18:00:00',
    })
    expect(JSON.parse(envelope['biz_content'] ?? '')).toEqual({
      out_biz_no: 'pay_01HZX3K9T2:1',
      trans_amount: '880.00',
      currency: 'CNY',
      payee_info: { card_no: '6222021234567890128', name: '王小明', bank_name: '中国工商银行' },
      order_title: 'Invoice 2024-0042',
      remark: 'Invoice 2024-0042',
    })
    expect(envelope['sign']).toBe(referenceSign(envelope))
  })

  it('documents the IBPS choice: 24/7 and 50,000 CNY per transfer', () => {
    expect(ibps.capabilities.cutoff).toBeNull()
    expect(ibps.capabilities.maxAmount).toEqual({ CNY: '50000.00' })
  })

  it('parses gateway codes', () => {
    const ok = { ibps_transfer_create_response: { code: '10000', msg: 'Success', ...order, status: 'DEALING' } }
    expect(ibps.parseSubmitResponse(response(200, ok))).toEqual({ kind: 'accepted', channelReference: order.order_id, status: 'processing' })
    const failed = { ibps_transfer_create_response: { code: '40004', msg: 'Business Failed', sub_code: 'PAYEE_NOT_EXIST', sub_msg: '收款账号不存在' } }
    expect(ibps.parseSubmitResponse(response(200, failed))).toEqual({ kind: 'declined', code: 'PAYEE_NOT_EXIST', message: '收款账号不存在', retryable: false })
    const limit = { ibps_transfer_create_response: { code: '40004', sub_code: 'EXCEED_LIMIT_SM_AMOUNT' } }
    expect(ibps.parseSubmitResponse(response(200, limit))).toMatchObject({ retryable: true })
    // "System error, please query": the gateway may have taken the order.
    const unknown = { ibps_transfer_create_response: { code: '40004', sub_code: 'SYSTEM_ERROR' } }
    expect(ibps.parseSubmitResponse(response(200, unknown)).kind).toBe('ambiguous')
    expect(ibps.parseSubmitResponse(response(200, { error_response: { code: '20000' } })).kind).toBe('ambiguous')
  })

  it.each(AMBIGUOUS_RESPONSES)('treats %s as ambiguous', (_name, reply) => {
    expect(ibps.parseSubmitResponse(reply).kind).toBe('ambiguous')
  })

  it('queries by out_biz_no and reads statuses', async () => {
    const request = await ibps.buildStatusRequest({ paymentId: 'pay_1', attempt: 1, channelReference: null }, credentials)
    const envelope = JSON.parse(request.body ?? '') as Record<string, string>
    expect(envelope['method']).toBe('ibps.transfer.query')
    expect(JSON.parse(envelope['biz_content'] ?? '')).toEqual({ out_biz_no: 'pay_1:1' })
    const refund = { ibps_transfer_query_response: { code: '10000', ...order, status: 'REFUND', error_code: 'PAYEE_ACCOUNT_STATUS_ERROR' } }
    expect(ibps.parseStatusResponse(response(200, refund))).toEqual({ kind: 'returned', channelReference: order.order_id, code: 'PAYEE_ACCOUNT_STATUS_ERROR' })
    const missing = { ibps_transfer_query_response: { code: '40004', sub_code: 'ORDER_NOT_EXIST' } }
    expect(ibps.parseStatusResponse(response(200, missing))).toEqual({ kind: 'not_found' })
    expect(ibps.parseStatusResponse(response(200, { ibps_transfer_query_response: { code: '20000' } })).kind).toBe('unavailable')
  })

  it('verifies form-encoded notifications and acknowledges with "success"', async () => {
    expect(ibps.callbackAcknowledgement.body).toBe('success')
    expect(await ibps.parseCallback(notification({ status: 'SUCCESS' }), credentials)).toEqual({
      channelReference: order.order_id,
      paymentId: 'pay_01HZX3K9T2',
      attempt: 1,
      status: 'paid_out',
      eventId: 'ntf_1',
      occurredAt: new Date('2024-05-01T10:00:05Z'),
    })
    const tampered = notification({ status: 'FAIL' })
    tampered.body = tampered.body.replace('FAIL', 'SUCCESS')
    expect(await ibps.parseCallback(tampered, credentials)).toEqual({ error: 'invalid_signature' })
    expect(await ibps.parseCallback(notification({ status: 'SUCCESS' }, 'wrong'), credentials)).toEqual({ error: 'invalid_signature' })
  })

  it('formats and parses China Standard Time', () => {
    expect(cnIbpsWire.formatTime(new Date('2024-12-31T20:30:00Z'))).toBe('2025-01-01 04:30:00')
    expect(cnIbpsWire.parseTime('2025-01-01 04:30:00')).toEqual(new Date('2024-12-31T20:30:00Z'))
    expect(cnIbpsWire.parseTime('2025-01-01T04:30:00')).toBeUndefined()
  })
})

describe('cn_ibps bulk (batch transfer)', () => {
  const bulk = ibps.bulk
  if (!bulk) throw new Error('cn_ibps must have a bulk API')
  const instructions = [payoutFor('cn_ibps', { paymentId: 'pay_b1', amount: '880.00' }), payoutFor('cn_ibps', { paymentId: 'pay_b2', amount: '0.05' })]
  const dealing = (orderId: string, status = 'DEALING') => ({ code: '10000', msg: 'Success', out_biz_no: `${orderId}:1`, order_id: orderId, status })
  const batch = (orders: unknown[]) => response(200, { ibps_transfer_batch_create_response: { code: '10000', msg: 'Success', trans_order_list: orders } })

  /** A batch notification, signed once over the whole form (notify_list included). */
  function batchNotification(list: unknown[], secret?: string) {
    const params = {
      notify_time: '2024-05-01 18:00:06',
      notify_type: 'ibps_transfer_batch_changed',
      app_id: 'key_test_123',
      notify_list: JSON.stringify(list),
    }
    return { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ ...params, sign: referenceSign(params, secret) }).toString() }
  }
  const event = (notifyId: string, orderId: string, status: string) => ({
    notify_id: notifyId,
    notify_time: '2024-05-01 18:00:05',
    notify_type: 'ibps_transfer_changed',
    out_biz_no: `pay_${orderId}:1`,
    order_id: orderId,
    status,
  })

  it('builds one signed envelope whose orders are the single biz_contents, in order, with the totals', async () => {
    const request = await bulk.buildSubmitRequest(instructions, credentials)
    expect(request).toMatchObject({ method: 'POST', path: '/cn_ibps/v1/gateway/batch_transfer' })
    const envelope = JSON.parse(request.body ?? '') as Record<string, string>
    expect(envelope).toMatchObject({ app_id: 'key_test_123', method: 'ibps.transfer.batch.create', sign_type: 'HMAC-SHA256', timestamp: '2024-05-01 18:00:00' })
    expect(envelope['sign']).toBe(referenceSign(envelope))
    expect(envelope['sign']).not.toBe(referenceSign(envelope, 'wrong'))
    const singles = await Promise.all(
      instructions.map(async (instruction) => JSON.parse((JSON.parse((await ibps.buildSubmitRequest(instruction, credentials)).body ?? '') as Record<string, string>)['biz_content'] ?? '')),
    )
    expect(JSON.parse(envelope['biz_content'] ?? '')).toEqual({
      out_batch_no: expect.stringMatching(/^bulk_[0-9a-f]{32}$/),
      total_count: '2',
      total_trans_amount: '880.05',
      currency: 'CNY',
      trans_order_list: singles,
    })
    expect(singles.map((order) => (order as { out_biz_no: string }).out_biz_no)).toEqual(['pay_b1:1', 'pay_b2:1'])
    expect(bulk.maxItems).toBe(100)
    await expect(bulk.buildSubmitRequest([], credentials)).rejects.toBeInstanceOf(RangeError)
    await expect(bulk.buildSubmitRequest(Array.from({ length: 101 }, () => payoutFor('cn_ibps')), credentials)).rejects.toBeInstanceOf(RangeError)
  })

  it('sums batch totals in fen, without floating point', () => {
    expect(cnIbpsWire.totalAmount(['0.10', '0.20'])).toBe('0.30')
    expect(cnIbpsWire.totalAmount(['49999.99', '0.01', '3'])).toBe('50003.00')
    expect(cnIbpsWire.totalAmount(['1.001'])).toBeUndefined()
  })

  it('parses a mixed answer order by order', () => {
    const reply = batch([
      dealing('O1'),
      { code: '40004', msg: 'Business Failed', sub_code: 'BALANCE_IS_NOT_ENOUGH', sub_msg: '余额不足' },
      { code: '20000', msg: 'Service Currently Unavailable', sub_code: 'isp.unknow-error' },
      { code: '40004', msg: 'Business Failed', sub_code: 'DUPLICATE_OUT_BIZ_NO', sub_msg: '商户订单号重复且参数不一致' },
      { code: '40004', msg: 'Business Failed', sub_code: 'SYSTEM_ERROR' },
      { code: '40004', msg: 'Business Failed', sub_code: 'PAYEE_NOT_EXIST', sub_msg: '收款账号不存在' },
      dealing('O7', 'SUCCESS'),
    ])
    expect(bulk.parseSubmitResponse(reply, 7)).toEqual([
      { kind: 'accepted', channelReference: 'O1', status: 'processing' },
      { kind: 'declined', code: 'BALANCE_IS_NOT_ENOUGH', message: '余额不足', retryable: true },
      { kind: 'ambiguous', reason: 'HTTP 200: gateway 20000 isp.unknow-error' },
      { kind: 'declined', code: 'DUPLICATE_OUT_BIZ_NO', message: '商户订单号重复且参数不一致', retryable: false },
      { kind: 'ambiguous', reason: 'HTTP 200: gateway 40004 SYSTEM_ERROR' },
      { kind: 'declined', code: 'PAYEE_NOT_EXIST', message: '收款账号不存在', retryable: false },
      { kind: 'accepted', channelReference: 'O7', status: 'paid_out' },
    ])
  })

  it('gives every order the answer about the whole batch', () => {
    const kinds = (reply: ReturnType<typeof response>, count: number) => bulk.parseSubmitResponse(reply, count).map((outcome) => outcome.kind)
    const signatureError = { error_response: { code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.invalid-signature', sub_msg: '验签出错' } }
    expect(bulk.parseSubmitResponse(response(401, signatureError), 2)).toEqual([
      { kind: 'declined', code: 'http_401', message: 'channel answered HTTP 401', retryable: true },
      { kind: 'declined', code: 'http_401', message: 'channel answered HTTP 401', retryable: true },
    ])
    const invalid = { error_response: { code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.invalid-parameter', sub_msg: 'total_count 与明细笔数不符' } }
    expect(bulk.parseSubmitResponse(response(400, invalid), 2)).toEqual([
      { kind: 'declined', code: 'isv.invalid-parameter', message: 'total_count 与明细笔数不符', retryable: false },
      { kind: 'declined', code: 'isv.invalid-parameter', message: 'total_count 与明细笔数不符', retryable: false },
    ])
    const refused = { ibps_transfer_batch_create_response: { code: '40004', msg: 'Business Failed', sub_code: 'BALANCE_IS_NOT_ENOUGH', sub_msg: '余额不足' } }
    expect(bulk.parseSubmitResponse(response(200, refused), 2).map((outcome) => outcome.kind === 'declined' && outcome.code)).toEqual([
      'BALANCE_IS_NOT_ENOUGH',
      'BALANCE_IS_NOT_ENOUGH',
    ])
    expect(kinds(response(200, { ibps_transfer_batch_create_response: { code: '20000' } }), 2)).toEqual(['ambiguous', 'ambiguous'])
    expect(kinds(response(500, { error_response: { code: '20000', sub_code: 'isp.unknow-error' } }), 2)).toEqual(['ambiguous', 'ambiguous'])
    expect(kinds(response(504, 'Gateway Time-out'), 2)).toEqual(['ambiguous', 'ambiguous'])
    expect(kinds(response(200, 'garbage'), 2)).toEqual(['ambiguous', 'ambiguous'])
    // A single transfer's answer is not an answer to the batch.
    expect(kinds(response(200, { ibps_transfer_create_response: dealing('O1') }), 2)).toEqual(['ambiguous', 'ambiguous'])
    expect(kinds(batch([dealing('O1')]), 2)).toEqual(['ambiguous', 'ambiguous'])
    expect(kinds(response(200, { ibps_transfer_batch_create_response: { code: '10000', msg: 'Success' } }), 2)).toEqual(['ambiguous', 'ambiguous'])
  })

  it('verifies a batch notification once and parses its events in order', async () => {
    const notice = batchNotification([event('ntf_1', 'A', 'DEALING'), event('ntf_2', 'B', 'SUCCESS'), { ...event('ntf_3', 'A', 'REFUND'), error_code: 'PAYEE_ACCOUNT_STATUS_ERROR' }])
    const parsed = await ibps.parseCallback(notice, credentials)
    expect(Array.isArray(parsed)).toBe(true)
    expect((parsed as readonly ChannelCallback[]).map(({ eventId, paymentId, channelReference, status }) => [eventId, paymentId, channelReference, status])).toEqual([
      ['ntf_1', 'pay_A', 'A', 'processing'],
      ['ntf_2', 'pay_B', 'B', 'paid_out'],
      ['ntf_3', 'pay_A', 'A', 'returned'],
    ])
    expect((parsed as readonly ChannelCallback[])[2]).toMatchObject({ code: 'PAYEE_ACCOUNT_STATUS_ERROR', occurredAt: new Date('2024-05-01T10:00:05Z') })
    // Tampering with one event inside notify_list breaks the one signature.
    const tampered = { ...notice, body: notice.body.replace('DEALING', 'SUCCESS') }
    expect(tampered.body).not.toBe(notice.body)
    expect(await ibps.parseCallback(tampered, credentials)).toEqual({ error: 'invalid_signature' })
    expect(await ibps.parseCallback(batchNotification([event('ntf_1', 'A', 'DEALING')], 'wrong'), credentials)).toEqual({ error: 'invalid_signature' })
    const oneBad = batchNotification([event('ntf_1', 'A', 'DEALING'), { notify_id: 'ntf_2', notify_type: 'ibps_transfer_changed', order_id: 'B' }])
    expect(await ibps.parseCallback(oneBad, credentials)).toEqual({ error: 'malformed' })
    const wrongType = batchNotification([event('ntf_1', 'A', 'DEALING'), { ...event('ntf_2', 'B', 'SUCCESS'), notify_type: 'other' }])
    expect(await ibps.parseCallback(wrongType, credentials)).toEqual({ error: 'malformed' })
    const params = { notify_type: 'ibps_transfer_batch_changed', notify_list: '[{"notify_id":' }
    const unreadable = { headers: {}, body: new URLSearchParams({ ...params, sign: referenceSign(params) }).toString() }
    expect(await ibps.parseCallback(unreadable, credentials)).toEqual({ error: 'malformed' })
    expect(await ibps.parseCallback(batchNotification([]), credentials)).toEqual({ error: 'malformed' })
  })
})
