import { cnIbpsWire } from '../../channels/adapters/cn-ibps.js'
import { hexToBytes, timingSafeEqual, verifyHmacSha256 } from '../../channels/signing.js'
import { stringAt } from '../../channels/wire.js'
import type { PayoutState, SandboxPayout } from '../engine.js'
import { randomString } from '../prng.js'
import { json, type RawRequest, type SandboxDialect } from './types.js'
import { jsonBody } from './verify.js'

const STATUS: Record<PayoutState, string> = { processing: 'DEALING', paid_out: 'SUCCESS', failed: 'FAIL', returned: 'REFUND' }

const TRANSFER_RESPONSE = cnIbpsWire.responseKey(cnIbpsWire.transferMethod)
const QUERY_RESPONSE = cnIbpsWire.responseKey(cnIbpsWire.queryMethod)

/** The envelope's string parameters (what the signature covers). */
function envelopeParams(request: RawRequest): Record<string, string> | undefined {
  const body = jsonBody(request)
  if (!body) return undefined
  const params: Record<string, string> = {}
  for (const [name, value] of Object.entries(body)) if (typeof value === 'string') params[name] = value
  return params
}

function bizContent(request: RawRequest): unknown {
  try {
    return JSON.parse(envelopeParams(request)?.['biz_content'] ?? '') as unknown
  } catch {
    return undefined
  }
}

function order(payout: SandboxPayout) {
  return {
    out_biz_no: payout.idempotencyKey,
    order_id: payout.reference,
    status: STATUS[payout.status],
    trans_amount: payout.amount,
    trans_date: cnIbpsWire.formatTime(new Date(payout.updatedAt)),
    ...(payout.code !== undefined && { error_code: payout.code, fail_reason: `银行处理失败 (${payout.code})` }),
  }
}

/** The sandbox side of the IBPS gateway (see `channels/adapters/cn-ibps.ts`). */
export const cnIbpsDialect: SandboxDialect = {
  channelId: 'cn_ibps',
  routes: {
    submit: { method: 'POST', path: cnIbpsWire.transferPath },
    status: [{ method: 'POST', path: cnIbpsWire.queryPath }],
  },
  declineCodes: ['PAYEE_NOT_EXIST', 'PAYEE_CARD_INFO_ERROR', 'EXCEED_LIMIT_SM_AMOUNT', 'BANK_SYSTEM_MAINTENANCE'],
  failCode: 'PAYEE_NOT_EXIST',
  returnCode: 'PAYEE_ACCOUNT_STATUS_ERROR',

  async authenticate(request, credentials) {
    const params = envelopeParams(request) ?? {}
    const expectedMethod = request.path === cnIbpsWire.transferPath ? cnIbpsWire.transferMethod : cnIbpsWire.queryMethod
    const signatureValid = await verifyHmacSha256(credentials.signingSecret, cnIbpsWire.signingString(params), hexToBytes(params['sign'] ?? ''))
    return timingSafeEqual(params['app_id'] ?? '', credentials.apiKey) && params['method'] === expectedMethod && signatureValid
  },

  async parseSubmission(request) {
    const content = bizContent(request)
    const key = stringAt(content, 'out_biz_no')
    const amount = stringAt(content, 'trans_amount')
    const card = stringAt(content, 'payee_info', 'card_no')
    if (!key || !amount || stringAt(content, 'currency') !== 'CNY' || !card) return { error: 'biz_content 缺少必填字段' }
    return { dedupeKey: key, idempotencyKey: key, amount, currency: 'CNY', beneficiary: card }
  },

  async parseStatusLookup(request) {
    const content = bizContent(request)
    const orderId = stringAt(content, 'order_id')
    if (orderId) return { by: 'reference', value: orderId }
    const key = stringAt(content, 'out_biz_no')
    return key ? { by: 'dedupeKey', value: key } : { error: 'order_id 或 out_biz_no 必填' }
  },

  newReference: (_submission, sequence, random, now) => ({
    reference: `${cnIbpsWire.formatTime(now).slice(0, 10).replaceAll('-', '')}${String(sequence).padStart(8, '0')}${randomString(random, '0123456789', 8)}`,
  }),
  accepted: (payout) => json(200, { [TRANSFER_RESPONSE]: { code: '10000', msg: 'Success', ...order(payout) } }),
  declined: (code, message) => json(200, { [TRANSFER_RESPONSE]: { code: '40004', msg: 'Business Failed', sub_code: code, sub_msg: message } }),
  unauthorized: () => json(401, { error_response: { code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.invalid-signature', sub_msg: '验签出错' } }),
  invalid: (message) => json(400, { error_response: { code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.invalid-parameter', sub_msg: message } }),
  conflict: () =>
    json(200, { [TRANSFER_RESPONSE]: { code: '40004', msg: 'Business Failed', sub_code: 'DUPLICATE_OUT_BIZ_NO', sub_msg: '商户订单号重复且参数不一致' } }),
  serverError: () => json(500, { error_response: { code: '20000', msg: 'Service Currently Unavailable', sub_code: 'isp.unknow-error' } }),
  gatewayTimeout: () => ({ status: 504, body: 'Gateway Time-out', contentType: 'text/plain' }),
  status: (payout) =>
    payout
      ? json(200, { [QUERY_RESPONSE]: { code: '10000', msg: 'Success', ...order(payout) } })
      : json(200, { [QUERY_RESPONSE]: { code: '40004', msg: 'Business Failed', sub_code: 'ORDER_NOT_EXIST', sub_msg: '订单不存在' } }),

  async callback(event, payout, credentials) {
    const params: Record<string, string> = {
      notify_id: event.eventId,
      notify_time: cnIbpsWire.formatTime(new Date(event.occurredAt)),
      notify_type: 'ibps_transfer_changed',
      app_id: credentials.apiKey,
      charset: 'utf-8',
      version: '1.0',
      sign_type: 'HMAC-SHA256',
      ...Object.fromEntries(Object.entries(order(payout)).map(([name, value]) => [name, String(value)])),
    }
    params['sign'] = await cnIbpsWire.sign(params, credentials.signingSecret)
    return {
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
      body: new URLSearchParams(params).toString(),
    }
  },
  isAcknowledged: (status, body) => status === 200 && body.trim() === 'success',
}
