import { pixWire } from '../../channels/adapters/pix.js'
import { signatureParts, verifyAnySignature } from '../../channels/callback.js'
import { hexToBytes, hmacSha256Hex } from '../../channels/signing.js'
import { stringAt, valueAt } from '../../channels/wire.js'
import type { PayoutState, SandboxEvent, SandboxPayout } from '../engine.js'
import { randomString } from '../prng.js'
import { header, isoTime, json, type BulkItemResult, type ParsedSubmission, type SandboxCredentials, type SandboxDialect } from './types.js'
import { bearerMatches, jsonBody } from './verify.js'

const STATUS: Record<PayoutState, string> = {
  processing: 'EM_PROCESSAMENTO',
  paid_out: 'REALIZADO',
  failed: 'NAO_REALIZADO',
  returned: 'DEVOLVIDO',
}

// The sandbox PSP's ISPB (the 8-digit participant code in every end-to-end id).
const SANDBOX_ISPB = '99999008'

function resource(payout: SandboxPayout) {
  return {
    idEnvio: payout.dedupeKey,
    e2eId: payout.reference,
    identificadorExterno: payout.idempotencyKey,
    valor: payout.amount,
    favorecido: { chave: payout.beneficiary },
    horario: { solicitacao: isoTime(payout.createdAt), atualizacao: isoTime(payout.updatedAt) },
    status: STATUS[payout.status],
    ...(payout.code !== undefined && { motivo: { codigo: payout.code, descricao: `motivo ${payout.code}` } }),
  }
}

const CONFLICT = { nome: 'id_envio_duplicado', mensagem: 'idEnvio já utilizado para outro envio' }
const INTERNAL_ERROR = { nome: pixWire.internalErrorName, mensagem: 'erro interno' }

/** One send: `idEnvio` from the path (single) or from the batch item. */
function submissionOf(idEnvio: string, body: unknown): ParsedSubmission | { error: string } {
  const key = stringAt(body, 'identificadorExterno')
  const valor = stringAt(body, 'valor')
  const chave = stringAt(body, 'favorecido', 'chave')
  if (!/^[a-zA-Z0-9]{1,35}$/.test(idEnvio)) return { error: 'idEnvio deve ter de 1 a 35 caracteres alfanuméricos' }
  if (!key || !valor || !/^\d+\.\d{2}$/.test(valor) || !chave) return { error: 'valor, favorecido.chave e identificadorExterno são obrigatórios' }
  return { dedupeKey: idEnvio, idempotencyKey: key, amount: valor, currency: 'BRL', beneficiary: chave }
}

function batchEntry(item: BulkItemResult) {
  switch (item.kind) {
    case 'accepted':
      return resource(item.payout)
    case 'declined':
      return { nome: item.code, mensagem: item.message }
    case 'conflict':
      return CONFLICT
    case 'server_error':
      return INTERNAL_ERROR
  }
}

function callbackEvent(event: SandboxEvent, payout: SandboxPayout) {
  return { evento: { id: event.eventId, tipo: 'pix.envio.status', horario: isoTime(event.occurredAt) }, pix: resource(payout) }
}

async function signedCallback(value: unknown, credentials: SandboxCredentials) {
  const body = JSON.stringify(value)
  const timestamp = String(Math.floor(Date.now() / 1000))
  const signature = await hmacSha256Hex(credentials.signingSecret, pixWire.callbackSigningString(timestamp, body))
  return { headers: { 'content-type': 'application/json', 'x-pix-signature': `t=${timestamp},sha256=${signature}` }, body }
}

