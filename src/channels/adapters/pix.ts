/**
 * Brazil PIX transfers through a PSP API (Portuguese field names). A send is an idempotent PUT
 * on `/pix/:idEnvio`; statuses EM_PROCESSAMENTO, REALIZADO, NAO_REALIZADO and DEVOLVIDO
 * (returned through a devolução). The channel reference is the PIX end-to-end id (`e2eId`).
 *
 * Signing: `x-signature: sha256=<hex HMAC-SHA256>` over `<x-timestamp>\n<METHOD>\n<path>\n<body>`;
 * callbacks carry `x-pix-signature: t=<unix seconds>,sha256=<hex>` over `<t>.<body>`.
 *
 * Bulk: an idempotent `PUT /pix/v2/gn/pix/lote/:idLote` with
 * `{"envios":[{"idEnvio", "envio": <single send body>}…]}`, signed once like a single send (each
 * item's `idEnvio` is what the PSP deduplicates on, as in the single path). Answered 200
 * `{"envios":[…]}` in request order, each the single answer's resource or its
 * `{"nome","mensagem"}` error. Batched callbacks: `{"eventos":[<single callback body>…]}`.
 */
import { bulkIdFor, outcomesOfItems, requireBulkSize, sameForAll, wholeRequestOutcomes } from '../bulk.js'
import { acceptedFrom, callbackBatchFrom, callbackFrom, reason, signatureParts, verifyAnySignature } from '../callback.js'
import type { ChannelErrorTable } from '../error-codes.js'
import { idempotencyKeyFor, requireAccount, requireAmount, truncate } from '../instruction.js'
import { hexToBytes, hmacSha256Hex, sha256Hex } from '../signing.js'
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
  bulkSendPath: (idLote: string) => `${BASE_PATH}/lote/${encodeURIComponent(idLote)}`,
  /** Most sends one batch (lote) may carry. */
  bulkMaxItems: 100,
  /** The error `nome` of an item the PSP failed to process (its outcome is unknown). */
  internalErrorName: 'erro_interno_servidor',
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

/** One send's answer (a whole single response body, or one batch item) under `response`'s status. */
function outcomeOfSend(response: ChannelHttpResponse, body: unknown): SubmitOutcome {
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
}

/** One item of a batch answer: a `{nome}` error declines it, unless the PSP failed to process it. */
function outcomeOfBatchItem(response: ChannelHttpResponse, item: unknown): SubmitOutcome {
  const errorName = stringAt(item, 'nome')
  if (errorName === undefined) return outcomeOfSend(response, item)
  if (errorName === pixWire.internalErrorName) return ambiguous(response, `item error ${errorName}`)
  return declineFrom(errorCodes, errorName, stringAt(item, 'mensagem') ?? 'recusado')
}

/** One event of a callback (the whole body of a single one, or one entry of `eventos`). */
function callbackOf(event: unknown): CallbackParseResult {
  const pix = valueAt(event, 'pix')
  return callbackFrom({
    status: statusOf(pix),
    idempotencyKey: stringAt(pix, 'identificadorExterno'),
    eventId: stringAt(event, 'evento', 'id'),
    occurredAt: parseTimestamp(stringAt(event, 'evento', 'horario')),
  })
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

  /** The body of one send: the single request's body, and the `envio` of one batch item. */
  function sendRequest(instruction: PayoutInstruction): Record<string, unknown> {
    const account = requireAccount('pix', instruction, ['pix'])
    const valor = requireAmount('pix', instruction, capabilities.currencies)
    return {
      valor,
      pagador: { chave: payerKey, infoPagador: truncate(instruction.reference, 140) },
      favorecido: { chave: account.key },
      identificadorExterno: idempotencyKeyFor(instruction),
    }
  }

  return {
    id: 'pix',
    displayName: 'PIX (Brazil)',
    capabilities,
    errorCodes,
    callbackAcknowledgement: { status: 200, contentType: 'text/plain', body: '' },

    async buildSubmitRequest(instruction, credentials) {
      const body = JSON.stringify(sendRequest(instruction))
      const path = pixWire.sendPath(await pixWire.idEnvioFor(idempotencyKeyFor(instruction)))
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
      return outcomeOfSend(response, parseJsonObject(response.body))
    },

    bulk: {
      maxItems: pixWire.bulkMaxItems,

      async buildSubmitRequest(instructions, credentials) {
        requireBulkSize('pix', instructions, pixWire.bulkMaxItems)
        const envios = await Promise.all(
          instructions.map(async (instruction) => ({ idEnvio: await pixWire.idEnvioFor(idempotencyKeyFor(instruction)), envio: sendRequest(instruction) })),
        )
        const body = JSON.stringify({ envios })
        // idLote follows the idEnvio rule ([a-zA-Z0-9]{1,35}): the batch id without its prefix.
        const path = pixWire.bulkSendPath((await bulkIdFor(instructions)).replace(/^bulk_/, ''))
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

      parseSubmitResponse(response, count) {
        const whole = wholeRequestOutcomes(response, count)
        if (whole) return whole
        const body = parseJsonObject(response.body)
        // Not a 2xx: an error about the whole batch (e.g. requisicao_invalida).
        if (response.status >= 300) return sameForAll(outcomeOfSend(response, body), count)
        return outcomesOfItems(response, count, valueAt(body, 'envios'), (item) => outcomeOfBatchItem(response, item))
      },
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
      if (body !== undefined && Object.hasOwn(body, 'eventos')) return callbackBatchFrom(body['eventos'], callbackOf)
      return callbackOf(body)
    },
  }
}
