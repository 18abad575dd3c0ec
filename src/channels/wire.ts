/**
 * Small, defensive helpers shared by the adapters for reading what channels send back.
 * Nothing a channel sends is trusted to have the documented shape.
 */
import { resolveChannelError, type ChannelErrorTable } from './error-codes.js'
import type { ChannelHttpResponse, SubmitOutcome } from './types.js'

export type JsonObject = Record<string, unknown>

/** Parses `text` as a JSON object; `undefined` for anything else (arrays, garbage). */
export function parseJsonObject(text: string): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(text)
    return isObject(value) ? value : undefined
  } catch {
    return undefined
  }
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The value at `path` inside nested objects, or `undefined`. */
export function valueAt(value: unknown, ...path: string[]): unknown {
  let current = value
  for (const key of path) {
    if (!isObject(current) || !Object.hasOwn(current, key)) return undefined
    current = current[key]
  }
  return current
}

/** The non-empty string at `path`, or `undefined`. */
export function stringAt(value: unknown, ...path: string[]): string | undefined {
  const found = valueAt(value, ...path)
  return typeof found === 'string' && found !== '' ? found : undefined
}

/** Case-insensitive header lookup (callers may pass raw, non-lowercased headers). */
export function headerValue(headers: Record<string, string>, name: string): string | undefined {
  const wanted = name.toLowerCase()
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return value
  }
  return undefined
}

/** A valid `Date` from an RFC 3339 / ISO 8601 string, or `undefined`. */
export function parseTimestamp(text: string | undefined): Date | undefined {
  if (text === undefined) return undefined
  const date = new Date(text)
  return Number.isNaN(date.getTime()) ? undefined : date
}

export function unixSeconds(date: Date): string {
  return String(Math.floor(date.getTime() / 1000))
}

/** A decline whose retryability comes from the channel's error table. */
export function declineFrom(table: ChannelErrorTable, code: string, message: string): SubmitOutcome {
  return { kind: 'declined', code, message, retryable: resolveChannelError(table, code).retryable }
}

/**
 * The HTTP statuses that say "not processed" whatever the body: the channel refused our
 * credentials or asked us to slow down. Anything else needs the channel's own error body.
 */
export function declineForHttpStatus(response: ChannelHttpResponse): SubmitOutcome | undefined {
  if (response.status === 401 || response.status === 403 || response.status === 429) {
    const code = `http_${response.status}`
    return { kind: 'declined', code, message: `channel answered HTTP ${response.status}`, retryable: true }
  }
  return undefined
}

/** The outcome for a response that cannot be trusted to mean either accepted or declined. */
export function ambiguous(response: ChannelHttpResponse, what: string): SubmitOutcome {
  return { kind: 'ambiguous', reason: `HTTP ${response.status}: ${what}` }
}
