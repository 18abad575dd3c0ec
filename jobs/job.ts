import type { Database } from '../src/db/database.js'
import type { Clock } from '../src/lib/clock.js'
import type { IdGenerator } from '../src/lib/ids.js'
import type { AppDeps } from '../src/api/deps.js'
import type { PaymentProcessor } from '../src/payments/payment-processor.js'
import type { RateService } from '../src/rates/rate-service.js'

/** What a job may use; the same on Node (node-cron, CLI) and Workers (cron triggers). */
export interface JobContext {
  db: Database
  rates: RateService
  processor: PaymentProcessor
  clock: Clock
  ids: IdGenerator
  logger: Pick<Console, 'info' | 'error'>
}

/** The job context of a set of services. @example runJob(job, jobContext(connection.db, deps), 'manual') */
export function jobContext(db: Database, deps: AppDeps, logger: JobContext['logger'] = deps.logger ?? console): JobContext {
  return { db, rates: deps.rates, processor: deps.processor, clock: deps.clock, ids: deps.ids, logger }
}

/**
 * One scheduled job, defined once and run by either runner. `run` must be safe to rerun and to
 * run on two instances at once; the runner also keeps concurrent runs apart with a lease.
 */
export interface JobDefinition {
  name: string
  /** Five-field cron expression, evaluated in UTC by both runners. */
  schedule: string
  /** Longest a run may hold its lease; a crashed run's lease expires after this. */
  leaseSeconds: number
  run(context: JobContext): Promise<Record<string, unknown>>
}
