/**
 * Helpers shared by the adapters' bulk payout APIs ({@link BulkSubmission}): checking a batch's
 * size, naming it, and spreading an answer about the whole request over every item.
 */
import { idempotencyKeyFor } from './instruction.js'
import { sha256Hex } from './signing.js'
import type { ChannelHttpResponse, PayoutInstruction, SubmitOutcome } from './types.js'
import { ambiguous, declineForHttpStatus } from './wire.js'

/**
 * Throws a `RangeError` unless `instructions` holds 1 to `maxItems` payouts. Splitting a larger
 * set is the caller's job: nothing is sent, so it is a programming error, not a decline.
 */
export function requireBulkSize(channelId: string, instructions: readonly PayoutInstruction[], maxItems: number): void {
  if (instructions.length === 0 || instructions.length > maxItems) {
    throw new RangeError(`${channelId}: a bulk submission carries 1 to ${maxItems} payouts, not ${instructions.length}`)
  }
}

/**
 * A stable id for a batch: the same instructions in the same order always get the same id, so
 * a resent batch is recognisable in the channel's logs (deduplication itself is per item).
 *
 * @example await bulkIdFor([instruction]) // 'bulk_3f1c…' (32 hex digits)
 */
export async function bulkIdFor(instructions: readonly PayoutInstruction[]): Promise<string> {
  const digest = await sha256Hex(instructions.map(idempotencyKeyFor).join('\n'))
  return `bulk_${digest.slice(0, 32)}`
}

/** `count` copies of one outcome, for an answer about the whole request. */
export function sameForAll(outcome: SubmitOutcome, count: number): SubmitOutcome[] {
  return Array.from({ length: count }, () => outcome)
}

/**
 * The outcomes every bulk parser starts with: 401/403/429 decline every item (as the single
 * path would), a 5xx leaves every item ambiguous. `undefined` when the body must be read.
 */
export function wholeRequestOutcomes(response: ChannelHttpResponse, count: number): SubmitOutcome[] | undefined {
  const byStatus = declineForHttpStatus(response)
  if (byStatus) return sameForAll(byStatus, count)
  if (response.status >= 500) return sameForAll(ambiguous(response, 'channel server error'), count)
  return undefined
}

/**
 * Parses the per-item answers of a bulk response: `items` must be an array of exactly `count`
 * entries (anything else leaves every item ambiguous, since no item can be matched to its
 * instruction with certainty); each entry goes through `parseItem`, in order.
 *
 * @example outcomesOfItems(response, 2, body?.['transfers'], (item) => outcomeOfTransfer(response, item))
 */
export function outcomesOfItems(
  response: ChannelHttpResponse,
  count: number,
  items: unknown,
  parseItem: (item: unknown) => SubmitOutcome,
): SubmitOutcome[] {
  if (!Array.isArray(items)) return sameForAll(ambiguous(response, 'unrecognised bulk response'), count)
  if (items.length !== count) {
    return sameForAll(ambiguous(response, `bulk response has ${items.length} items for ${count} payouts`), count)
  }
  return items.map((item: unknown) => parseItem(item))
}
