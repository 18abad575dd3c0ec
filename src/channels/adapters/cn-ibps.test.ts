import { describe, expect, it } from 'vitest'
import { AMBIGUOUS_RESPONSES, credentials, fixedNow, response } from '../../../test/fixtures/channels/adapter-harness.js'
import { hmacHex } from '../../../test/fixtures/channels/node-crypto.js'
import { payoutFor } from '../../../test/fixtures/channels/payout-instructions.js'
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
