import { pixWire } from '../../channels/adapters/pix.js'
import { signatureParts, verifyAnySignature } from '../../channels/callback.js'
import { hexToBytes, hmacSha256Hex } from '../../channels/signing.js'
import { stringAt } from '../../channels/wire.js'
import type { PayoutState, SandboxPayout } from '../engine.js'
import { randomString } from '../prng.js'
import { header, isoTime, json, type SandboxDialect } from './types.js'
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

/** The sandbox side of the PIX API (see `channels/adapters/pix.ts`). */
export const pixDialect: SandboxDialect = {
  channelId: 'pix',
  routes: {
    submit: { method: 'PUT', path: '/pix/v2/gn/pix/:idEnvio' },
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
    const body = jsonBody(request)
    const idEnvio = request.params['idEnvio'] ?? ''
    const key = stringAt(body, 'identificadorExterno')
    const valor = stringAt(body, 'valor')
    const chave = stringAt(body, 'favorecido', 'chave')
    if (!/^[a-zA-Z0-9]{1,35}$/.test(idEnvio)) return { error: 'idEnvio deve ter de 1 a 35 caracteres alfanuméricos' }
    if (!key || !valor || !/^\d+\.\d{2}$/.test(valor) || !chave) return { error: 'valor, favorecido.chave e identificadorExterno são obrigatórios' }
    return { dedupeKey: idEnvio, idempotencyKey: key, amount: valor, currency: 'BRL', beneficiary: chave }
  },

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
  conflict: () => json(409, { nome: 'id_envio_duplicado', mensagem: 'idEnvio já utilizado para outro envio' }),
  serverError: () => json(500, { nome: 'erro_interno_servidor', mensagem: 'erro interno' }),
  gatewayTimeout: () => ({ status: 504, body: 'Gateway Timeout', contentType: 'text/plain' }),
  status: (payout) => (payout ? json(200, resource(payout)) : json(404, { nome: 'envio_nao_encontrado', mensagem: 'envio não encontrado' })),

  async callback(event, payout, credentials) {
    const body = JSON.stringify({
      evento: { id: event.eventId, tipo: 'pix.envio.status', horario: isoTime(event.occurredAt) },
      pix: resource(payout),
    })
    const timestamp = String(Math.floor(Date.now() / 1000))
    const signature = await hmacSha256Hex(credentials.signingSecret, pixWire.callbackSigningString(timestamp, body))
    return { headers: { 'content-type': 'application/json', 'x-pix-signature': `t=${timestamp},sha256=${signature}` }, body }
  },
  isAcknowledged: (status) => status >= 200 && status < 300,
}
