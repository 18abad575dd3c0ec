/**
 * Brazil PIX transfers through a PSP API (Portuguese field names). A send is an idempotent PUT
 * on `/pix/:idEnvio`; statuses EM_PROCESSAMENTO, REALIZADO, NAO_REALIZADO and DEVOLVIDO
 * (returned through a devolução). The channel reference is the PIX end-to-end id (`e2eId`).
 *
 * Signing: `x-signature: sha256=<hex HMAC-SHA256>` over `<x-timestamp>\n<METHOD>\n<path>\n<body>`;
 * callbacks carry `x-pix-signature: t=<unix seconds>,sha256=<hex>` over `<t>.<body>`.
 */
import { acceptedFrom, callbackFrom, reason, signatureParts, verifyAnySignature } from '../callback.js'
import type { ChannelErrorTable } from '../error-codes.js'
import { idempotencyKeyFor, requireAccount, requireAmount, truncate } from '../instruction.js'
import { hexToBytes, hmacSha256Hex, sha256Hex } from '../signing.js'
import type { ChannelAdapterOptions, ChannelCapabilities, ChannelStatus, PayoutChannel, SubmitOutcome } from '../types.js'
import {
  ambiguous,
  declineForHttpStatus,
  declineFrom,
  headerValue,
  parseJsonObject,
  parseTimestamp,
  stringAt,
  unixSeconds,
  valueAt,
} from '../wire.js'

const BASE_PATH = '/pix/v2/gn/pix'

/** Paths and signing strings of the PIX API (shared with the sandbox). */
export const pixWire = {
  sendPath: (idEnvio: string) => `${BASE_PATH}/${encodeURIComponent(idEnvio)}`,
  sentByE2eIdPath: (e2eId: string) => `${BASE_PATH}/enviados/${encodeURIComponent(e2eId)}`,
  sentByIdEnvioPath: (idEnvio: string) => `${BASE_PATH}/enviados/id-envio/${encodeURIComponent(idEnvio)}`,
  /**
   * `idEnvio` must match `[a-zA-Z0-9]{1,35}`, which our idempotency keys do not: it is the
   * first 32 hex digits of the key's SHA-256, so it can be recomputed for a status query.
   */
  idEnvioFor: async (idempotencyKey: string) => (await sha256Hex(idempotencyKey)).slice(0, 32),
  requestSigningString: (timestamp: string, method: string, path: string, body: string) =>
    [timestamp, method, path, body].join('\n'),
  callbackSigningString: (timestamp: string, body: string) => `${timestamp}.${body}`,
} as const

const capabilities: ChannelCapabilities = {
  countries: ['BR'],
  currencies: ['BRL'],
  minAmount: { BRL: '0.01' },
  maxAmount: { BRL: '1000000.00' },
  cutoff: null,
  fee: { fixed: '0.50', currency: 'BRL', percentBps: 0 },
  speed: 'instant',
  estimatedSeconds: 10,
  scope: 'domestic',
  accountTypes: ['pix'],
}

const errorCodes: ChannelErrorTable = {
  chave_nao_encontrada: { retryable: false, unifiedCode: 'account_invalid' },
  conta_destino_encerrada: { retryable: false, unifiedCode: 'account_closed' },
  saldo_insuficiente: { retryable: true, unifiedCode: 'insufficient_channel_funds' },
  valor_acima_do_limite: { retryable: true, unifiedCode: 'amount_limit_exceeded' },
  psp_destino_indisponivel: { retryable: true, unifiedCode: 'channel_unavailable' },
  requisicao_invalida: { retryable: false, unifiedCode: 'request_invalid' },
  id_envio_duplicado: { retryable: false, unifiedCode: 'duplicate_request' },
  AC03: { retryable: false, unifiedCode: 'account_invalid' },
  AB03: { retryable: true, unifiedCode: 'channel_unavailable' },
  BE01: { retryable: false, unifiedCode: 'beneficiary_name_mismatch' },
  FR01: { retryable: false, unifiedCode: 'regulatory_rejection' },
  MD06: { retryable: false, unifiedCode: 'returned' },
}

function statusOf(pix: unknown): ChannelStatus | undefined {
  const e2eId = stringAt(pix, 'e2eId')
  const status = stringAt(pix, 'status')
  if (e2eId === undefined || status === undefined) return undefined
  const extra = reason(stringAt(pix, 'motivo', 'codigo'), stringAt(pix, 'motivo', 'descricao'))
  switch (status) {
    case 'EM_PROCESSAMENTO':
      return { kind: 'processing', channelReference: e2eId }
    case 'REALIZADO':
      return { kind: 'paid_out', channelReference: e2eId }
    case 'NAO_REALIZADO':
      return { kind: 'failed', channelReference: e2eId, ...extra }
    case 'DEVOLVIDO':
      return { kind: 'returned', channelReference: e2eId, ...extra }
    default:
      return undefined
  }
}

