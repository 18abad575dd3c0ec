import { describe, expect, it } from 'vitest'
import { AMBIGUOUS_RESPONSES, credentials, FIXED_UNIX, fixedNow, response } from '../../../test/fixtures/channels/adapter-harness.js'
import { hmacHex, sha256Hex } from '../../../test/fixtures/channels/node-crypto.js'
import { payoutFor } from '../../../test/fixtures/channels/payout-instructions.js'
import { createPixChannel } from './pix.js'

const pix = createPixChannel({ now: fixedNow, payerKey: 'payouts@corridor.test' })
const idEnvio = sha256Hex('pay_01HZX3K9T2:1').slice(0, 32)
const sent = { idEnvio, e2eId: 'E9999900820240501100000abcdefghijk', identificadorExterno: 'pay_01HZX3K9T2:1', valor: '125.50' }

function signedCallback(body: string, secret = credentials.signingSecret) {
  return { headers: { 'x-pix-signature': `t=${FIXED_UNIX},sha256=${hmacHex(secret, `${FIXED_UNIX}.${body}`)}` }, body }
}

describe('pix adapter', () => {
  it('sends with an idempotent PUT on a derived idEnvio', async () => {
    const request = await pix.buildSubmitRequest(payoutFor('pix'), credentials)
    expect(request).toMatchObject({ method: 'PUT', path: `/pix/v2/gn/pix/${idEnvio}` })
    expect(idEnvio).toMatch(/^[a-zA-Z0-9]{1,35}$/)
    expect(JSON.parse(request.body ?? '')).toEqual({
      valor: '125.50',
      pagador: { chave: 'payouts@corridor.test', infoPagador: 'Invoice 2024-0042' },
      favorecido: { chave: 'joao@example.com.br' },
      identificadorExterno: 'pay_01HZX3K9T2:1',
    })
    const signed = `${FIXED_UNIX}\nPUT\n${request.path}\n${request.body}`
    expect(request.headers['x-signature']).toBe(`sha256=${hmacHex(credentials.signingSecret, signed)}`)
  })

  it('parses sends and refusals', () => {
    expect(pix.parseSubmitResponse(response(201, { ...sent, status: 'EM_PROCESSAMENTO' }))).toEqual({
      kind: 'accepted',
      channelReference: sent.e2eId,
      status: 'processing',
    })
    expect(pix.parseSubmitResponse(response(422, { nome: 'chave_nao_encontrada', mensagem: 'Chave não encontrada' }))).toEqual({
      kind: 'declined',
      code: 'chave_nao_encontrada',
      message: 'Chave não encontrada',
      retryable: false,
    })
    expect(pix.parseSubmitResponse(response(422, { nome: 'saldo_insuficiente' }))).toMatchObject({ retryable: true })
  })

  it.each(AMBIGUOUS_RESPONSES)('treats %s as ambiguous', (_name, reply) => {
    expect(pix.parseSubmitResponse(reply).kind).toBe('ambiguous')
  })

  it('queries by idEnvio or e2eId', async () => {
    const byKey = await pix.buildStatusRequest({ paymentId: 'pay_01HZX3K9T2', attempt: 1, channelReference: null }, credentials)
    expect(byKey.path).toBe(`/pix/v2/gn/pix/enviados/id-envio/${idEnvio}`)
    const byE2e = await pix.buildStatusRequest({ paymentId: 'pay_01HZX3K9T2', attempt: 1, channelReference: sent.e2eId }, credentials)
    expect(byE2e.path).toBe(`/pix/v2/gn/pix/enviados/${sent.e2eId}`)
    expect(pix.parseStatusResponse(response(200, { ...sent, status: 'DEVOLVIDO', motivo: { codigo: 'MD06', descricao: 'devolução' } }))).toEqual({
      kind: 'returned',
      channelReference: sent.e2eId,
      code: 'MD06',
      message: 'devolução',
    })
    expect(pix.parseStatusResponse(response(404, { nome: 'envio_nao_encontrado' }))).toEqual({ kind: 'not_found' })
  })

  it('verifies and parses callbacks', async () => {
    const body = JSON.stringify({ evento: { id: 'evt_p', tipo: 'pix.envio.status', horario: '2024-05-01T10:00:03Z' }, pix: { ...sent, status: 'REALIZADO' } })
    expect(await pix.parseCallback(signedCallback(body), credentials)).toMatchObject({ status: 'paid_out', paymentId: 'pay_01HZX3K9T2', eventId: 'evt_p' })
    expect(await pix.parseCallback({ ...signedCallback(body), body: body.replace('125.50', '999.00') }, credentials)).toEqual({
      error: 'invalid_signature',
    })
  })
})
