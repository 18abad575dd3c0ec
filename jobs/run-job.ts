import { and, eq, lt } from 'drizzle-orm'
import { jobLocks, jobRuns } from '../src/db/schema.js'
import type { JobContext, JobDefinition } from './job.js'

export type JobRunOutcome =
  | { status: 'succeeded'; runId: string; detail: Record<string, unknown> }
  | { status: 'failed'; runId: string; error: string }
  | { status: 'skipped'; runId: string; reason: string }

/**
 * Runs a job under its lease and records the run in `job_runs`. When another instance holds
 * the lease the run is recorded as `skipped` and nothing else happens.
 *
 * @example await runJob(refreshRatesJob('*\/15 * * * *'), context, 'manual')
 */
export async function runJob(job: JobDefinition, context: JobContext, trigger: string): Promise<JobRunOutcome> {
  const { db, clock, ids } = context
  const runId = ids('job')
  const startedAt = clock()
  const lockedUntil = new Date(startedAt.getTime() + job.leaseSeconds * 1000)
  await db.insert(jobRuns).values({ id: runId, job: job.name, trigger, status: 'running', startedAt })

  const claimed = await db
    .insert(jobLocks)
    .values({ job: job.name, holder: runId, lockedUntil })
    .onConflictDoUpdate({
      target: jobLocks.job,
      set: { holder: runId, lockedUntil },
      setWhere: lt(jobLocks.lockedUntil, startedAt),
    })
    .returning({ holder: jobLocks.holder })
  const finish = (status: 'succeeded' | 'failed' | 'skipped', detail: Record<string, unknown>) =>
    db.update(jobRuns).set({ status, detail, finishedAt: clock() }).where(eq(jobRuns.id, runId))

  if (claimed[0]?.holder !== runId) {
    const reason = 'another run holds the lease'
    await finish('skipped', { reason })
    return { status: 'skipped', runId, reason }
  }
  try {
    const detail = await job.run(context)
    await finish('succeeded', detail)
    context.logger.info(`job ${job.name} ${runId} succeeded`, detail)
    return { status: 'succeeded', runId, detail }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    await finish('failed', { error: message })
    context.logger.error(`job ${job.name} ${runId} failed: ${message}`)
    return { status: 'failed', runId, error: message }
  } finally {
    await db.delete(jobLocks).where(and(eq(jobLocks.job, job.name), eq(jobLocks.holder, runId)))
  }
}

