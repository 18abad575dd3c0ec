export {
  DEFAULT_CHANNEL_PRIORITY,
  DEFAULT_ROUTING_RULES,
  planRoute,
  type RouteCandidate,
  type RoutePlan,
  type RouteRejection,
  type RouteRejectionReason,
  type RouteRequest,
  type RoutingOptions,
  type RoutingRule,
} from './route-payout.js'
export {
  DEFAULT_CHANNEL_HEALTH,
  evaluateChannelHealth,
  type AttemptOutcome,
  type ChannelHealthOptions,
  type ChannelHealthStats,
  type ChannelHealthView,
  type ChannelOutcome,
  type CircuitState,
} from './circuit-breaker.js'
export { arrivalEstimate, estimatedArrival, type ArrivalEstimate } from './estimated-arrival.js'
export { channelFee, compareCost, costKey, type ChannelFee, type CostKey, type MinorAmount } from './channel-fee.js'
