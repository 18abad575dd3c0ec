import { formatAmount } from './amount.js'
import type { PayoutAccount, PayoutAccountType, PayoutInstruction } from './types.js'

/**
 * Thrown by `buildSubmitRequest` when an instruction cannot be expressed on a channel at all
 * (wrong account type or currency, an amount with too many decimals, a name the rail's
 * character set cannot carry). Nothing was sent, so another channel may be tried: the router
 * should have filtered this out, which is why it is an exception and not a value.
 */
export class ChannelInstructionError extends Error {
  override readonly name = 'ChannelInstructionError'
  readonly retryable = true
  readonly code = 'instruction_unsupported'

  constructor(
    readonly channelId: string,
    readonly reason: string,
    message: string,
  ) {
    super(`${channelId}: ${message}`)
  }
}

/**
 * The idempotency key sent to channels: one per payment attempt, so a resubmission of the
 * same attempt is deduplicated by the channel while a new attempt is a new payout.
 *
 * @example idempotencyKeyFor({ paymentId: 'pay_123', attempt: 2 }) // 'pay_123:2'
 */
export function idempotencyKeyFor(payout: { paymentId: string; attempt: number }): string {
  return `${payout.paymentId}:${payout.attempt}`
}

/**
 * Splits an idempotency key back into payment id and attempt; `undefined` when malformed.
 *
 * @example parseIdempotencyKey('pay_123:2') // { paymentId: 'pay_123', attempt: 2 }
 */
export function parseIdempotencyKey(key: string): { paymentId: string; attempt: number } | undefined {
  const match = /^(.+):([1-9]\d{0,8})$/.exec(key)
  if (!match || match[1] === undefined || match[2] === undefined) return undefined
  return { paymentId: match[1], attempt: Number(match[2]) }
}

/** The creditor account, narrowed to the types the channel accepts; throws otherwise. */
export function requireAccount<T extends PayoutAccountType>(
  channelId: string,
  instruction: PayoutInstruction,
  types: readonly T[],
): Extract<PayoutAccount, { type: T }> {
  const account = instruction.creditor.account
  if (!(types as readonly string[]).includes(account.type)) {
    throw new ChannelInstructionError(channelId, 'account_type', `cannot pay to a ${account.type} account`)
  }
  return account as Extract<PayoutAccount, { type: T }>
}

/**
 * The instruction's amount formatted for its currency, after checking the currency is one the
 * channel pays out in (`'*'` for any); throws {@link ChannelInstructionError} otherwise.
 */
export function requireAmount(
  channelId: string,
  instruction: PayoutInstruction,
  currencies: readonly string[] | '*',
): string {
  if (currencies !== '*' && !currencies.includes(instruction.currency)) {
    throw new ChannelInstructionError(channelId, 'currency', `does not pay out ${instruction.currency}`)
  }
  const amount = formatAmount(instruction.amount, instruction.currency)
  if (amount === undefined) {
    throw new ChannelInstructionError(channelId, 'amount', `amount is not valid for ${instruction.currency}`)
  }
  return amount
}

/** Cuts `text` to at most `maxLength` characters (code points, so no split surrogate pairs). */
export function truncate(text: string, maxLength: number): string {
  const characters = [...text]
  return characters.length <= maxLength ? text : characters.slice(0, maxLength).join('')
}
