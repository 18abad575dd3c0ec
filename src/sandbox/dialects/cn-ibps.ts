import { cnIbpsWire } from '../../channels/adapters/cn-ibps.js'
import { hexToBytes, timingSafeEqual, verifyHmacSha256 } from '../../channels/signing.js'
import { stringAt, valueAt } from '../../channels/wire.js'
import type { PayoutState, SandboxEvent, SandboxPayout } from '../engine.js'
import { randomString } from '../prng.js'
import { json, type BulkItemResult, type ParsedSubmission, type RawRequest, type SandboxCredentials, type SandboxDialect } from './types.js'
import { jsonBody } from './verify.js'

const STATUS: Record<PayoutState, string> = { processing: 'DEALING', paid_out: 'SUCCESS', failed: 'FAIL', returned: 'REFUND' }

const TRANSFER_RESPONSE = cnIbpsWire.responseKey(cnIbpsWire.transferMethod)
const QUERY_RESPONSE = cnIbpsWire.responseKey(cnIbpsWire.queryMethod)
const BATCH_TRANSFER_RESPONSE = cnIbpsWire.responseKey(cnIbpsWire.batchTransferMethod)

// The gateway method each path serves: an envelope signed for another method is refused.
const METHOD_OF_PATH: Readonly<Record<string, string>> = {
  [cnIbpsWire.transferPath]: cnIbpsWire.transferMethod,
  [cnIbpsWire.batchTransferPath]: cnIbpsWire.batchTransferMethod,
  [cnIbpsWire.queryPath]: cnIbpsWire.queryMethod,
}

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

// Answer contents, shared by the single answers and the orders of a batch answer.
const acceptedContent = (payout: SandboxPayout) => ({ code: '10000', msg: 'Success', ...order(payout) })
const declinedContent = (code: string, message: string) => ({ code: '40004', msg: 'Business Failed', sub_code: code, sub_msg: message })
const CONFLICT = declinedContent('DUPLICATE_OUT_BIZ_NO', '商户订单号重复且参数不一致')
const SERVER_ERROR = { code: '20000', msg: 'Service Currently Unavailable', sub_code: 'isp.unknow-error' }

/** One transfer order: the whole `biz_content` of a single transfer, or one order of a batch. */
function submissionOf(content: unknown): ParsedSubmission | { error: string } {
  const key = stringAt(content, 'out_biz_no')
  const amount = stringAt(content, 'trans_amount')
  const card = stringAt(content, 'payee_info', 'card_no')
  if (!key || !amount || stringAt(content, 'currency') !== 'CNY' || !card) return { error: 'biz_content 缺少必填字段' }
  return { dedupeKey: key, idempotencyKey: key, amount, currency: 'CNY', beneficiary: card }
}

function batchEntry(item: BulkItemResult) {
  switch (item.kind) {
    case 'accepted':
      return acceptedContent(item.payout)
    case 'declined':
      return declinedContent(item.code, item.message)
    case 'conflict':
      return CONFLICT
    case 'server_error':
      return SERVER_ERROR
  }
}

/** A single notification's parameters, before signing (also one entry of a batch's `notify_list`). */
function notificationParams(event: SandboxEvent, payout: SandboxPayout, credentials: SandboxCredentials): Record<string, string> {
  return {
    notify_id: event.eventId,
    notify_time: cnIbpsWire.formatTime(new Date(event.occurredAt)),
    notify_type: cnIbpsWire.notifyType,
    app_id: credentials.apiKey,
    charset: 'utf-8',
    version: '1.0',
    sign_type: 'HMAC-SHA256',
    ...Object.fromEntries(Object.entries(order(payout)).map(([name, value]) => [name, String(value)])),
  }
}

async function signedNotification(params: Record<string, string>, credentials: SandboxCredentials) {
  const sign = await cnIbpsWire.sign(params, credentials.signingSecret)
  return {
    headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
    body: new URLSearchParams({ ...params, sign }).toString(),
  }
}

