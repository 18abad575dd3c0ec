/**
 * Credential checks shared by the dialects: constant-time key comparison and HMAC checks.
 */
import { timingSafeEqual } from '../../channels/signing.js'
import { header, type RawRequest } from './types.js'

/** Whether `Authorization: Bearer <token>` carries `apiKey`. */
export function bearerMatches(request: RawRequest, apiKey: string): boolean {
  const authorization = header(request, 'authorization') ?? ''
  const token = authorization.startsWith('Bearer ') ? authorization.slice('Bearer '.length) : ''
  return timingSafeEqual(token, apiKey)
}

/** Reads a JSON object body; `undefined` when it is anything else. */
export function jsonBody(request: RawRequest): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(request.body)
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}
