/**
 * Cloudflare Workers entry point: the same Hono app and services as the Node server, on
 * PostgreSQL through Hyperdrive, and the job definitions run by cron triggers.
 *
 * Workers may not reuse a socket across requests, so every request (and every scheduled event)
 * opens its own postgres.js client and ends it in `ctx.waitUntil` once the response is out;
 * Hyperdrive keeps the pooled connections to the database warm behind it. Nothing here imports
 * Node-only code: `connect-postgres.ts`, never `connect.ts` (PGlite), and the jobs' definitions,
 * never their node-cron runner. `scripts/check-worker-bundle.ts` enforces that on the bundle.
 */
import { jobContext, jobDefinitions, runJob, type JobContext, type JobRunOutcome } from '../jobs/index.js'
import { errorBody } from './api/errors.js'
import { openapiDocument } from './api/generated/openapi-document.js'
import { createSpecValidator, type SpecValidator } from './api/spec-validator.js'
import { createApp } from './app.js'
import { loadConfig, type Config } from './config.js'
import { connectPostgres } from './db/connect-postgres.js'
import type { DatabaseConnection } from './db/database.js'
import { createIdGenerator } from './lib/ids.js'
import { createServices } from './services.js'

/** The bindings wrangler.toml declares: Hyperdrive, plus vars and secrets (all strings). */
export interface WorkerEnv {
  /** Hyperdrive in front of PostgreSQL; its connection string points at the local pool. */
  HYPERDRIVE?: { connectionString: string }
  /** A direct PostgreSQL URL, used only when there is no Hyperdrive binding (local runs). */
  DATABASE_URL?: string
  [name: string]: unknown
}

/** The parts of the Workers `ExecutionContext` this entry point uses. */
export interface WorkerExecutionContext {
  waitUntil(promise: Promise<unknown>): void
}

/** The parts of the Workers `ScheduledController` this entry point uses. */
export interface WorkerScheduledController {
  /** The cron expression from wrangler.toml that fired, exactly as written there. */
  cron: string
  scheduledTime: number
}

export class WorkerConfigError extends Error {
  override name = 'WorkerConfigError'
}

/** How many connections one request may open through Hyperdrive (Cloudflare's advice for postgres.js). */
const CONNECTIONS_PER_REQUEST = 5

/**
 * The config from the Worker's bindings: vars and secrets go to `loadConfig` as Node's
 * `process.env` would (as strings), and DATABASE_URL comes from Hyperdrive when it is bound.
 *
 * @example const config = configFromEnv({ HYPERDRIVE: { connectionString: 'postgresql://…' }, RATES_PROVIDERS: 'static' })
 */
export function configFromEnv(env: WorkerEnv): Config {
  const strings: Record<string, string> = {}
  for (const [name, value] of Object.entries(env)) {
    // wrangler passes a TOML number or boolean in [vars] through as one; loadConfig reads text.
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') strings[name] = String(value)
  }
  const databaseUrl = env.HYPERDRIVE?.connectionString || strings.DATABASE_URL
  if (!databaseUrl || !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new WorkerConfigError('the Worker needs PostgreSQL: bind HYPERDRIVE, or set DATABASE_URL to a postgres:// URL for local runs')
  }
  if (!strings.ENCRYPTION_KEYS) {
    throw new WorkerConfigError('the Worker needs ENCRYPTION_KEYS (a secret: keyId:base64 of 32 bytes) to store account numbers')
  }
  return loadConfig({ ...strings, DATABASE_URL: databaseUrl })
}

function openServices(env: WorkerEnv, spec: SpecValidator, ctx: WorkerExecutionContext) {
  const config = configFromEnv(env)
  const connection: DatabaseConnection = connectPostgres(config.databaseUrl!, { max: CONNECTIONS_PER_REQUEST })
  // A payment is handed to the processor after the response; waitUntil keeps the Worker alive for it,
  // and the client stays open until every such task has settled.
  const tasks: Promise<unknown>[] = []
  const background = (task: () => Promise<unknown>) => {
    const running = task().catch((error: unknown) => console.error('worker: background task failed', error))
    tasks.push(running)
    ctx.waitUntil(running)
  }
  const deps = createServices({ connection, config, spec, logger: console, background })
  return { config, connection, deps, tasks }
}

/** Ends the request's client once the response is sent and its background tasks have settled. */
function closeLater(ctx: WorkerExecutionContext, opened: { connection: DatabaseConnection; tasks: Promise<unknown>[] }) {
  const settled = async () => {
    for (let seen = 0; seen < opened.tasks.length; seen = opened.tasks.length) await Promise.allSettled(opened.tasks.slice(seen))
  }
  ctx.waitUntil(settled().then(() => opened.connection.close()).catch((error: unknown) => console.error('worker: closing the database client failed', error)))
}

/**
 * Builds the Worker's handlers. The spec validator is the one thing kept across requests in an
 * isolate: it is derived from the constant OpenAPI document and only caches parsed schemas, so
 * it holds no data and nothing depends on it for correctness.
 *
 * @example export default createWorker()
 */
function createWorker() {
  let spec: SpecValidator | undefined
  const specValidator = () => (spec ??= createSpecValidator(openapiDocument))

  return {
    async fetch(request: Request, env: WorkerEnv, ctx: WorkerExecutionContext): Promise<Response> {
      let opened: ReturnType<typeof openServices>
      try {
        opened = openServices(env, specValidator(), ctx)
      } catch (error) {
        const requestId = createIdGenerator()('req')
        console.error(`request ${requestId}: the Worker is misconfigured`, error)
        return Response.json(errorBody('internal_error', 'The service is misconfigured; the operator has been told', requestId), {
          status: 500,
          headers: { 'Request-Id': requestId },
        })
      }
      try {
        return await createApp(opened.deps).fetch(request)
      } finally {
        closeLater(ctx, opened)
      }
    },

    /**
     * Runs every job whose schedule is the cron expression that fired, under the job's lease.
     * Throws when a job failed (or when no job has that schedule, which means wrangler.toml and
     * the job definitions disagree), so the invocation shows as failed in Cloudflare's logs.
     */
    async scheduled(controller: WorkerScheduledController, env: WorkerEnv, ctx: WorkerExecutionContext): Promise<void> {
      const opened = openServices(env, specValidator(), ctx)
      const { config, connection, deps } = opened
      try {
        const jobs = jobDefinitions(config).filter((job) => job.schedule === controller.cron)
        if (jobs.length === 0) {
          throw new WorkerConfigError(`no job is scheduled at "${controller.cron}": wrangler.toml [triggers] crons and the job definitions disagree`)
        }
        const context: JobContext = jobContext(connection.db, deps, console)
        const outcomes: JobRunOutcome[] = await Promise.all(jobs.map((job) => runJob(job, context, 'cron')))
        const failed = outcomes.flatMap((outcome, index) => (outcome.status === 'failed' ? [`${jobs[index]!.name}: ${outcome.error}`] : []))
        if (failed.length > 0) throw new Error(`scheduled jobs failed (${controller.cron}): ${failed.join('; ')}`)
      } finally {
        closeLater(ctx, opened)
      }
    },
  }
}

export default createWorker()
