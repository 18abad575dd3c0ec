/**
 * China interbank payouts to bank cards over IBPS (the PBoC online interbank payment system,
 * 超级网银) through an acquirer gateway in the style of the Chinese payment open platforms:
 * a signed envelope (`app_id`, `method`, `timestamp`, `biz_content`, `sign`), responses under
 * `<method>_response` with `code` 10000 / 40004 + `sub_code`, and form-encoded notifications
 * acknowledged with the text `success`. Statuses: DEALING, SUCCESS, FAIL, REFUND (退票: the
 * beneficiary bank bounced it after success).
 *
 * IBPS runs 24/7, so there is no cut-off; single transfers are limited to 50,000 CNY, the IBPS
 * limit for real-time interbank credits. Larger amounts must go elsewhere (HVPS, not built).
 *
 * Signing: `sign` = uppercase hex HMAC-SHA256 over the parameters other than `sign`, sorted by
 * name, as `k=v` joined with `&` (empty values skipped); the same for notifications.
 *
 * Bulk (a batch transfer, 批量转账): method `ibps.transfer.batch.create` on
 * `/cn_ibps/v1/gateway/batch_transfer`, one envelope signed as above, whose `biz_content` is
 * `{"out_batch_no","total_count","total_trans_amount","currency","trans_order_list":[<single
 * biz_content>…]}`; each order's `out_biz_no` is what the gateway deduplicates on, as in the
 * single path. Answered under `ibps_transfer_batch_create_response` with `code` 10000 and
 * `trans_order_list` in request order, each the single answer's content (a 40004 + `sub_code`
 * declines the order; 20000 / SYSTEM_ERROR leave it unknown). Batched notifications are one
 * form-encoded, signed notification of `notify_type=ibps_transfer_batch_changed` whose
 * `notify_list` is a JSON array of the single notifications' parameters (without their `sign`).
 */
import { toMinorUnits } from '../amount.js'
import { bulkIdFor, outcomesOfItems, requireBulkSize, sameForAll, wholeRequestOutcomes } from '../bulk.js'
import { acceptedFrom, callbackBatchFrom, callbackFrom, reason } from '../callback.js'
import type { ChannelErrorTable } from '../error-codes.js'
import { idempotencyKeyFor, requireAccount, requireAmount, truncate } from '../instruction.js'
import { hexToBytes, hmacSha256Hex, verifyHmacSha256 } from '../signing.js'
import type {
  CallbackParseResult,
  ChannelAdapterOptions,
  ChannelCapabilities,
  ChannelHttpResponse,
  ChannelStatus,
  PayoutChannel,
  PayoutInstruction,
  SubmitOutcome,
} from '../types.js'
import { ambiguous, declineForHttpStatus, declineFrom, parseJsonObject, stringAt, valueAt } from '../wire.js'

const EIGHT_HOURS_MS = 8 * 60 * 60 * 1000

