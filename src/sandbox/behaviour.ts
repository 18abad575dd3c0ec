/**
 * How a simulated channel misbehaves. Rates are probabilities in [0, 1], drawn from the
 * sandbox's seeded generator; durations are milliseconds on the sandbox scheduler.
 */
export interface ChannelBehaviour {
  /** Submissions declined synchronously (nothing recorded as paid). */
  declineRate: number
  /** The native decline code to use; `null` picks one of the dialect's codes at random. */
  declineCode: string | null
  /** Submissions that are accepted and recorded, but whose answer the client never gets in time. */
  timeoutRate: number
  /** `hang`: answer after `hangMs`; `gateway_timeout`: answer 504 at once. Either way it was recorded. */
  timeoutMode: 'hang' | 'gateway_timeout'
  hangMs: number
  /** Submissions answered 500 before anything is recorded (a resubmission is a fresh attempt). */
  serverErrorRate: number
  /** Delay before every answer. */
  latencyMs: number
  /** Time from acceptance to settlement; 0 or less settles at once (the answer says paid out). */
  settleAfterMs: number
  /** Accepted payouts that fail at settlement instead of paying out. */
  failRate: number
  /** Paid-out payouts that come back later. */
  returnRate: number
  returnAfterMs: number
  /** Delay from an event to its callback (a channel's notifications trail its answers). */
  callbackDelayMs: number
  /** Callbacks delivered a second time (same event id). */
  callbackDuplicateRate: number
  /** Deliver each payout's callbacks newest first, once its last event has happened. */
  callbackReorder: boolean
}

export const DEFAULT_BEHAVIOUR: Readonly<ChannelBehaviour> = {
  declineRate: 0,
  declineCode: null,
  timeoutRate: 0,
  timeoutMode: 'hang',
  hangMs: 30_000,
  serverErrorRate: 0,
  latencyMs: 0,
  settleAfterMs: 2_000,
  failRate: 0,
  returnRate: 0,
  returnAfterMs: 5_000,
  callbackDelayMs: 0,
  callbackDuplicateRate: 0,
  callbackReorder: false,
}

/** Behaviour for all channels (`default`) and per channel id (`channels`), both partial. */
export interface SandboxBehaviourConfig {
  default?: Partial<ChannelBehaviour>
  channels?: Record<string, Partial<ChannelBehaviour>>
}

/** The effective behaviour of one channel: defaults, then `default`, then the channel's own. */
export function behaviourFor(config: SandboxBehaviourConfig, channelId: string): ChannelBehaviour {
  return { ...DEFAULT_BEHAVIOUR, ...config.default, ...config.channels?.[channelId] }
}

const RATES = ['declineRate', 'timeoutRate', 'serverErrorRate', 'failRate', 'returnRate', 'callbackDuplicateRate'] as const
const DURATIONS = ['hangMs', 'latencyMs', 'settleAfterMs', 'returnAfterMs', 'callbackDelayMs'] as const

function checkPartial(value: unknown, where: string): Partial<ChannelBehaviour> | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return `${where} must be an object`
  const fields = value as Record<string, unknown>
  for (const name of Object.keys(fields)) {
    if (!Object.hasOwn(DEFAULT_BEHAVIOUR, name)) return `${where}.${name} is not a behaviour option`
  }
  for (const name of RATES) {
    const rate = fields[name]
    if (rate !== undefined && (typeof rate !== 'number' || !(rate >= 0 && rate <= 1))) return `${where}.${name} must be in [0, 1]`
  }
  for (const name of DURATIONS) {
    const duration = fields[name]
    if (duration !== undefined && (typeof duration !== 'number' || !Number.isFinite(duration))) return `${where}.${name} must be a number`
  }
  const { declineCode, timeoutMode, callbackReorder } = fields
  if (declineCode !== undefined && declineCode !== null && typeof declineCode !== 'string') return `${where}.declineCode must be a string`
  if (timeoutMode !== undefined && timeoutMode !== 'hang' && timeoutMode !== 'gateway_timeout') {
    return `${where}.timeoutMode must be "hang" or "gateway_timeout"`
  }
  if (callbackReorder !== undefined && typeof callbackReorder !== 'boolean') return `${where}.callbackReorder must be a boolean`
  return fields as Partial<ChannelBehaviour>
}

/**
 * Validates a behaviour configuration read from JSON (e.g. the `SANDBOX_BEHAVIOUR` variable).
 *
 * @example
 * parseBehaviourConfig({ default: { settleAfterMs: 500 }, channels: { upi: { declineRate: 0.2 } } })
 */
export function parseBehaviourConfig(value: unknown): SandboxBehaviourConfig | { error: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: 'behaviour must be an object' }
  const { default: defaults, channels, ...rest } = value as Record<string, unknown>
  const unknown = Object.keys(rest)[0]
  if (unknown !== undefined) return { error: `unknown behaviour key "${unknown}" (expected "default" and "channels")` }
  const config: SandboxBehaviourConfig = {}
  if (defaults !== undefined) {
    const checked = checkPartial(defaults, 'default')
    if (typeof checked === 'string') return { error: checked }
    config.default = checked
  }
  if (channels !== undefined) {
    if (typeof channels !== 'object' || channels === null || Array.isArray(channels)) return { error: 'channels must be an object' }
    config.channels = {}
    for (const [channelId, partial] of Object.entries(channels)) {
      const checked = checkPartial(partial, `channels.${channelId}`)
      if (typeof checked === 'string') return { error: checked }
      config.channels[channelId] = checked
    }
  }
  return config
}
