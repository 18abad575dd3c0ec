/** `npm run job -- <name>`: runs one job now, under its lease, like the scheduler would. */
import { jobContext, jobDefinitions, runJob } from '../../jobs/index.js'
import { openServices } from './open-services.js'

const name = process.argv[2]
const { config, connection, deps } = await openServices()
const jobs = jobDefinitions(config)
const job = jobs.find((candidate) => candidate.name === name)
if (!job) {
  console.error(`usage: npm run job -- <${jobs.map((candidate) => candidate.name).join('|')}>`)
  await connection.close()
  process.exit(2)
}
const outcome = await runJob(job, jobContext(connection.db, deps, console), 'manual')
console.log(JSON.stringify(outcome, null, 2))
await connection.close()
process.exit(outcome.status === 'failed' ? 1 : 0)