/** Gateway paths, method names and the signing rule (shared with the sandbox). */
export const cnIbpsWire = {
  transferPath: '/cn_ibps/v1/gateway/transfer',
  queryPath: '/cn_ibps/v1/gateway/query',
  batchTransferPath: '/cn_ibps/v1/gateway/batch_transfer',
  transferMethod: 'ibps.transfer.create',
  queryMethod: 'ibps.transfer.query',
  batchTransferMethod: 'ibps.transfer.batch.create',
  /** Most orders one batch transfer may carry. */
  bulkMaxItems: 100,
  /** `notify_type` of a single notification, and of one carrying several in `notify_list`. */
  notifyType: 'ibps_transfer_changed',
  batchNotifyType: 'ibps_transfer_batch_changed',
  /**
   * The `total_trans_amount` of a batch: the sum of its CNY amounts, in fen so no digit is lost;
   * `undefined` if any amount is not a CNY amount.
   *
   * @example cnIbpsWire.totalAmount(['880.00', '0.05']) // '880.05'
   */
  totalAmount(amounts: readonly string[]): string | undefined {
    let fen = 0n
    for (const amount of amounts) {
      const minor = toMinorUnits(amount, 'CNY')
      if (minor === undefined) return undefined
      fen += minor
    }
    return `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`
  },
  responseKey: (method: string) => `${method.replaceAll('.', '_')}_response`,
  signingString(params: Record<string, string>): string {
    return Object.keys(params)
      .filter((name) => name !== 'sign' && params[name] !== '')
      .sort()
      .map((name) => `${name}=${params[name]}`)
      .join('&')
  },
  sign: async (params: Record<string, string>, secret: string) =>
    (await hmacSha256Hex(secret, cnIbpsWire.signingString(params))).toUpperCase(),
  /** `yyyy-MM-dd HH:mm:ss` in China Standard Time (UTC+8 all year, no DST). */
  formatTime: (date: Date) => new Date(date.getTime() + EIGHT_HOURS_MS).toISOString().slice(0, 19).replace('T', ' '),
  parseTime(text: string | undefined): Date | undefined {
    if (text === undefined || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text)) return undefined
    const date = new Date(`${text.replace(' ', 'T')}+08:00`)
    return Number.isNaN(date.getTime()) ? undefined : date
  },
} as const

const capabilities: ChannelCapabilities = {
  countries: ['CN'],
  currencies: ['CNY'],
  minAmount: { CNY: '0.01' },
  maxAmount: { CNY: '50000.00' },
  cutoff: null,
  fee: { fixed: '1.00', currency: 'CNY', percentBps: 0 },
  speed: 'instant',
  estimatedSeconds: 60,
  scope: 'domestic',
  accountTypes: ['cn_bank_card'],
}

const errorCodes: ChannelErrorTable = {
  PAYEE_NOT_EXIST: { retryable: false, unifiedCode: 'account_invalid' },
  PAYEE_CARD_INFO_ERROR: { retryable: false, unifiedCode: 'account_invalid' },
  PAYEE_ACCOUNT_STATUS_ERROR: { retryable: false, unifiedCode: 'account_blocked' },
  PAYEE_USER_INFO_ERROR: { retryable: false, unifiedCode: 'beneficiary_name_mismatch' },
  EXCEED_LIMIT_SM_AMOUNT: { retryable: true, unifiedCode: 'amount_limit_exceeded' },
  BALANCE_IS_NOT_ENOUGH: { retryable: true, unifiedCode: 'insufficient_channel_funds' },
  BANK_SYSTEM_MAINTENANCE: { retryable: true, unifiedCode: 'channel_unavailable' },
  DUPLICATE_OUT_BIZ_NO: { retryable: false, unifiedCode: 'duplicate_request' },
  PAYMENT_RISK_REJECTED: { retryable: false, unifiedCode: 'regulatory_rejection' },
  INVALID_PARAMETER: { retryable: false, unifiedCode: 'request_invalid' },
  CARD_BIN_QUERY_ERROR: { retryable: false, unifiedCode: 'account_invalid' },
  'isv.invalid-parameter': { retryable: false, unifiedCode: 'request_invalid' },
  'isv.invalid-signature': { retryable: true, unifiedCode: 'authentication_failed' },
}

function statusOf(fields: unknown): ChannelStatus | undefined {
  const orderId = stringAt(fields, 'order_id')
  const status = stringAt(fields, 'status')
  if (orderId === undefined || status === undefined) return undefined
  const extra = reason(stringAt(fields, 'error_code'), stringAt(fields, 'fail_reason'))
  switch (status) {
    case 'DEALING':
      return { kind: 'processing', channelReference: orderId }
    case 'SUCCESS':
      return { kind: 'paid_out', channelReference: orderId }
    case 'FAIL':
      return { kind: 'failed', channelReference: orderId, ...extra }
    case 'REFUND':
      return { kind: 'returned', channelReference: orderId, ...extra }
    default:
      return undefined
  }
}

