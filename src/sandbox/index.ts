export { createSandboxApp, sandboxCredentials, type SandboxOptions } from './sandbox-app.js'
export { DEFAULT_BEHAVIOUR, parseBehaviourConfig, type ChannelBehaviour, type SandboxBehaviourConfig } from './behaviour.js'
export { createManualScheduler, createTimerScheduler, type ManualScheduler, type SandboxScheduler } from './scheduler.js'
export { callbackUrlFor, type CallbackDelivery } from './callbacks.js'
export { DEFAULT_DIALECTS } from './dialects/index.js'
export type { SandboxDialect, SandboxCredentials } from './dialects/types.js'
// Node-only: import `startSandboxServer` from './start-sandbox-server.js' directly.
