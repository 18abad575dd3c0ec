/**
 * Cron triggers on the Worker: each cron of wrangler.toml, fired in workerd, runs exactly the
 * jobs whose schedule it is, through `runJob` on the Worker's own database connection, and the
 * API sees the result.
 */
import postgres from 'postgres'
import { afterAll, describe, expect, it } from 'vitest'
import { jobDefinitions } from '../../jobs/index.js'
import { loadConfig } from '../../src/config.js'
import { cronRuns, exclusively, fireCron, fireCronAndCollectRuns } from './crons.js'
import { edge, edgeClient } from './edge-client.js'
import { readWranglerConfig } from './wrangler-config.js'

const sql = postgres(edge().databaseUrl, { max: 1, onnotice: () => {} })
afterAll(() => sql.end({ timeout: 5 }))

const snapshots = async () => sql<{ id: string; as_of: Date }[]>`select id, as_of from rate_snapshots order by fetched_at`

/** The jobs as the Worker defines them: wrangler.toml's vars through the same loadConfig. */
const jobs = jobDefinitions(loadConfig(readWranglerConfig().vars))
const jobsAt = (cron: string) =>
  jobs
    .filter((job) => job.schedule === cron)
    .map((job) => job.name)
    .sort()

describe('scheduled handler', () => {
  it('has a cron for every job, and a job for every cron', () => {
    expect(edge().crons.length).toBeGreaterThan(0)
    for (const cron of edge().crons) expect(jobsAt(cron), cron).not.toEqual([])
    for (const job of jobs) expect(edge().crons, job.name).toContain(job.schedule)
  })

  it.each(edge().crons)('runs the jobs scheduled at "%s", each to a succeeded cron run', (cron) =>
    exclusively(async () => {
      const expected = jobsAt(cron)
      const snapshotsBefore = await snapshots()

      const { outcome, runs } = await fireCronAndCollectRuns(sql, cron)
      expect(outcome).toBe('ok')
      expect(runs).toEqual(expected.map((job) => expect.objectContaining({ job, trigger: 'cron', status: 'succeeded', finished_at: expect.any(Date) })))

      const snapshotsAfter = await snapshots()
      if (!expected.includes('refresh-rates')) {
        expect(snapshotsAfter).toHaveLength(snapshotsBefore.length)
        return
      }
      // refresh-rates stored a new snapshot, and it is what the API now serves.
      expect(snapshotsAfter).toHaveLength(snapshotsBefore.length + 1)
      const latest = snapshotsAfter.at(-1)!
      const { data } = await edgeClient().GET('/v1/rates', {})
      expect(new Date(data!.data[0]!.timestamp).getTime()).toBe(latest.as_of.getTime())
    }),
  )

  it('fails the invocation for a cron no job has, and runs nothing', () =>
    exclusively(async () => {
      const runsBefore = await cronRuns(sql)
      const result = await fireCron('7 7 7 7 *')
      expect(result.outcome).toBe('exception')
      expect(await cronRuns(sql)).toHaveLength(runsBefore.length)
    }),
  )
})
