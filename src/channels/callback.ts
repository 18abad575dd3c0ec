/**
 * Helpers for verifying and shaping channel callbacks, shared by the adapters.
 */
import { parseIdempotencyKey } from './instruction.js'
import { verifyHmacSha256, type Bytes } from './signing.js'
import type { CallbackParseResult, ChannelCallback, ChannelStatus, SubmitOutcome } from './types.js'

/**
 * Splits a `k1=v1,k2=v2` signature header into its parts; repeated keys (several signatures
 * during a key rotation) are all kept.
 *
 * @example signatureParts('t=1700000000,v1=ab12,v1=cd34') // { t: ['1700000000'], v1: ['ab12', 'cd34'] }
 */
export function signatureParts(header: string | undefined): Record<string, string[]> {
  const parts: Record<string, string[]> = {}
  for (const part of (header ?? '').split(',')) {
    const separator = part.indexOf('=')
    if (separator <= 0) continue
    const key = part.slice(0, separator).trim()
    const value = part.slice(separator + 1).trim()
    parts[key] = [...(parts[key] ?? []), value]
  }
  return parts
}

/** Whether any of the decoded `signatures` is the HMAC of `message`; checks all of them. */
export async function verifyAnySignature(
  secret: string,
  message: string,
  signatures: readonly (Bytes | undefined)[],
): Promise<boolean> {
  let valid = false
  for (const signature of signatures) {
    // No early exit: the time taken does not depend on which candidate matched.
    if (await verifyHmacSha256(secret, message, signature)) valid = true
  }
  return valid
}

/** Turns an accepted-looking status into a submit outcome, or `undefined` for other states. */
export function acceptedFrom(status: ChannelStatus | undefined): SubmitOutcome | undefined {
  if (status?.kind === 'paid_out' || status?.kind === 'processing') {
    return { kind: 'accepted', channelReference: status.channelReference, status: status.kind }
  }
  return undefined
}

/**
 * Assembles a verified callback from its parsed pieces; any missing piece makes it
 * `malformed` (so the core falls back to a status query).
 */
export function callbackFrom(parts: {
  status: ChannelStatus | undefined
  idempotencyKey: string | undefined
  eventId: string | undefined
  occurredAt: Date | undefined
}): CallbackParseResult {
  const { status, eventId, occurredAt } = parts
  const key = parseIdempotencyKey(parts.idempotencyKey ?? '')
  if (!status || status.kind === 'not_found' || status.kind === 'unavailable') return { error: 'malformed' }
  if (!key || eventId === undefined || occurredAt === undefined) return { error: 'malformed' }
  return {
    channelReference: status.channelReference,
    paymentId: key.paymentId,
    attempt: key.attempt,
    status: status.kind,
    ...(status.code !== undefined && { code: status.code }),
    ...(status.message !== undefined && { message: status.message }),
    eventId,
    occurredAt,
  }
}

/** `{ code, message }` without the undefined ones, for spreading into a status. */
export function reason(code: string | undefined, message: string | undefined): { code?: string; message?: string } {
  return { ...(code !== undefined && { code }), ...(message !== undefined && { message }) }
}

/**
 * Reads a batch notification: `events` must be a non-empty array, and every event must parse
 * (through `parseEvent`, the channel's single-event reader). One bad event makes the whole
 * notification `malformed`: the core then queries the statuses rather than act on part of it.
 *
 * @example callbackBatchFrom(body?.['events'], (event) => callbackFrom({ … }))
 */
export function callbackBatchFrom(events: unknown, parseEvent: (event: unknown) => CallbackParseResult): CallbackParseResult {
  if (!Array.isArray(events) || events.length === 0) return { error: 'malformed' }
  const callbacks: ChannelCallback[] = []
  for (const event of events as unknown[]) {
    const parsed = parseEvent(event)
    if (Array.isArray(parsed) || 'error' in parsed) return { error: 'malformed' }
    callbacks.push(parsed as ChannelCallback)
  }
  return callbacks
}
