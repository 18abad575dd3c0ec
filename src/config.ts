/**
 * Configuration from environment variables, parsed once at start-up into a typed object.
 * Runtime-agnostic: Node passes `process.env`, the Worker passes its `env` bindings.
 */

export type RateProviderName = 'static' | 'ecb' | 'http-json'

export interface Config {
  port: number
  /** Unset: embedded PGlite in `dataDir`; `memory://`: PGlite in memory; `postgres://…`: a server. */
  databaseUrl: string | undefined
  dataDir: string
  demoApiKey: string | undefined
  rateProviders: RateProviderName[]
  ecbRatesUrl: string
  httpJsonRatesUrl: string | undefined
  ratesMaxAgeSeconds: number
  ratesRefreshCron: string
  quoteTtlSeconds: number
  jobsEnabled: boolean
  /** How long a Node shutdown waits for requests in flight and the payouts they handed off. */
  shutdownGraceSeconds: number
  databasePoolSize: number
  /** Event-loop turns a statement batch waits for more items before it goes (Node). */
  databaseBatchTurns: number
  /** `keyId:base64` AES-256 keys, first one encrypts; a development key when unset. */
  encryptionKeys: string
  encryptionKeysFromEnv: boolean
  /** Where the payout channels' APIs live; unset on Node: an in-process sandbox. */
  channelsBaseUrl: string | undefined
  /** Per-channel credentials (JSON `{ "<channel>": { "apiKey", "signingSecret", "baseUrl"? } }`). */
  channelCredentials: Record<string, { apiKey: string; signingSecret: string; baseUrl?: string }>
  /**
   * Let channels without configured credentials use the sandbox's public ones. Only for a
   * sandbox at CHANNELS_BASE_URL: with public secrets anyone could forge a channel callback.
   */
  channelSandboxCredentials: boolean
  /** Behaviour of the in-process sandbox (JSON, see the sandbox's options). */
  sandboxBehaviour: string | undefined
  paymentRequestTimeoutMs: number
  paymentAmbiguousGraceSeconds: number
  paymentPollIntervalSeconds: number
  paymentsDispatchWindowMs: number
  paymentsProcessCron: string
  /** Hand a new payment to the processor right after creating it (else the job picks it up). */
  paymentsSubmitInRequest: boolean
}

/**
 * A fixed development key, so `npm start` works with zero configuration. Anything real must
 * set ENCRYPTION_KEYS (the server warns when it is unset).
 */
export const DEVELOPMENT_ENCRYPTION_KEYS = 'dev:Y29ycmlkb3ItZGV2ZWxvcG1lbnQta2V5LTMyYnl0ZXM='

export class ConfigError extends Error {
  override name = 'ConfigError'
}

type Env = Record<string, string | undefined>

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`)
  }
  return Number(raw)
}

/** @example const config = loadConfig(process.env) */
export function loadConfig(env: Env): Config {
  const providers = (env.RATES_PROVIDERS ?? 'static')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean)
  for (const name of providers) {
    if (!['static', 'ecb', 'http-json'].includes(name)) {
      throw new ConfigError(`RATES_PROVIDERS lists unknown provider "${name}" (known: static, ecb, http-json)`)
    }
  }
  if (providers.length === 0) throw new ConfigError('RATES_PROVIDERS must name at least one provider')
  if (providers.includes('http-json') && !env.RATES_HTTP_URL) {
    throw new ConfigError('RATES_PROVIDERS includes http-json, so RATES_HTTP_URL must be set')
  }
  const demoApiKey = env.CORRIDOR_DEMO_KEY || undefined
  if (demoApiKey && !/^sk_(live|test)_[A-Za-z0-9]{16,64}$/.test(demoApiKey)) {
    throw new ConfigError('CORRIDOR_DEMO_KEY must look like sk_test_ followed by 16–64 letters or digits')
  }
  return {
    port: integer(env, 'PORT', 8787, 0, 65535),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.CORRIDOR_DATA_DIR || './.data',
    demoApiKey,
    rateProviders: providers as RateProviderName[],
    ecbRatesUrl: env.RATES_ECB_URL || 'https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml',
    httpJsonRatesUrl: env.RATES_HTTP_URL || undefined,
    ratesMaxAgeSeconds: integer(env, 'RATES_MAX_AGE_SECONDS', 4 * 24 * 3600, 1, 365 * 24 * 3600),
    ratesRefreshCron: env.RATES_REFRESH_CRON || '*/15 * * * *',
    quoteTtlSeconds: integer(env, 'QUOTE_TTL_SECONDS', 300, 1, 24 * 3600),
    jobsEnabled: (env.JOBS_ENABLED ?? 'true') !== 'false',
    shutdownGraceSeconds: integer(env, 'SHUTDOWN_GRACE_SECONDS', 10, 0, 3_600),
    databasePoolSize: integer(env, 'DATABASE_POOL_SIZE', 20, 1, 1000),
    databaseBatchTurns: integer(env, 'DATABASE_BATCH_TURNS', 3, 1, 100),
    encryptionKeys: env.ENCRYPTION_KEYS || DEVELOPMENT_ENCRYPTION_KEYS,
    encryptionKeysFromEnv: Boolean(env.ENCRYPTION_KEYS),
    channelsBaseUrl: env.CHANNELS_BASE_URL || undefined,
    channelCredentials: channelCredentials(env.CHANNEL_CREDENTIALS),
    channelSandboxCredentials: env.CHANNEL_SANDBOX_CREDENTIALS === 'true',
    sandboxBehaviour: env.SANDBOX_BEHAVIOUR || undefined,
    paymentRequestTimeoutMs: integer(env, 'PAYMENT_REQUEST_TIMEOUT_MS', 10_000, 100, 120_000),
    paymentAmbiguousGraceSeconds: integer(env, 'PAYMENT_AMBIGUOUS_GRACE_SECONDS', 30, 0, 86_400),
    paymentPollIntervalSeconds: integer(env, 'PAYMENT_POLL_INTERVAL_SECONDS', 60, 1, 86_400),
    paymentsDispatchWindowMs: integer(env, 'PAYMENTS_DISPATCH_WINDOW_MS', 50, 0, 1_000),
    paymentsProcessCron: env.PAYMENTS_PROCESS_CRON || '* * * * *',
    paymentsSubmitInRequest: (env.PAYMENTS_SUBMIT_IN_REQUEST ?? 'true') !== 'false',
  }
}

function channelCredentials(raw: string | undefined): Config['channelCredentials'] {
  if (!raw) return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(raw)
  } catch {
    throw new ConfigError('CHANNEL_CREDENTIALS must be JSON: {"<channel>": {"apiKey": "…", "signingSecret": "…"}}')
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new ConfigError('CHANNEL_CREDENTIALS must be a JSON object keyed by channel id')
  for (const [channel, value] of Object.entries(parsed)) {
    const entry = value as Record<string, unknown>
    if (typeof entry?.apiKey !== 'string' || typeof entry?.signingSecret !== 'string') {
      throw new ConfigError(`CHANNEL_CREDENTIALS.${channel} needs string apiKey and signingSecret`)
    }
  }
  return parsed as Config['channelCredentials']
}
