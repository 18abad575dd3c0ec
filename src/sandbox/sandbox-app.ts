/**
 * The rail sandbox: one Hono app that speaks every channel's API at `/<channelId>/…`, the way
 * the adapters call it, backed by a simulated bank (see `engine.ts`). Runtime-agnostic: it
 * runs in-process, on Node (`run-sandbox.ts`) or on Workers.
 */
import { Hono, type Context } from 'hono'
import { parseBehaviourConfig, type SandboxBehaviourConfig } from './behaviour.js'
import { createCallbackDispatcher } from './callbacks.js'
import { sandboxCredentials } from './credentials.js'
import { DEFAULT_DIALECTS } from './dialects/index.js'
import type { BulkItemResult, DialectReply, RawRequest, SandboxCredentials, SandboxDialect } from './dialects/types.js'
import { createSandboxEngine, type SandboxPayout, type SubmitDecision } from './engine.js'
import { createTimerScheduler, sleep, type SandboxScheduler } from './scheduler.js'

export interface SandboxOptions {
  /** Seed of every random decision; the same seed and request order give the same run. */
  seed?: number
  behaviour?: SandboxBehaviourConfig
  /** Callbacks go to `${callbackBaseUrl}/v1/channels/${channelId}/callbacks`; none when unset. */
  callbackBaseUrl?: string
  /** Per-channel credentials; defaults from {@link sandboxCredentials}. */
  credentials?: Record<string, SandboxCredentials>
  scheduler?: SandboxScheduler
  /** Used for callbacks; defaults to the global fetch. */
  fetch?: typeof fetch
  dialects?: readonly SandboxDialect[]
  /** Delays before retrying an unacknowledged callback (default 1 s, 5 s, 30 s). */
  callbackRetryDelaysMs?: readonly number[]
  /** Delay between a callback and its planned duplicate (default 50 ms). */
  callbackDuplicateDelayMs?: number
  /**
   * For channels that send batch callbacks: how long events falling due for the same callback
   * URL are collected into one notification (default 0: those due in the same scheduler turn).
   */
  callbackBatchWindowMs?: number
  /** Most events in one batch notification (default 50, well under the API's 64 KiB body limit; 1 turns batching off). */
  callbackBatchMaxEvents?: number
  log?: (line: string) => void
}

export { sandboxCredentials }

async function rawRequest(c: Context): Promise<RawRequest> {
  const url = new URL(c.req.url)
  const headers: Record<string, string> = {}
  c.req.raw.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value
  })
  return {
    method: c.req.method,
    path: `${url.pathname}${url.search}`,
    headers,
    body: await c.req.text(),
    params: c.req.param() as Record<string, string>,
    query: url.searchParams,
  }
}

function send(c: Context, reply: DialectReply): Response {
  return c.body(reply.body, reply.status as 200, { 'content-type': reply.contentType ?? 'application/json' })
}

function bulkItemOf(decision: SubmitDecision): BulkItemResult {
  switch (decision.kind) {
    case 'accepted':
      return { kind: 'accepted', payout: decision.payout }
    case 'declined':
      return { kind: 'declined', code: decision.code, message: decision.message }
    case 'conflict':
    case 'server_error':
      return { kind: decision.kind }
  }
}

function payoutView(payout: SandboxPayout) {
  return {
    channel: payout.channelId,
    reference: payout.reference,
    idempotency_key: payout.idempotencyKey,
    payment_id: payout.paymentId,
    attempt: payout.attempt,
    amount: payout.amount,
    currency: payout.currency,
    status: payout.status,
    ...(payout.code !== undefined && { code: payout.code }),
    created_at: new Date(payout.createdAt).toISOString(),
    updated_at: new Date(payout.updatedAt).toISOString(),
  }
}

/**
 * Creates the sandbox app. Introspection lives under `/_sandbox`: `GET /_sandbox/payouts`
 * (every accepted payout, counts per payment id, and the payment ids paid more than once),
 * `GET /_sandbox/callbacks`, `GET /_sandbox/behaviour`, `PUT /_sandbox/behaviour/:channel`.
 *
 * @example
 * const app = createSandboxApp({ seed: 7, callbackBaseUrl: 'http://localhost:8787' })
 * const response = await app.request('/_sandbox/payouts')
 */
