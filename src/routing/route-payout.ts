import type { PayoutChannel } from '../channels/types.js'
import { currencyExponent } from '../money/currencies.js'
import { channelFee, compareCost, compareMinorWithDecimal, costKey, type ChannelFee, type CostKey } from './channel-fee.js'
import type { ChannelHealthView } from './circuit-breaker.js'
import { arrivalEstimate } from './estimated-arrival.js'

/** A ranking rule; {@link RoutingOptions.rules} lists them most significant first. */
export type RoutingRule = 'domestic_first' | 'priority' | 'cost' | 'speed'

/** The default ranking: domestic rails, then explicit priority, then cost, then speed. */
export const DEFAULT_ROUTING_RULES: readonly RoutingRule[] = ['domestic_first', 'priority', 'cost', 'speed']

/** Priority of a channel missing from {@link RoutingOptions.priorities}; lower ranks first. */
export const DEFAULT_CHANNEL_PRIORITY = 100

/** What to pay out, as the router needs it. ISO codes are compared case-insensitively. */
export interface RouteRequest {
  amountMinor: bigint
  currency: string
  destinationCountry: string
  /** Not used for filtering or ranking today: `domestic_first` uses each channel's own scope. */
  sourceCountry: string
  /** A normalized beneficiary account type (`iban`, `us_ach`, `upi`, …). */
  accountType: string
  now: Date
  /** Channels already tried for this payment; reported as `excluded`. */
  excludeChannelIds?: readonly string[]
}

export interface RoutingOptions {
  /** Most significant first; default {@link DEFAULT_ROUTING_RULES}. */
  rules?: readonly RoutingRule[]
  /** Per-channel priority for the `priority` rule, lower first; default 100. */
  priorities?: Readonly<Record<string, number>>
  /** Circuit state per channel; without it every channel counts as `closed`. */
  health?: ChannelHealthView
}

/**
 * Why a channel cannot take the payout. A channel gets the first reason in this order:
 * capability mismatches (permanent for this payout) before `excluded`, before `circuit_open`
 * (temporary), so "every rejection is circuit_open" means "retry later may work".
 */
export type RouteRejectionReason =
  | 'currency'
  | 'country'
  | 'account_type'
  | 'below_minimum'
  | 'above_maximum'
  | 'excluded'
  | 'circuit_open'

export interface RouteRejection {
  channelId: string
  reason: RouteRejectionReason
}

/** A channel that can take the payout, with what it was ranked on. */
export interface RouteCandidate {
  channel: PayoutChannel
  channelId: string
  scope: 'domestic' | 'foreign'
  priority: number
  fee: ChannelFee
  estimatedArrival: Date
  /** The cut-off (or a weekend) pushed processing to the next business day. */
  deferredToNextBusinessDay: boolean
  /** `half_open` channels are being probed again after a failure spell. */
  health: 'closed' | 'half_open'
}

/** Candidates best first (empty: no route), and every other channel with its reason. */
export interface RoutePlan {
  candidates: RouteCandidate[]
  rejected: RouteRejection[]
}

interface Ranked {
  candidate: RouteCandidate
  cost: CostKey
}

type Comparator = (a: Ranked, b: Ranked) => number

const RULE_COMPARATORS: Record<RoutingRule, Comparator> = {
  domestic_first: (a, b) => scopeRank(a.candidate.scope) - scopeRank(b.candidate.scope),
  priority: (a, b) => a.candidate.priority - b.candidate.priority,
  cost: (a, b) => compareCost(a.cost, b.cost),
  speed: (a, b) => a.candidate.estimatedArrival.getTime() - b.candidate.estimatedArrival.getTime(),
}

function scopeRank(scope: 'domestic' | 'foreign'): number {
  return scope === 'domestic' ? 0 : 1
}

function listed(list: readonly string[] | '*', value: string): boolean {
  return list === '*' || list.some((entry) => entry.toUpperCase() === value)
}

