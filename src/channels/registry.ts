import { createCnIbpsChannel } from './adapters/cn-ibps.js'
import { createPixChannel } from './adapters/pix.js'
import { createSepaInstantChannel } from './adapters/sepa-instant.js'
import { createSwiftChannel } from './adapters/swift.js'
import { createUkFpsChannel } from './adapters/uk-fps.js'
import { createUpiChannel } from './adapters/upi.js'
import { createUsAchChannel } from './adapters/us-ach.js'
import { resolveChannelError, type ChannelErrorInfo } from './error-codes.js'
import type { PayoutChannel } from './types.js'

/** Looks channels up by id; the router reads `list()` and filters on the capabilities. */
export interface ChannelRegistry {
  get(channelId: string): PayoutChannel | undefined
  /** Like `get`, but throws for an unknown id (a configuration error). */
  require(channelId: string): PayoutChannel
  list(): readonly PayoutChannel[]
  /** How to treat a channel's native decline code (unknown channel or code: final decline). */
  errorFor(channelId: string, code: string): ChannelErrorInfo
}

/**
 * Builds a registry over `channels`; duplicate ids are a configuration error.
 *
 * @example
 * const channels = createChannelRegistry(DEFAULT_CHANNELS)
 * channels.require('sepa_instant').capabilities.maxAmount // { EUR: '100000.00' }
 */
export function createChannelRegistry(channels: readonly PayoutChannel[]): ChannelRegistry {
  const byId = new Map<string, PayoutChannel>()
  for (const channel of channels) {
    if (byId.has(channel.id)) throw new Error(`duplicate payout channel id: ${channel.id}`)
    byId.set(channel.id, channel)
  }
  const list = [...byId.values()]
  return {
    get: (channelId) => byId.get(channelId),
    require(channelId) {
      const channel = byId.get(channelId)
      if (!channel) throw new Error(`unknown payout channel: ${channelId}`)
      return channel
    },
    list: () => list,
    errorFor(channelId, code) {
      return resolveChannelError(byId.get(channelId)?.errorCodes ?? {}, code)
    },
  }
}

/**
 * Every payout channel with default options. Adding a channel: write its adapter file and add
 * one line here (and, to simulate it, one dialect file in `src/sandbox/dialects`).
 */
export const DEFAULT_CHANNELS: readonly PayoutChannel[] = [
  createSepaInstantChannel(),
  createUsAchChannel(),
  createUkFpsChannel(),
  createUpiChannel(),
  createPixChannel(),
  createCnIbpsChannel(),
  createSwiftChannel(),
]