export function createSandboxApp(options: SandboxOptions = {}): Hono {
  const scheduler = options.scheduler ?? createTimerScheduler()
  const dialects = new Map((options.dialects ?? DEFAULT_DIALECTS).map((dialect) => [dialect.channelId, dialect]))
  const credentialsFor = (channelId: string) => options.credentials?.[channelId] ?? sandboxCredentials(channelId)
  const log = options.log ?? (() => {})
  const dispatcher = createCallbackDispatcher({
    scheduler,
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    callbackBaseUrl: options.callbackBaseUrl,
    dialectFor: (channelId) => dialects.get(channelId),
    credentialsFor,
    retryDelaysMs: options.callbackRetryDelaysMs ?? [1_000, 5_000, 30_000],
    duplicateDelayMs: options.callbackDuplicateDelayMs ?? 50,
    batchWindowMs: options.callbackBatchWindowMs ?? 0,
    batchMaxEvents: options.callbackBatchMaxEvents ?? 50,
    log,
  })
  const engine = createSandboxEngine({
    seed: options.seed ?? 1,
    behaviour: options.behaviour ?? {},
    scheduler,
    emit: (payout, event, duplicate, delayMs) => dispatcher.send(payout, event, duplicate, delayMs),
  })

  const app = new Hono()
  app.onError((error, c) => {
    log(`sandbox error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
    return c.json({ error: 'sandbox_internal_error' }, 500)
  })

  for (const dialect of dialects.values()) {
    const credentials = credentialsFor(dialect.channelId)
    const { bulkSubmit } = dialect.routes
    if (bulkSubmit && dialect.parseBulkSubmission && dialect.bulkAnswer) {
      const parseBulk = dialect.parseBulkSubmission
      const bulkAnswer = dialect.bulkAnswer
      // Registered before the single routes, whose path parameters could otherwise match it.
      app.on(bulkSubmit.method, bulkSubmit.path, async (c) => {
        const request = await rawRequest(c)
        if (!(await dialect.authenticate(request, credentials))) return send(c, dialect.unauthorized())
        await sleep(scheduler, engine.behaviour(dialect.channelId).latencyMs)
        const submissions = await parseBulk(request)
        if (!Array.isArray(submissions)) return send(c, dialect.invalid(submissions.error))
        // Item by item in request order, exactly as that many single submissions would be.
        const decisions = submissions.map((submission) => engine.submit(dialect, submission))
        const answers = decisions.flatMap((decision) => (decision.kind === 'accepted' ? [decision.answer] : []))
        // Recorded already: one lost answer loses the whole batch's answer, as on a real rail.
        if (answers.includes('gateway_timeout')) return send(c, dialect.gatewayTimeout())
        if (answers.includes('hang')) await sleep(scheduler, engine.behaviour(dialect.channelId).hangMs)
        return send(c, bulkAnswer(decisions.map(bulkItemOf)))
      })
    }
    app.on(dialect.routes.submit.method, dialect.routes.submit.path, async (c) => {
      const request = await rawRequest(c)
      if (!(await dialect.authenticate(request, credentials))) return send(c, dialect.unauthorized())
      await sleep(scheduler, engine.behaviour(dialect.channelId).latencyMs)
      const submission = await dialect.parseSubmission(request)
      if ('error' in submission) return send(c, dialect.invalid(submission.error))
      const decision = engine.submit(dialect, submission)
      switch (decision.kind) {
        case 'server_error':
          return send(c, dialect.serverError())
        case 'conflict':
          return send(c, dialect.conflict())
        case 'declined':
          return send(c, dialect.declined(decision.code, decision.message))
        case 'accepted':
          if (decision.answer === 'gateway_timeout') return send(c, dialect.gatewayTimeout())
          // Recorded already: the client gives up waiting while the payout goes ahead.
          if (decision.answer === 'hang') await sleep(scheduler, engine.behaviour(dialect.channelId).hangMs)
          return send(c, dialect.accepted(decision.payout))
      }
    })
    for (const route of dialect.routes.status) {
      app.on(route.method, route.path, async (c) => {
        const request = await rawRequest(c)
        if (!(await dialect.authenticate(request, credentials))) return send(c, dialect.unauthorized())
        await sleep(scheduler, engine.behaviour(dialect.channelId).latencyMs)
        const lookup = await dialect.parseStatusLookup(request)
        if ('error' in lookup) return send(c, dialect.invalid(lookup.error))
        return send(c, dialect.status(engine.find(dialect.channelId, lookup), lookup))
      })
    }
  }

  app.get('/_sandbox/payouts', (c) => {
    const payouts = engine.payouts()
    const byPaymentId: Record<string, Record<SandboxPayout['status'], number>> = {}
    for (const payout of payouts) {
      const counts = (byPaymentId[payout.paymentId] ??= { processing: 0, paid_out: 0, failed: 0, returned: 0 })
      counts[payout.status]++
    }
    // Money that left or is on its way: more than one per payment id is a double payout.
    const paidMoreThanOnce = Object.entries(byPaymentId)
      .filter(([, counts]) => counts.paid_out + counts.processing > 1)
      .map(([paymentId]) => paymentId)
    return c.json({ payouts: payouts.map(payoutView), by_payment_id: byPaymentId, paid_more_than_once: paidMoreThanOnce })
  })
  app.get('/_sandbox/callbacks', (c) => c.json({ deliveries: dispatcher.deliveries() }))
  app.get('/_sandbox/behaviour', (c) =>
    c.json(Object.fromEntries([...dialects.keys()].map((channelId) => [channelId, engine.behaviour(channelId)]))),
  )
  app.put('/_sandbox/behaviour/:channel', async (c) => {
    const channel = c.req.param('channel')
    if (channel !== 'default' && !dialects.has(channel)) return c.json({ error: `unknown channel ${channel}` }, 404)
    const parsed = parseBehaviourConfig({ channels: { [channel]: await c.req.json().catch(() => null) } })
    const partial = 'error' in parsed ? undefined : parsed.channels?.[channel]
    if (partial === undefined) return c.json({ error: 'error' in parsed ? parsed.error : 'invalid behaviour' }, 400)
    engine.setBehaviour(channel, partial)
    return c.json(channel === 'default' ? engine.behaviour('') : engine.behaviour(channel))
  })
  return app
}
