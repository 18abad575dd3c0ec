/** Node-only: the node-cron runner for the job definitions (the Worker uses cron triggers). */
import cron, { type ScheduledTask } from 'node-cron'
import type { JobContext, JobDefinition } from './job.js'
import { runJob } from './run-job.js'

/**
 * Schedules every job in UTC, as Workers cron triggers are, and skips a tick while the
 * previous run in this process is still going (the lease keeps other processes apart).
 *
 * @example const stop = startNodeScheduler(jobDefinitions(config), context)
 */
export function startNodeScheduler(jobs: JobDefinition[], context: JobContext): () => Promise<void> {
  const tasks: ScheduledTask[] = jobs.map((job) => {
    if (!cron.validate(job.schedule)) throw new Error(`job ${job.name}: invalid cron expression "${job.schedule}"`)
    return cron.schedule(
      job.schedule,
      async () => {
        await runJob(job, context, 'schedule')
      },
      { timezone: 'UTC', noOverlap: true, name: job.name },
    )
  })
  return async () => {
    await Promise.all(tasks.map((task) => task.destroy()))
  }
}
