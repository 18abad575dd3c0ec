import { describe, expect, it } from 'vitest'
import { behaviourFor, DEFAULT_BEHAVIOUR, parseBehaviourConfig } from './behaviour.js'

describe('sandbox behaviour', () => {
  it('layers defaults, the shared default and the channel', () => {
    const config = { default: { settleAfterMs: 500, declineRate: 0.1 }, channels: { upi: { declineRate: 0.5 } } }
    expect(behaviourFor(config, 'upi')).toEqual({ ...DEFAULT_BEHAVIOUR, settleAfterMs: 500, declineRate: 0.5 })
    expect(behaviourFor(config, 'pix')).toEqual({ ...DEFAULT_BEHAVIOUR, settleAfterMs: 500, declineRate: 0.1 })
  })

  it('validates configuration read from the environment', () => {
    expect(parseBehaviourConfig({ channels: { upi: { timeoutMode: 'gateway_timeout', callbackReorder: true } } })).toEqual({
      channels: { upi: { timeoutMode: 'gateway_timeout', callbackReorder: true } },
    })
    expect(parseBehaviourConfig({ default: { declineRate: 1.5 } })).toEqual({ error: 'default.declineRate must be in [0, 1]' })
    expect(parseBehaviourConfig({ default: { settleAfter: 5 } })).toEqual({ error: 'default.settleAfter is not a behaviour option' })
    expect(parseBehaviourConfig({ upi: {} })).toMatchObject({ error: expect.stringContaining('unknown behaviour key') })
    expect(parseBehaviourConfig([])).toEqual({ error: 'behaviour must be an object' })
  })
})
