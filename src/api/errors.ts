/**
 * The one error shape of every 4xx/5xx response, and the helpers that produce it.
 * Domain services return expected failures as values; each domain maps them to HTTP with an
 * exhaustive `Record<…, ErrorMapping>` table so a new failure cannot ship without a status.
 */
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { ErrorCode, Schemas } from './openapi.js'

export type ErrorBody = Schemas['Error']

export interface ErrorMapping {
  status: ContentfulStatusCode
  code: ErrorCode
}

/** Thrown inside request handling to answer with the error shape; anything else is a 500. */
export class ApiError extends Error {
  override name = 'ApiError'
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message)
  }
}

/** @example errorBody('not_found', 'No such quote', 'req_123') */
export function errorBody(code: ErrorCode, message: string, requestId: string, field?: string): ErrorBody {
  return { error: { code, message, ...(field ? { field } : {}), request_id: requestId } }
}

/** Answers with the error shape, taking the request id from the context. */
export function errorResponse(c: Context, status: ContentfulStatusCode, code: ErrorCode, message: string, field?: string) {
  const requestId = (c.get('requestId') as string | undefined) ?? 'unknown'
  return c.json(errorBody(code, message, requestId, field), status)
}
