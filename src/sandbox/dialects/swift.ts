import { swiftWire } from '../../channels/adapters/swift.js'
import { PACS008_NAMESPACE } from '../../channels/iso20022/pacs008.js'
import { base64ToBytes, hmacSha256Base64, verifyHmacSha256 } from '../../channels/signing.js'
import type { PayoutState, SandboxPayout } from '../engine.js'
import { header, isoTime, json, type SandboxDialect } from './types.js'
import { bearerMatches } from './verify.js'

const STATUS: Record<PayoutState, string> = { processing: 'ACSP', paid_out: 'ACCC', failed: 'RJCT', returned: 'RETN' }

/** Text of the first `<tag …>text</tag>` in `xml`, or inside its `<within>` element; entities decoded. */
function elementText(xml: string, tag: string, within?: string): string | undefined {
  let scope = xml
  if (within !== undefined) {
    const start = xml.indexOf(`<${within}>`)
    const end = xml.indexOf(`</${within}>`, start)
    if (start < 0 || end < 0) return undefined
    scope = xml.slice(start, end)
  }
  const match = new RegExp(`<${tag}(?:\\s[^>]*)?>([^<]*)</${tag}>`).exec(scope)
  return match?.[1]?.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&amp;', '&')
}

function resource(payout: SandboxPayout) {
  return {
    uetr: payout.reference,
    idempotency_key: payout.idempotencyKey,
    end_to_end_identification: payout.extra['endToEndId'],
    instructed_amount: { currency: payout.currency, amount: payout.amount },
    transaction_status: STATUS[payout.status],
    ...(payout.code !== undefined && { transaction_status_reason: payout.code, reason_description: `sandbox reason ${payout.code}` }),
    initiation_time: isoTime(payout.createdAt),
    last_update_time: isoTime(payout.updatedAt),
  }
}

/** The sandbox side of the SWIFT gateway (see `channels/adapters/swift.ts`). */
export const swiftDialect: SandboxDialect = {
  channelId: 'swift',
  routes: {
    submit: { method: 'POST', path: swiftWire.submitPath },
    status: [{ method: 'GET', path: `${swiftWire.submitPath}/:uetr/status` }],
  },
  declineCodes: ['AC01', 'AC04', 'RR04', 'BE01', 'AM04'],
  failCode: 'AC01',
  returnCode: 'AC04',

  async authenticate(request, credentials) {
    const timestamp = header(request, 'x-swift-timestamp') ?? ''
    const signed = await swiftWire.requestSigningString(timestamp, request.method, request.path, request.body)
    const signatureValid = await verifyHmacSha256(credentials.signingSecret, signed, base64ToBytes(header(request, 'x-swift-signature') ?? ''))
    return bearerMatches(request, credentials.apiKey) && timestamp !== '' && signatureValid
  },

  async parseSubmission(request) {
    const xml = request.body
    const key = header(request, 'idempotency-key')
    if (!xml.includes(`xmlns="${PACS008_NAMESPACE}"`) || !xml.includes('<FIToFICstmrCdtTrf>')) return { error: 'not a pacs.008.001.08 document' }
    const uetr = elementText(xml, 'UETR')
    const amount = /<IntrBkSttlmAmt Ccy="([A-Z]{3})">([0-9.]+)<\/IntrBkSttlmAmt>/.exec(xml)
    const account = elementText(xml, 'IBAN', 'CdtrAcct') ?? elementText(xml, 'Id', 'Othr')
    const creditorAgent = elementText(xml, 'BICFI', 'CdtrAgt')
    if (!key || !uetr || !amount?.[1] || !amount[2] || !account || !creditorAgent) return { error: 'UETR, amount, creditor agent and account are required' }
    return {
      dedupeKey: key,
      idempotencyKey: key,
      amount: amount[2],
      currency: amount[1],
      beneficiary: `${creditorAgent}/${account}`,
      extra: { uetr, endToEndId: elementText(xml, 'EndToEndId') ?? '' },
    }
  },

  async parseStatusLookup(request) {
    const uetr = request.params['uetr']
    return uetr ? { by: 'reference', value: uetr } : { error: 'uetr is required' }
  },

  // The UETR the sender chose is the reference: that is what the gpi tracker is keyed on.
  newReference: (submission) => ({ reference: submission.extra?.['uetr'] ?? '' }),
  accepted: (payout) => json(202, resource(payout)),
  declined: (code, message) => json(422, { transaction_status: 'RJCT', transaction_status_reason: code, reason_description: message }),
  unauthorized: () => json(401, { error: { code: 'unauthorised', message: 'invalid token or signature' } }),
  invalid: (message) => json(400, { transaction_status: 'RJCT', transaction_status_reason: 'FF01', reason_description: message }),
  conflict: () => json(409, { transaction_status: 'RJCT', transaction_status_reason: 'AM05', reason_description: 'duplicate with other content' }),
  serverError: () => json(500, { error: { code: 'internal_error', message: 'internal error' } }),
  gatewayTimeout: () => ({ status: 504, body: 'Gateway Timeout', contentType: 'text/plain' }),
  status: (payout) => (payout ? json(200, resource(payout)) : json(404, { error: { code: 'payment_not_found', message: 'unknown UETR' } })),

  async callback(event, payout, credentials) {
    const body = JSON.stringify({ event_id: event.eventId, event_time: isoTime(event.occurredAt), ...resource(payout) })
    const timestamp = String(Math.floor(Date.now() / 1000))
    const signature = await hmacSha256Base64(credentials.signingSecret, await swiftWire.callbackSigningString(timestamp, body))
    return { headers: { 'content-type': 'application/json', 'x-swift-timestamp': timestamp, 'x-swift-signature': signature }, body }
  },
  isAcknowledged: (status) => status >= 200 && status < 300,
}
