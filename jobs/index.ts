import type { Config } from '../src/config.js'
import type { JobDefinition } from './job.js'
import { processPaymentsJob } from './process-payments.js'
import { refreshRatesJob } from './refresh-rates.js'

/** Every scheduled job, registered in one place for both runners. */
export function jobDefinitions(config: Pick<Config, 'ratesRefreshCron' | 'paymentsProcessCron'>): JobDefinition[] {
  return [refreshRatesJob(config.ratesRefreshCron), processPaymentsJob(config.paymentsProcessCron)]
}

export { jobContext, type JobContext, type JobDefinition } from './job.js'
export { runJob, type JobRunOutcome } from './run-job.js'