/** The sandbox side of the PIX API (see `channels/adapters/pix.ts`). */
export const pixDialect: SandboxDialect = {
  channelId: 'pix',
  routes: {
    submit: { method: 'PUT', path: '/pix/v2/gn/pix/:idEnvio' },
    bulkSubmit: { method: 'PUT', path: '/pix/v2/gn/pix/lote/:idLote' },
    status: [
      { method: 'GET', path: '/pix/v2/gn/pix/enviados/id-envio/:idEnvio' },
      { method: 'GET', path: '/pix/v2/gn/pix/enviados/:e2eId' },
    ],
  },
  declineCodes: ['chave_nao_encontrada', 'saldo_insuficiente', 'conta_destino_encerrada', 'psp_destino_indisponivel'],
  failCode: 'AB03',
  returnCode: 'MD06',

  async authenticate(request, credentials) {
    const timestamp = header(request, 'x-timestamp') ?? ''
    const signatures = (signatureParts(header(request, 'x-signature'))['sha256'] ?? []).map(hexToBytes)
    const signed = pixWire.requestSigningString(timestamp, request.method, request.path, request.body)
    const signatureValid = await verifyAnySignature(credentials.signingSecret, signed, signatures)
    return bearerMatches(request, credentials.apiKey) && timestamp !== '' && signatureValid
  },

  async parseSubmission(request) {
    return submissionOf(request.params['idEnvio'] ?? '', jsonBody(request))
  },

  async parseBulkSubmission(request) {
    const envios = jsonBody(request)?.['envios']
    if (!/^[a-zA-Z0-9]{1,35}$/.test(request.params['idLote'] ?? '')) return { error: 'idLote deve ter de 1 a 35 caracteres alfanuméricos' }
    if (!Array.isArray(envios) || envios.length === 0) return { error: 'envios deve ser uma lista não vazia' }
    if (envios.length > pixWire.bulkMaxItems) return { error: `no máximo ${pixWire.bulkMaxItems} envios por lote` }
    const submissions: ParsedSubmission[] = []
    for (const [index, item] of (envios as unknown[]).entries()) {
      const submission = submissionOf(stringAt(item, 'idEnvio') ?? '', valueAt(item, 'envio'))
      if ('error' in submission) return { error: `envios[${index}]: ${submission.error}` }
      submissions.push(submission)
    }
    return submissions
  },
  bulkAnswer: (items) => json(200, { envios: items.map(batchEntry) }),

  async parseStatusLookup(request) {
    const idEnvio = request.params['idEnvio']
    if (idEnvio) return { by: 'dedupeKey', value: idEnvio }
    const e2eId = request.params['e2eId']
    return e2eId ? { by: 'reference', value: e2eId } : { error: 'e2eId ou idEnvio é obrigatório' }
  },

  newReference: (_submission, _sequence, random, now) => ({
    // E + ISPB + yyyyMMddHHmm (UTC) + 11 alphanumerics: the 32-character PIX end-to-end id.
    reference: `E${SANDBOX_ISPB}${now.toISOString().slice(0, 16).replace(/[-T:]/g, '')}${randomString(random, 'abcdefghijklmnopqrstuvwxyz0123456789', 11)}`,
  }),
  accepted: (payout) => json(201, resource(payout)),
  declined: (code, message) => json(422, { nome: code, mensagem: message }),
  unauthorized: () => json(401, { nome: 'nao_autorizado', mensagem: 'token ou assinatura inválidos' }),
  invalid: (message) => json(400, { nome: 'requisicao_invalida', mensagem: message }),
  conflict: () => json(409, CONFLICT),
  serverError: () => json(500, INTERNAL_ERROR),
  gatewayTimeout: () => ({ status: 504, body: 'Gateway Timeout', contentType: 'text/plain' }),
  status: (payout) => (payout ? json(200, resource(payout)) : json(404, { nome: 'envio_nao_encontrado', mensagem: 'envio não encontrado' })),

  callback: (event, payout, credentials) => signedCallback(callbackEvent(event, payout), credentials),
  callbackBatch: (entries, credentials) => signedCallback({ eventos: entries.map(({ event, payout }) => callbackEvent(event, payout)) }, credentials),
  isAcknowledged: (status) => status >= 200 && status < 300,
}
