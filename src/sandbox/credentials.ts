import type { SandboxCredentials } from './dialects/types.js'

/**
 * The well-known sandbox credentials of a channel (not secret: the sandbox is a simulator).
 * A separate module so the API (and the Worker bundle) can use them without the sandbox app.
 *
 * @example sandboxCredentials('upi') // { apiKey: 'sandbox_upi_key', signingSecret: 'sandbox_upi_secret' }
 */
export function sandboxCredentials(channelId: string): SandboxCredentials {
  return { apiKey: `sandbox_${channelId}_key`, signingSecret: `sandbox_${channelId}_secret` }
}
