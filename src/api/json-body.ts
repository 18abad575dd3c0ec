import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from './context.js'
import { ApiError } from './errors.js'

/**
 * Reads a request body once, within `maxBytes`, and parses it as JSON: 413 when it is too large
 * (by `Content-Length` or by what actually arrives), 400 `malformed_json` when it does not parse.
 */
// Reused: decode() without { stream: true } starts afresh each call.
const utf8 = new TextDecoder('utf-8', { fatal: true })

export const jsonBody = (options: { maxBytes: number }): MiddlewareHandler<AppEnv> =>
  async function jsonBody(c, next) {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next()
    const declared = Number(c.req.header('content-length') ?? '0')
    if (declared > options.maxBytes) throw tooLarge(options.maxBytes)
    const buffer = await c.req.arrayBuffer()
    if (buffer.byteLength > options.maxBytes) throw tooLarge(options.maxBytes)
    if (buffer.byteLength === 0) {
      c.set('rawBody', undefined)
      c.set('body', undefined)
      return next()
    }
    let text: string
    try {
      text = utf8.decode(buffer)
    } catch {
      throw new ApiError(400, 'malformed_json', 'The request body is not valid UTF-8')
    }
    const mediaType = (c.req.header('content-type') ?? 'application/json').split(';')[0]!.trim().toLowerCase()
    if (mediaType !== 'application/json' && !mediaType.endsWith('+json')) {
      throw new ApiError(400, 'malformed_json', `Content-Type must be application/json, not ${mediaType}`)
    }
    try {
      c.set('body', JSON.parse(text))
    } catch (error) {
      throw new ApiError(400, 'malformed_json', `The request body is not valid JSON: ${(error as Error).message}`)
    }
    c.set('rawBody', text)
    await next()
  }

function tooLarge(maxBytes: number): ApiError {
  return new ApiError(413, 'payload_too_large', `The request body exceeds ${maxBytes} bytes`)
}
