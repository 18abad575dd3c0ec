/**
 * Cron triggers on the Worker: each cron of wrangler.toml, fired in workerd, runs its jobs
 * through `runJob` on the Worker's own database connection, and the API sees the result.
 */
import postgres from 'postgres'
import { afterAll, describe, expect, it } from 'vitest'
import { edge, edgeClient } from './edge-client.js'

const sql = postgres(edge().databaseUrl, { max: 1, onnotice: () => {} })
afterAll(() => sql.end({ timeout: 5 }))

async function fire(cron: string): Promise<{ outcome: string; noRetry: boolean }> {
  const response = await fetch(`${edge().triggerUrl}/scheduled?cron=${encodeURIComponent(cron)}`, { method: 'POST' })
  expect(response.status).toBe(200)
  return (await response.json()) as { outcome: string; noRetry: boolean }
}

const cronRuns = async () => sql<{ id: string; job: string; status: string; finished_at: Date | null }[]>`
  select id, job, status, finished_at from job_runs where trigger = 'cron' order by started_at`
const snapshots = async () => sql<{ id: string; as_of: Date }[]>`select id, as_of from rate_snapshots order by fetched_at`

describe('scheduled handler', () => {
  it('runs refresh-rates for its cron: a succeeded job run and a new rate snapshot', async () => {
    expect(edge().crons.length).toBeGreaterThan(0)
    for (const cron of edge().crons) {
      const runsBefore = await cronRuns()
      const snapshotsBefore = await snapshots()

      expect(await fire(cron)).toEqual({ outcome: 'ok', noRetry: false })

      const newRuns = (await cronRuns()).filter((run) => !runsBefore.some((before) => before.id === run.id))
      expect(newRuns).toEqual([expect.objectContaining({ job: 'refresh-rates', status: 'succeeded', finished_at: expect.any(Date) })])
      const snapshotsAfter = await snapshots()
      expect(snapshotsAfter).toHaveLength(snapshotsBefore.length + 1)

      const latest = snapshotsAfter.at(-1)!
      const { data } = await edgeClient().GET('/v1/rates', {})
      expect(new Date(data!.data[0]!.timestamp).getTime()).toBe(latest.as_of.getTime())
    }
  })

  it('fails the invocation for a cron no job has, and runs nothing', async () => {
    const runsBefore = await cronRuns()
    const result = await fire('7 7 7 7 *')
    expect(result.outcome).toBe('exception')
    expect(await cronRuns()).toHaveLength(runsBefore.length)
  })
})
