import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { jobLocks, jobRuns, rateSnapshots } from '../src/db/schema.js'
import { createTestContext, type TestContext } from '../test/support/test-app.js'
import { jobContext, type JobContext, type JobDefinition } from './job.js'
import { refreshRatesJob } from './refresh-rates.js'
import { runJob } from './run-job.js'

let t: TestContext
let context: JobContext
beforeAll(async () => {
  t = await createTestContext()
  context = jobContext(t.connection.db, t.deps, { info: () => {}, error: () => {} })
})
afterAll(() => t.close())

describe('runJob', () => {
  it('runs refresh-rates, records the run and stores a snapshot', async () => {
    const before = await t.connection.db.select().from(rateSnapshots)
    const outcome = await runJob(refreshRatesJob('* * * * *'), context, 'test')
    expect(outcome.status).toBe('succeeded')
    const [run] = await t.connection.db.select().from(jobRuns).where(eq(jobRuns.id, outcome.runId))
    expect(run).toMatchObject({ job: 'refresh-rates', status: 'succeeded', trigger: 'test' })
    expect((await t.connection.db.select().from(rateSnapshots)).length).toBeGreaterThan(before.length)
  })

  it('skips a run while another holds the lease, and releases the lease after running', async () => {
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    const slow: JobDefinition = {
      name: 'slow-test-job',
      schedule: '* * * * *',
      leaseSeconds: 60,
      run: async () => {
        await gate
        return {}
      },
    }
    const first = runJob(slow, context, 'test')
    await new Promise((resolve) => setTimeout(resolve, 50))
    const second = await runJob(slow, context, 'test')
    expect(second.status).toBe('skipped')
    release()
    expect((await first).status).toBe('succeeded')
    expect(await t.connection.db.select().from(jobLocks).where(eq(jobLocks.job, 'slow-test-job'))).toHaveLength(0)
    expect((await runJob(slow, context, 'test')).status).toBe('succeeded')
  })

  it('records a failing run as failed with its error', async () => {
    const failing: JobDefinition = { name: 'failing-test-job', schedule: '* * * * *', leaseSeconds: 60, run: () => Promise.reject(new Error('boom')) }
    expect(await runJob(failing, context, 'test')).toMatchObject({ status: 'failed', error: 'boom' })
  })
})