/**
 * Creates the PIX adapter. `payerKey` is our own PIX key at the PSP (the `pagador.chave`).
 *
 * @example
 * const pix = createPixChannel({ payerKey: 'payouts@corridor.example' })
 */
export function createPixChannel(options: ChannelAdapterOptions & { payerKey?: string } = {}): PayoutChannel {
  const now = options.now ?? (() => new Date())
  const payerKey = options.payerKey ?? 'payouts@corridor.example'

  async function signedHeaders(method: string, path: string, body: string, apiKey: string, secret: string) {
    const timestamp = unixSeconds(now())
    const signature = await hmacSha256Hex(secret, pixWire.requestSigningString(timestamp, method, path, body))
    return { Authorization: `Bearer ${apiKey}`, 'x-timestamp': timestamp, 'x-signature': `sha256=${signature}` }
  }

  return {
    id: 'pix',
    displayName: 'PIX (Brazil)',
    capabilities,
    errorCodes,
    callbackAcknowledgement: { status: 200, contentType: 'text/plain', body: '' },

    async buildSubmitRequest(instruction, credentials) {
      const account = requireAccount('pix', instruction, ['pix'])
      const valor = requireAmount('pix', instruction, capabilities.currencies)
      const key = idempotencyKeyFor(instruction)
      const body = JSON.stringify({
        valor,
        pagador: { chave: payerKey, infoPagador: truncate(instruction.reference, 140) },
        favorecido: { chave: account.key },
        identificadorExterno: key,
      })
      const path = pixWire.sendPath(await pixWire.idEnvioFor(key))
      return {
        method: 'PUT',
        path,
        headers: {
          'Content-Type': 'application/json',
          ...(await signedHeaders('PUT', path, body, credentials.apiKey, credentials.signingSecret)),
        },
        body,
      }
    },

    parseSubmitResponse(response): SubmitOutcome {
      const byStatus = declineForHttpStatus(response)
      if (byStatus) return byStatus
      if (response.status >= 500) return ambiguous(response, 'channel server error')
      const body = parseJsonObject(response.body)
      const errorName = stringAt(body, 'nome')
      if (response.status >= 400 && errorName !== undefined) {
        return declineFrom(errorCodes, errorName, stringAt(body, 'mensagem') ?? 'recusado')
      }
      const status = statusOf(body)
      if (status?.kind === 'failed' && response.status < 300) {
        return declineFrom(errorCodes, status.code ?? 'NAO_REALIZADO', status.message ?? 'não realizado')
      }
      const accepted = response.status >= 200 && response.status < 300 ? acceptedFrom(status) : undefined
      return accepted ?? ambiguous(response, 'unrecognised response')
    },

    async buildStatusRequest(query, credentials) {
      const path =
        query.channelReference !== null
          ? pixWire.sentByE2eIdPath(query.channelReference)
          : pixWire.sentByIdEnvioPath(await pixWire.idEnvioFor(idempotencyKeyFor(query)))
      return { method: 'GET', path, headers: await signedHeaders('GET', path, '', credentials.apiKey, credentials.signingSecret) }
    },

    parseStatusResponse(response): ChannelStatus {
      const body = parseJsonObject(response.body)
      if (response.status === 404 && stringAt(body, 'nome') === 'envio_nao_encontrado') return { kind: 'not_found' }
      const status = response.status === 200 ? statusOf(body) : undefined
      return status ?? { kind: 'unavailable', reason: `HTTP ${response.status}: unrecognised status response` }
    },

    async parseCallback(request, credentials) {
      const parts = signatureParts(headerValue(request.headers, 'x-pix-signature'))
      const timestamp = parts['t']?.[0]
      const signed = pixWire.callbackSigningString(timestamp ?? '', request.body)
      const signatures = (parts['sha256'] ?? []).map(hexToBytes)
      if (timestamp === undefined || !(await verifyAnySignature(credentials.signingSecret, signed, signatures))) {
        return { error: 'invalid_signature' }
      }
      const body = parseJsonObject(request.body)
      const pix = valueAt(body, 'pix')
      return callbackFrom({
        status: statusOf(pix),
        idempotencyKey: stringAt(pix, 'identificadorExterno'),
        eventId: stringAt(body, 'evento', 'id'),
        occurredAt: parseTimestamp(stringAt(body, 'evento', 'horario')),
      })
    },
  }
}
