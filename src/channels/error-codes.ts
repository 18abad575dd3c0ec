/**
 * Unified decline codes, the same for every channel, for merchants and for routing decisions.
 * Each adapter maps its native codes onto these in its own `errorCodes` table, so a new
 * adapter brings its table along instead of editing a central file.
 */
export type UnifiedErrorCode =
  | 'account_invalid'
  | 'account_closed'
  | 'account_blocked'
  | 'beneficiary_name_mismatch'
  | 'amount_invalid'
  | 'amount_limit_exceeded'
  | 'insufficient_channel_funds'
  | 'regulatory_rejection'
  | 'request_invalid'
  | 'authentication_failed'
  | 'rate_limited'
  | 'cutoff_passed'
  | 'channel_unavailable'
  | 'duplicate_request'
  | 'returned'
  | 'channel_declined'

/**
 * How to treat one native code. `retryable: true` means the payout did not happen and another
 * channel may be tried; `false` means the beneficiary or the payment itself is the problem.
 */
export interface ChannelErrorInfo {
  retryable: boolean
  unifiedCode: UnifiedErrorCode
}

/** Native code → treatment, for one channel. */
export type ChannelErrorTable = Readonly<Record<string, ChannelErrorInfo>>

/** Treatment of a code no table knows: final, and reported as a generic channel decline. */
export const UNKNOWN_CHANNEL_ERROR: ChannelErrorInfo = { retryable: false, unifiedCode: 'channel_declined' }

/**
 * Codes that the shared response parsing produces for every channel (HTTP-level declines and
 * transport failures that certainly did not reach the channel).
 */
export const TRANSPORT_ERROR_CODES: ChannelErrorTable = {
  http_401: { retryable: true, unifiedCode: 'authentication_failed' },
  http_403: { retryable: true, unifiedCode: 'authentication_failed' },
  http_429: { retryable: true, unifiedCode: 'rate_limited' },
  channel_unreachable: { retryable: true, unifiedCode: 'channel_unavailable' },
  instruction_unsupported: { retryable: true, unifiedCode: 'request_invalid' },
}

/**
 * Looks a native code up in a channel's table, then in {@link TRANSPORT_ERROR_CODES}.
 *
 * @example
 * resolveChannelError(sepaInstant.errorCodes, 'AC04') // { retryable: false, unifiedCode: 'account_closed' }
 * resolveChannelError(sepaInstant.errorCodes, 'ZZ99') // UNKNOWN_CHANNEL_ERROR
 */
export function resolveChannelError(table: ChannelErrorTable, code: string): ChannelErrorInfo {
  // Own-property checks only: a code such as "constructor" must not hit Object.prototype.
  if (Object.hasOwn(table, code)) return table[code] ?? UNKNOWN_CHANNEL_ERROR
  if (Object.hasOwn(TRANSPORT_ERROR_CODES, code)) return TRANSPORT_ERROR_CODES[code] ?? UNKNOWN_CHANNEL_ERROR
  return UNKNOWN_CHANNEL_ERROR
}
