import { describe, expect, it } from 'vitest'
import { AMBIGUOUS_RESPONSES, credentials, FIXED_UNIX, fixedNow, response } from '../../../test/fixtures/channels/adapter-harness.js'
import { hmacHex, sha256Hex } from '../../../test/fixtures/channels/node-crypto.js'
import { payoutFor } from '../../../test/fixtures/channels/payout-instructions.js'
import type { ChannelCallback } from '../types.js'
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

describe('pix bulk (lote)', () => {
  const bulk = pix.bulk
  if (!bulk) throw new Error('pix must have a bulk API')
  const instructions = ['pay_b1', 'pay_b2'].map((paymentId) => payoutFor('pix', { paymentId }))
  const send = (e2eId: string, status = 'EM_PROCESSAMENTO') => ({ e2eId, identificadorExterno: `${e2eId}:1`, status })

  it('builds one idempotent PUT whose items carry the single send bodies under their idEnvio, in order', async () => {
    const request = await bulk.buildSubmitRequest(instructions, credentials)
    expect(request.method).toBe('PUT')
    expect(request.path).toMatch(/^\/pix\/v2\/gn\/pix\/lote\/[0-9a-f]{32}$/)
    expect((await bulk.buildSubmitRequest(instructions, credentials)).path).toBe(request.path)
    const singles = await Promise.all(instructions.map((instruction) => pix.buildSubmitRequest(instruction, credentials)))
    expect(JSON.parse(request.body ?? '')).toEqual({
      envios: singles.map((single) => ({ idEnvio: single.path.split('/').pop(), envio: JSON.parse(single.body ?? '') })),
    })
    expect(JSON.parse(request.body ?? '').envios[0].idEnvio).toBe(sha256Hex('pay_b1:1').slice(0, 32))
    const signed = [FIXED_UNIX, 'PUT', request.path, request.body].join('\n')
    expect(request.headers['x-signature']).toBe(`sha256=${hmacHex(credentials.signingSecret, signed)}`)
    expect(request.headers['Authorization']).toBe('Bearer key_test_123')
    await expect(bulk.buildSubmitRequest([], credentials)).rejects.toBeInstanceOf(RangeError)
  })

  it('parses a mixed answer item by item', () => {
    const reply = response(200, {
      envios: [
        send('E1'),
        { nome: 'saldo_insuficiente', mensagem: 'sem saldo' },
        { nome: 'erro_interno_servidor', mensagem: 'erro interno' },
        { nome: 'id_envio_duplicado', mensagem: 'dup' },
        send('E5', 'REALIZADO'),
      ],
    })
    expect(bulk.parseSubmitResponse(reply, 5)).toEqual([
      { kind: 'accepted', channelReference: 'E1', status: 'processing' },
      { kind: 'declined', code: 'saldo_insuficiente', message: 'sem saldo', retryable: true },
      { kind: 'ambiguous', reason: 'HTTP 200: item error erro_interno_servidor' },
      { kind: 'declined', code: 'id_envio_duplicado', message: 'dup', retryable: false },
      { kind: 'accepted', channelReference: 'E5', status: 'paid_out' },
    ])
  })

  it('gives every item the answer about the whole batch', () => {
    const kinds = (reply: ReturnType<typeof response>, count: number) => bulk.parseSubmitResponse(reply, count).map((outcome) => outcome.kind)
    expect(bulk.parseSubmitResponse(response(401, {}), 2).map((outcome) => outcome.kind === 'declined' && outcome.code)).toEqual(['http_401', 'http_401'])
    expect(bulk.parseSubmitResponse(response(400, { nome: 'requisicao_invalida', mensagem: 'x' }), 2).map((outcome) => outcome.kind === 'declined' && outcome.code)).toEqual([
      'requisicao_invalida',
      'requisicao_invalida',
    ])
    expect(kinds(response(500, { nome: 'erro_interno_servidor' }), 2)).toEqual(['ambiguous', 'ambiguous'])
    expect(kinds(response(200, 'garbage'), 2)).toEqual(['ambiguous', 'ambiguous'])
    expect(kinds(response(200, { envios: [send('E1')] }), 2)).toEqual(['ambiguous', 'ambiguous'])
  })

  it('verifies a batch callback once and parses its events in order', async () => {
    const event = (id: string, e2eId: string, status: string) => ({
      evento: { id, tipo: 'pix.envio.status', horario: '2024-05-01T10:00:05.000Z' },
      pix: { ...sent, e2eId, identificadorExterno: `pay_${e2eId}:1`, status },
    })
    const body = JSON.stringify({ eventos: [event('evt_1', 'A', 'EM_PROCESSAMENTO'), event('evt_2', 'B', 'REALIZADO'), event('evt_3', 'A', 'REALIZADO')] })
    const parsed = await pix.parseCallback(signedCallback(body), credentials)
    expect((parsed as readonly ChannelCallback[]).map(({ eventId, paymentId, status }) => [eventId, paymentId, status])).toEqual([
      ['evt_1', 'pay_A', 'processing'],
      ['evt_2', 'pay_B', 'paid_out'],
      ['evt_3', 'pay_A', 'paid_out'],
    ])
    expect(await pix.parseCallback({ ...signedCallback(body), body: body.replace('evt_3', 'evt_4') }, credentials)).toEqual({ error: 'invalid_signature' })
    const oneBad = JSON.stringify({ eventos: [event('evt_1', 'A', 'EM_PROCESSAMENTO'), { evento: { id: 'evt_2' } }] })
    expect(await pix.parseCallback(signedCallback(oneBad), credentials)).toEqual({ error: 'malformed' })
  })
})