/** The sandbox side of the IBPS gateway (see `channels/adapters/cn-ibps.ts`). */
export const cnIbpsDialect: SandboxDialect = {
  channelId: 'cn_ibps',
  routes: {
    submit: { method: 'POST', path: cnIbpsWire.transferPath },
    bulkSubmit: { method: 'POST', path: cnIbpsWire.batchTransferPath },
    status: [{ method: 'POST', path: cnIbpsWire.queryPath }],
  },
  declineCodes: ['PAYEE_NOT_EXIST', 'PAYEE_CARD_INFO_ERROR', 'EXCEED_LIMIT_SM_AMOUNT', 'BANK_SYSTEM_MAINTENANCE'],
  failCode: 'PAYEE_NOT_EXIST',
  returnCode: 'PAYEE_ACCOUNT_STATUS_ERROR',

  async authenticate(request, credentials) {
    const params = envelopeParams(request) ?? {}
    const expectedMethod = METHOD_OF_PATH[request.path]
    const signatureValid = await verifyHmacSha256(credentials.signingSecret, cnIbpsWire.signingString(params), hexToBytes(params['sign'] ?? ''))
    return timingSafeEqual(params['app_id'] ?? '', credentials.apiKey) && expectedMethod !== undefined && params['method'] === expectedMethod && signatureValid
  },

  async parseSubmission(request) {
    return submissionOf(bizContent(request))
  },

  async parseBulkSubmission(request) {
    const content = bizContent(request)
    const orders = valueAt(content, 'trans_order_list')
    if (!stringAt(content, 'out_batch_no') || stringAt(content, 'currency') !== 'CNY') return { error: 'out_batch_no 和 currency 必填' }
    if (!Array.isArray(orders) || orders.length === 0) return { error: 'trans_order_list 不能为空' }
    if (orders.length > cnIbpsWire.bulkMaxItems) return { error: `每批最多 ${cnIbpsWire.bulkMaxItems} 笔` }
    const submissions: ParsedSubmission[] = []
    for (const [index, item] of (orders as unknown[]).entries()) {
      const submission = submissionOf(item)
      if ('error' in submission) return { error: `trans_order_list[${index}]: ${submission.error}` }
      submissions.push(submission)
    }
    // The totals are checked as the gateways do, so a batch that lost or gained an order is refused.
    if (stringAt(content, 'total_count') !== String(submissions.length)) return { error: 'total_count 与明细笔数不符' }
    const total = cnIbpsWire.totalAmount(submissions.map((submission) => submission.amount))
    if (total === undefined || stringAt(content, 'total_trans_amount') !== total) return { error: 'total_trans_amount 与明细金额不符' }
    return submissions
  },
  bulkAnswer: (items) =>
    json(200, { [BATCH_TRANSFER_RESPONSE]: { code: '10000', msg: 'Success', total_count: String(items.length), trans_order_list: items.map(batchEntry) } }),

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
  accepted: (payout) => json(200, { [TRANSFER_RESPONSE]: acceptedContent(payout) }),
  declined: (code, message) => json(200, { [TRANSFER_RESPONSE]: declinedContent(code, message) }),
  unauthorized: () => json(401, { error_response: { code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.invalid-signature', sub_msg: '验签出错' } }),
  invalid: (message) => json(400, { error_response: { code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.invalid-parameter', sub_msg: message } }),
  conflict: () => json(200, { [TRANSFER_RESPONSE]: CONFLICT }),
  serverError: () => json(500, { error_response: SERVER_ERROR }),
  gatewayTimeout: () => ({ status: 504, body: 'Gateway Time-out', contentType: 'text/plain' }),
  status: (payout) =>
    payout
      ? json(200, { [QUERY_RESPONSE]: { code: '10000', msg: 'Success', ...order(payout) } })
      : json(200, { [QUERY_RESPONSE]: { code: '40004', msg: 'Business Failed', sub_code: 'ORDER_NOT_EXIST', sub_msg: '订单不存在' } }),

  callback: (event, payout, credentials) => signedNotification(notificationParams(event, payout, credentials), credentials),
  callbackBatch(entries, credentials) {
    const list = entries.map(({ event, payout }) => notificationParams(event, payout, credentials))
    // No notify_id of its own: the batch only carries the events, each deduplicated on its own id.
    const params: Record<string, string> = {
      notify_time: cnIbpsWire.formatTime(new Date(Math.max(...entries.map(({ event }) => event.occurredAt)))),
      notify_type: cnIbpsWire.batchNotifyType,
      app_id: credentials.apiKey,
      charset: 'utf-8',
      version: '1.0',
      sign_type: 'HMAC-SHA256',
      notify_list: JSON.stringify(list),
    }
    return signedNotification(params, credentials)
  },
  isAcknowledged: (status, body) => status === 200 && body.trim() === 'success',
}
