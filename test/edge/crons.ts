/**
 * Firing the Worker's cron triggers from the edge tests, and reading what they recorded.
 *
 * Test files run in parallel against one database, and the process-payments job works on every
 * due payment in it, so a cron fired by one file could pick up another file's payment in flight
 * (or find the job's lease held and record a skipped run). Code that fires crons, or that needs
 * a payment left to the Worker alone, runs inside `exclusively`, a PostgreSQL advisory lock
 * shared by all the edge test files.
 */
import postgres from 'postgres'
import { expect } from 'vitest'
import { edge } from './edge-client.js'

/** Arbitrary, fixed: the edge suite's own database holds no other advisory locks. */
const EDGE_LOCK = 7_160_203

export interface JobRunRow {
  id: string
  job: string
  trigger: string
  status: string
  detail: Record<string, unknown> | null
  finished_at: Date | null
}

/** Runs `task` while no other edge test file is inside `exclusively`. */
export async function exclusively<T>(task: () => Promise<T>): Promise<T> {
  const lock = postgres(edge().databaseUrl, { max: 1, onnotice: () => {} })
  try {
    await lock`select pg_advisory_lock(${EDGE_LOCK})`
    return await task()
  } finally {
    // Ending the session releases the lock, also when the unlock is never reached.
    await lock.end({ timeout: 5 })
  }
}

/** Fires the Worker's scheduled handler for `cron` and answers the invocation's outcome. */
export async function fireCron(cron: string): Promise<{ outcome: string; noRetry: boolean }> {
  const response = await fetch(`${edge().triggerUrl}/scheduled?cron=${encodeURIComponent(cron)}`, { method: 'POST' })
  expect(response.status).toBe(200)
  return (await response.json()) as { outcome: string; noRetry: boolean }
}

/** The cron-triggered job runs, oldest first. */
export const cronRuns = (sql: postgres.Sql): Promise<JobRunRow[]> =>
  sql<JobRunRow[]>`select id, job, trigger, status, detail, finished_at from job_runs where trigger = 'cron' order by started_at, id`

/** Fires `cron` and answers the job runs it recorded, by job name. */
export async function fireCronAndCollectRuns(sql: postgres.Sql, cron: string): Promise<{ outcome: string; runs: JobRunRow[] }> {
  const before = new Set((await cronRuns(sql)).map((run) => run.id))
  const { outcome } = await fireCron(cron)
  const runs = (await cronRuns(sql)).filter((run) => !before.has(run.id)).sort((a, b) => a.job.localeCompare(b.job))
  return { outcome, runs }
}
