import { describe, expect, it } from 'vitest'
import { credentials } from '../../test/fixtures/channels/adapter-harness.js'
import { createSepaInstantChannel } from './adapters/sepa-instant.js'
import { bulkSubmitOutcomesOf, sendChannelRequest, submitOutcomeOf } from './transport.js'
import type { ChannelHttpRequest } from './types.js'

const request: ChannelHttpRequest = { method: 'POST', path: '/rail/v1/pay', headers: { 'X-Test': '1' }, body: '{"a":1}' }

function failingFetch(error: unknown): typeof fetch {
  return async () => {
    throw error
  }
}

describe('sendChannelRequest', () => {
  it('sends to baseUrl + path and returns status, lowercased headers and body', async () => {
    let seen: { url: string; init: RequestInit | undefined } | undefined
    const fetchStub: typeof fetch = async (input, init) => {
      seen = { url: String(input), init }
      return new Response('{"ok":true}', { status: 201, headers: { 'X-Request-Id': 'r1' } })
    }
    const result = await sendChannelRequest({ ...credentials, baseUrl: 'https://rail.test/' }, request, { timeoutMs: 1000, fetch: fetchStub })
    expect(seen?.url).toBe('https://rail.test/rail/v1/pay')
    expect(seen?.init).toMatchObject({ method: 'POST', body: '{"a":1}', redirect: 'manual' })
    expect(result).toEqual({ kind: 'response', response: { status: 201, headers: { 'content-type': 'text/plain;charset=UTF-8', 'x-request-id': 'r1' }, body: '{"ok":true}' } })
  })

  it('reports a timeout when the channel does not answer in time', async () => {
    const never: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)))
    expect(await sendChannelRequest(credentials, request, { timeoutMs: 20, fetch: never })).toEqual({ kind: 'timeout' })
  })

  it('distinguishes "never connected" from "connection lost after sending"', async () => {
    const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } })
    const reset = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } })
    expect(await sendChannelRequest(credentials, request, { timeoutMs: 1000, fetch: failingFetch(refused) })).toMatchObject({
      kind: 'network_error',
      sentMaybe: false,
    })
    expect(await sendChannelRequest(credentials, request, { timeoutMs: 1000, fetch: failingFetch(reset) })).toMatchObject({
      kind: 'network_error',
      sentMaybe: true,
    })
    expect(await sendChannelRequest(credentials, request, { timeoutMs: 1000, fetch: failingFetch(new Error('odd')) })).toMatchObject({
      sentMaybe: true,
    })
  })
})

describe('submitOutcomeOf', () => {
  const sepa = createSepaInstantChannel()
  it('is ambiguous for timeouts and possibly-sent failures, a retryable decline when never sent', () => {
    expect(submitOutcomeOf(sepa, { kind: 'timeout' }).kind).toBe('ambiguous')
    expect(submitOutcomeOf(sepa, { kind: 'network_error', sentMaybe: true, message: 'reset' }).kind).toBe('ambiguous')
    expect(submitOutcomeOf(sepa, { kind: 'network_error', sentMaybe: false, message: 'refused' })).toEqual({
      kind: 'declined',
      code: 'channel_unreachable',
      message: 'refused',
      retryable: true,
    })
  })
})

describe('bulkSubmitOutcomesOf', () => {
  const bulk = createSepaInstantChannel().bulk!

  it('gives every item of a request whose answer was lost the same ambiguous outcome', () => {
    expect(bulkSubmitOutcomesOf(bulk, { kind: 'timeout' }, 3)).toEqual(Array(3).fill({ kind: 'ambiguous', reason: 'timed out waiting for the channel' }))
    const maybeSent = bulkSubmitOutcomesOf(bulk, { kind: 'network_error', sentMaybe: true, message: 'socket hang up' }, 2)
    expect(maybeSent.map((outcome) => outcome.kind)).toEqual(['ambiguous', 'ambiguous'])
  })

  it('declines every item, retryably, when the connection provably never opened', () => {
    const outcomes = bulkSubmitOutcomesOf(bulk, { kind: 'network_error', sentMaybe: false, message: 'connect ECONNREFUSED' }, 2)
    expect(outcomes).toEqual(Array(2).fill({ kind: 'declined', code: 'channel_unreachable', message: 'connect ECONNREFUSED', retryable: true }))
  })

  it('reads an answer item by item through the channel', () => {
    const response = { status: 503, headers: {}, body: '' }
    expect(bulkSubmitOutcomesOf(bulk, { kind: 'response', response }, 2)).toEqual(bulk.parseSubmitResponse(response, 2))
  })
})