function capabilityRejection(
  channel: PayoutChannel,
  request: RouteRequest,
  currency: string,
  exponent: number | undefined,
): RouteRejectionReason | undefined {
  const capabilities = channel.capabilities
  // An unknown currency has no exponent to compare limits with; no channel can pay it out.
  if (exponent === undefined || !listed(capabilities.currencies, currency)) return 'currency'
  if (!listed(capabilities.countries, request.destinationCountry.toUpperCase())) return 'country'
  if (!(capabilities.accountTypes as readonly string[]).includes(request.accountType)) return 'account_type'
  const minimum = capabilities.minAmount[currency] ?? capabilities.minAmount['*']
  if (request.amountMinor <= 0n) return 'below_minimum'
  if (minimum !== undefined && compareMinorWithDecimal(request.amountMinor, exponent, minimum) < 0) {
    return 'below_minimum'
  }
  const maximum = capabilities.maxAmount[currency] ?? capabilities.maxAmount['*']
  if (maximum !== undefined && compareMinorWithDecimal(request.amountMinor, exponent, maximum) > 0) {
    return 'above_maximum'
  }
  return undefined
}

/**
 * Chooses the payout channels for a payment, best first, and says why every other channel
 * was left out. Pure: the clock is `request.now`, health is passed in.
 *
 * Filtering, per channel: currency, destination country, account type, then the minimum and
 * maximum for the currency (the channel's limit for that currency, else its `'*'` limit;
 * inclusive; compared exactly in minor units), then `excludeChannelIds`, then the circuit
 * (`open` is skipped). A channel past its cut-off stays a candidate with a later
 * `estimatedArrival` (see `estimatedArrival`; weekends skipped, no holiday calendar).
 *
 * Ranking applies `options.rules` in order (default `domestic_first, priority, cost, speed`):
 * - `domestic_first`: channels of scope `domestic` before `foreign`;
 * - `priority`: `options.priorities[channelId]` ascending (default 100);
 * - `cost`: the channel's fee for this amount, cheaper first; fees in the payment currency
 *   compare exactly and rank before fees in another currency, which (without FX) compare by
 *   their fixed part only (see `compareCost`);
 * - `speed`: earliest estimated arrival first.
 * Remaining ties put `closed` before `half_open`, then sort by channel id, so the plan is
 * deterministic whatever the order of `channels`.
 *
 * An empty `candidates` list is "no route": `rejected` explains it. If every channel that
 * matched was `circuit_open`, waiting may help; routing never falls back to an open channel.
 *
 * @example
 * const plan = planRoute(
 *   { amountMinor: 100_000n, currency: 'EUR', destinationCountry: 'DE', sourceCountry: 'US',
 *     accountType: 'iban', now: clock() },
 *   registry.list(),
 *   { health: evaluateChannelHealth(recentOutcomes, { now: clock() }) },
 * )
 * plan.candidates.map((c) => c.channelId) // ['sepa_instant', 'swift']
 */
export function planRoute(
  request: RouteRequest,
  channels: readonly PayoutChannel[],
  options: RoutingOptions = {},
): RoutePlan {
  const currency = request.currency.toUpperCase()
  const exponent = currencyExponent(currency)
  const excluded = new Set(request.excludeChannelIds ?? [])
  const rules = options.rules ?? DEFAULT_ROUTING_RULES
  const ranked: Ranked[] = []
  const rejected: RouteRejection[] = []

  for (const channel of channels) {
    const reason =
      capabilityRejection(channel, request, currency, exponent) ?? (excluded.has(channel.id) ? 'excluded' : undefined)
    if (reason !== undefined) {
      rejected.push({ channelId: channel.id, reason })
      continue
    }
    const health = options.health?.stateOf(channel.id) ?? 'closed'
    if (health === 'open') {
      rejected.push({ channelId: channel.id, reason: 'circuit_open' })
      continue
    }
    const arrival = arrivalEstimate(channel.capabilities, request.now)
    ranked.push({
      candidate: {
        channel,
        channelId: channel.id,
        scope: channel.capabilities.scope,
        priority: options.priorities?.[channel.id] ?? DEFAULT_CHANNEL_PRIORITY,
        fee: channelFee(channel.capabilities, request.amountMinor, currency),
        estimatedArrival: arrival.estimatedArrival,
        deferredToNextBusinessDay: arrival.deferredToNextBusinessDay,
        health,
      },
      cost: costKey(channel.capabilities, request.amountMinor, currency),
    })
  }

  const comparators = rules.map((rule) => RULE_COMPARATORS[rule])
  ranked.sort((a, b) => {
    for (const compare of comparators) {
      const order = compare(a, b)
      if (order !== 0) return order
    }
    if (a.candidate.health !== b.candidate.health) return a.candidate.health === 'closed' ? -1 : 1
    return a.candidate.channelId < b.candidate.channelId ? -1 : a.candidate.channelId > b.candidate.channelId ? 1 : 0
  })
  return { candidates: ranked.map((entry) => entry.candidate), rejected }
}