/** One transfer's answer (the content of a single response, or one order of a batch answer). */
function outcomeOfTransfer(response: ChannelHttpResponse, result: unknown): SubmitOutcome {
  const code = stringAt(result, 'code')
  const subCode = stringAt(result, 'sub_code')
  // 20000 and SYSTEM_ERROR mean "unknown, query the order": the gateway may have taken it.
  if (code === '20000' || subCode === 'SYSTEM_ERROR') return ambiguous(response, `gateway ${code ?? ''} ${subCode ?? ''}`)
  if (code !== undefined && code !== '10000') {
    return declineFrom(errorCodes, subCode ?? code, stringAt(result, 'sub_msg') ?? stringAt(result, 'msg') ?? 'failed')
  }
  const status = statusOf(result)
  if (status?.kind === 'failed') return declineFrom(errorCodes, status.code ?? 'FAIL', status.message ?? 'failed')
  const accepted = response.status === 200 && code === '10000' ? acceptedFrom(status) : undefined
  return accepted ?? ambiguous(response, 'unrecognised response')
}

/** One notification's parameters: the whole form of a single one, or one entry of `notify_list`. */
function callbackOf(fields: unknown): CallbackParseResult {
  if (stringAt(fields, 'notify_type') !== cnIbpsWire.notifyType) return { error: 'malformed' }
  return callbackFrom({
    status: statusOf(fields),
    idempotencyKey: stringAt(fields, 'out_biz_no'),
    eventId: stringAt(fields, 'notify_id'),
    occurredAt: cnIbpsWire.parseTime(stringAt(fields, 'notify_time')),
  })
}

/** The entries of a batch notification's `notify_list` (a JSON array), or `undefined`. */
function notifyListOf(text: string | undefined): unknown {
  try {
    return JSON.parse(text ?? '') as unknown
  } catch {
    return undefined
  }
}

/**
 * Creates the IBPS adapter. The API key is the gateway `app_id`.
 *
 * @example
 * const ibps = createCnIbpsChannel()
 */
