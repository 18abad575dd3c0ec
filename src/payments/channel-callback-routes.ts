import { Hono } from 'hono'
import type { AppEnv } from '../api/context.js'
import type { AppDeps } from '../api/deps.js'
import { ApiError } from '../api/errors.js'
import type { ChannelCallback } from '../channels/index.js'

const isCallbackList = (parsed: ChannelCallback | readonly ChannelCallback[]): parsed is readonly ChannelCallback[] => Array.isArray(parsed)

/**
 * `POST /v1/channels/{channel_id}/callbacks`: channel notifications, one event or a batch of
 * them under one signature, authenticated by the channel's signature (the adapter verifies it). A notification that fails verification is
 * not trusted: it is refused, and the processor's status polling finds the truth.
 */
export function channelCallbackRoutes(deps: AppDeps, options: { maxBytes: number }) {
  return new Hono<AppEnv>().post('/:channel_id/callbacks', async (c) => {
    const channelId = c.req.param('channel_id')
    const channel = deps.channels.get(channelId)
    if (!channel) throw new ApiError(404, 'not_found', `No channel ${channelId}`)
    const tooLarge = () => new ApiError(413, 'payload_too_large', `The notification exceeds ${options.maxBytes} bytes`)
    if (Number(c.req.header('content-length') ?? '0') > options.maxBytes) throw tooLarge()
    const body = await c.req.text()
    if (new TextEncoder().encode(body).byteLength > options.maxBytes) throw tooLarge()
    const headers: Record<string, string> = {}
    c.req.raw.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value
    })
    const parsed = await channel.parseCallback({ headers, body }, deps.channelCredentials(channelId))
    if ('error' in parsed) {
      if (parsed.error === 'invalid_signature') throw new ApiError(401, 'invalid_signature', 'The notification signature does not verify')
      throw new ApiError(422, 'validation_failed', 'The notification is not in the channel’s format', 'body')
    }
    const callbacks: readonly ChannelCallback[] = isCallbackList(parsed) ? parsed : [parsed]
    const outcomes = await deps.processor.applyCallbacks(channelId, callbacks)
    // Every callback and its outcome is kept in channel_callbacks; only the unexpected is logged.
    outcomes.forEach((outcome, index) => {
      const callback = callbacks[index]!
      if (outcome === 'unknown_payment') deps.logger?.info(`callback ${channelId} ${callback.eventId} names an unknown payment ${callback.paymentId}`)
    })
    const ack = channel.callbackAcknowledgement
    return c.body(ack.body, ack.status as 200, { 'Content-Type': ack.contentType })
  })
}
