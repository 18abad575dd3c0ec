/**
 * Talks to the Worker in workerd over HTTP, as a partner would: an openapi-fetch client typed by
 * the generated `paths`, and raw requests for malformed input. Every response is checked
 * against the OpenAPI document.
 */
import createClient, { type Client } from 'openapi-fetch'
import { inject } from 'vitest'
import type { paths } from '../../src/api/generated/openapi-types.js'
import { assertResponseMatchesSpec } from '../support/spec-check.js'

export const edge = () => inject('edge')

async function checkedFetch(request: Request): Promise<Response> {
  const response = await fetch(request)
  await assertResponseMatchesSpec(request.method, request.url, response)
  return response
}

/** @example const { data } = await edgeClient().GET('/v1/rates', {}) */
export function edgeClient(apiKey: string = edge().apiKey): Client<paths> {
  return createClient<paths>({ baseUrl: edge().url, fetch: checkedFetch, headers: { Authorization: `Bearer ${apiKey}` } })
}

/** A raw request to the Worker (with the demo key unless `apiKey` is null), checked against the spec. */
export function edgeRequest(path: string, init: RequestInit & { apiKey?: string | null } = {}): Promise<Response> {
  const { apiKey, ...rest } = init
  const headers = new Headers(rest.headers)
  const key = apiKey === undefined ? edge().apiKey : apiKey
  if (key) headers.set('Authorization', `Bearer ${key}`)
  return checkedFetch(new Request(`${edge().url}${path}`, { ...rest, headers }))
}

export interface ErrorShape {
  code: string
  message: string
  field?: string
  request_id: string
}

export const errorOf = async (response: Response): Promise<ErrorShape> => ((await response.json()) as { error: ErrorShape }).error