export function createCnIbpsChannel(options: ChannelAdapterOptions = {}): PayoutChannel {
  const now = options.now ?? (() => new Date())

  async function envelope(method: string, bizContent: object, appId: string, secret: string): Promise<string> {
    const params: Record<string, string> = {
      app_id: appId,
      method,
      format: 'JSON',
      charset: 'utf-8',
      sign_type: 'HMAC-SHA256',
      timestamp: cnIbpsWire.formatTime(now()),
      version: '1.0',
      biz_content: JSON.stringify(bizContent),
    }
    return JSON.stringify({ ...params, sign: await cnIbpsWire.sign(params, secret) })
  }

  /** The `biz_content` of one transfer: the single request's, and one order of a batch. */
  function transferOrder(instruction: PayoutInstruction) {
    const account = requireAccount('cn_ibps', instruction, ['cn_bank_card'])
    const amount = requireAmount('cn_ibps', instruction, capabilities.currencies)
    return {
      out_biz_no: idempotencyKeyFor(instruction),
      trans_amount: amount,
      currency: instruction.currency,
      payee_info: {
        card_no: account.card_number,
        name: truncate(instruction.creditor.name, 60),
        ...(account.bank_name !== undefined && { bank_name: account.bank_name }),
      },
      order_title: truncate(instruction.reference, 64),
      remark: truncate(instruction.reference, 200),
    }
  }

  function responseOf(body: string, method: string): unknown {
    // Gateway-level failures (signature, parameters) come under `error_response` instead.
    const parsed = parseJsonObject(body)
    return valueAt(parsed, cnIbpsWire.responseKey(method)) ?? valueAt(parsed, 'error_response')
  }

  return {
    id: 'cn_ibps',
    displayName: 'China IBPS interbank transfer',
    capabilities,
    errorCodes,
    callbackAcknowledgement: { status: 200, contentType: 'text/plain', body: 'success' },

    async buildSubmitRequest(instruction, credentials) {
      const body = await envelope(cnIbpsWire.transferMethod, transferOrder(instruction), credentials.apiKey, credentials.signingSecret)
      return {
        method: 'POST',
        path: cnIbpsWire.transferPath,
        headers: { 'Content-Type': 'application/json;charset=utf-8' },
        body,
      }
    },

    parseSubmitResponse(response): SubmitOutcome {
      const byStatus = declineForHttpStatus(response)
      if (byStatus) return byStatus
      if (response.status >= 500) return ambiguous(response, 'channel server error')
      return outcomeOfTransfer(response, responseOf(response.body, cnIbpsWire.transferMethod))
    },

    bulk: {
      maxItems: cnIbpsWire.bulkMaxItems,

      async buildSubmitRequest(instructions, credentials) {
        requireBulkSize('cn_ibps', instructions, cnIbpsWire.bulkMaxItems)
        const orders = instructions.map(transferOrder)
        const bizContent = {
          out_batch_no: await bulkIdFor(instructions),
          total_count: String(orders.length),
          // Every order's amount passed requireAmount, so the sum is always defined.
          total_trans_amount: cnIbpsWire.totalAmount(orders.map((order) => order.trans_amount)),
          currency: 'CNY',
          trans_order_list: orders,
        }
        return {
          method: 'POST',
          path: cnIbpsWire.batchTransferPath,
          headers: { 'Content-Type': 'application/json;charset=utf-8' },
          body: await envelope(cnIbpsWire.batchTransferMethod, bizContent, credentials.apiKey, credentials.signingSecret),
        }
      },

      parseSubmitResponse(response, count) {
        const whole = wholeRequestOutcomes(response, count)
        if (whole) return whole
        const result = responseOf(response.body, cnIbpsWire.batchTransferMethod)
        // Anything but a 200 with code 10000 is about the whole batch (e.g. isv.invalid-parameter).
        if (response.status !== 200 || stringAt(result, 'code') !== '10000') return sameForAll(outcomeOfTransfer(response, result), count)
        return outcomesOfItems(response, count, valueAt(result, 'trans_order_list'), (item) => outcomeOfTransfer(response, item))
      },
    },

    async buildStatusRequest(query, credentials) {
      const bizContent =
        query.channelReference !== null ? { order_id: query.channelReference } : { out_biz_no: idempotencyKeyFor(query) }
      return {
        method: 'POST',
        path: cnIbpsWire.queryPath,
        headers: { 'Content-Type': 'application/json;charset=utf-8' },
        body: await envelope(cnIbpsWire.queryMethod, bizContent, credentials.apiKey, credentials.signingSecret),
      }
    },

    parseStatusResponse(response): ChannelStatus {
      const result = responseOf(response.body, cnIbpsWire.queryMethod)
      const code = stringAt(result, 'code')
      if (response.status === 200 && code === '40004' && stringAt(result, 'sub_code') === 'ORDER_NOT_EXIST') {
        return { kind: 'not_found' }
      }
      const status = response.status === 200 && code === '10000' ? statusOf(result) : undefined
      return status ?? { kind: 'unavailable', reason: `HTTP ${response.status}: gateway code ${code ?? 'missing'}` }
    },

    async parseCallback(request, credentials) {
      const params: Record<string, string> = {}
      for (const [name, value] of new URLSearchParams(request.body)) params[name] = value
      const signature = hexToBytes(params['sign'] ?? '')
      if (!(await verifyHmacSha256(credentials.signingSecret, cnIbpsWire.signingString(params), signature))) {
        return { error: 'invalid_signature' }
      }
      // One signature covers the whole form, `notify_list` included.
      if (params['notify_type'] === cnIbpsWire.batchNotifyType) return callbackBatchFrom(notifyListOf(params['notify_list']), callbackOf)
      return callbackOf(params)
    },
  }
}
