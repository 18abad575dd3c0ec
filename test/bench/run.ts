/**
 * `npm run bench`: the Node server on a fresh database of the real PostgreSQL server, under
 * concurrent load, side by side with pgbench's tpcb-like runs on the same server in the same
 * run. The machine is shared and its speed drifts from minute to minute, so pgbench runs
 * before the first row, between rows and after the last, and each row is compared with the
 * mean of the pgbench runs just before and just after it.
 *
 * Quotes are driven by wrk when it is installed (`apt-get install wrk`: a C client leaves the
 * shared cores to the server and PostgreSQL, as pgbench's own C client does), else by the Node
 * client in load.ts; payments (quote then payment, two dependent requests) by the Node client.
 * A last row makes the same payments with the server restarted with PAYMENTS_SUBMIT_IN_REQUEST=false,
 * so they are created and funded but not handed to the channel: it shows what the payout path costs.
 * The process-payments job then submits those, and the bench checks that every payment it made
 * ended paid out.
 *
 * Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres),
 * BENCH_SECONDS (default 15), BENCH_CONCURRENCY (default 16), BENCH_PGBENCH_SCALE (default: the concurrency),
 * BENCH_PGBENCH_SECONDS (default: half of BENCH_SECONDS, at least 5; each of the five pgbench runs),
 * BENCH_CLIENT=node to drive quotes with the Node client even when wrk is there.
 */
import { spawn, spawnSync } from 'node:child_process'
import { once } from 'node:events'
import { createServer } from 'node:net'
import postgres from 'postgres'
import { connectPostgres } from '../../src/db/connect-postgres.js'
import { migrateDatabase } from '../../src/db/migrate.js'
import { seedDemo } from '../../src/demo/seed.js'
import { loadConfig } from '../../src/config.js'
import { createServices } from '../../src/services.js'
import { openServices } from '../../src/cli/open-services.js'
import { jobContext } from '../../jobs/job.js'
import { processPaymentsJob } from '../../jobs/process-payments.js'
import { runJob } from '../../jobs/run-job.js'
import { cpuPerOperation, cpuSnapshot, type CpuGroups } from './cpu.js'
import { runLoad, type LoadResult } from './load.js'
import { runWrk, wrkAvailable } from './wrk.js'

const quotesLabel = (wrk: boolean) => (wrk ? 'quotes (wrk client)' : 'quotes (Node client)')

const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const seconds = Number(process.env.BENCH_SECONDS ?? 15)
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16)
// pgbench's documentation: the scale factor should be at least the number of clients.
const scale = Number(process.env.BENCH_PGBENCH_SCALE ?? concurrency)
const pgbenchSeconds = Number(process.env.BENCH_PGBENCH_SECONDS ?? Math.max(5, Math.round(seconds / 2)))
const apiKey = 'sk_test_benchbenchbenchbench0001'

const paymentBody = (quoteId: string) => ({
  quote_id: quoteId,
  sender: { type: 'business', name: 'Bench Exports LLC', country: 'US', address: { line1: '1 Main St', city: 'Springfield' }, registration_number: 'REG-1', kyc_tier: 2 },
  beneficiary: { name: 'Max Mustermann', country: 'DE', account: { type: 'iban', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' } },
  purpose_code: 'SUPP',
  reference: 'bench',
})

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })

const name = `corridor_bench_${Date.now().toString(36)}`
const admin = postgres(serverUrl, { max: 1, onnotice: () => {} })
await admin.unsafe(`create database ${name}`)
const url = new URL(serverUrl)
url.pathname = `/${name}`
const databaseUrl = url.toString()

let server: ReturnType<typeof spawn> | undefined
let sandbox: ReturnType<typeof spawn> | undefined
try {
  const connection = connectPostgres(databaseUrl, { max: 2 })
  await migrateDatabase(connection)
  const deps = createServices({ connection, config: loadConfig({}) })
  await seedDemo({ db: connection.db, deps, demoApiKey: apiKey })
  // Enough balance that the payment runs never run out; one merchant per client for the
  // many-merchant run (each merchant's balance is its own lock, as in production).
  const merchantKeys: string[] = []
  for (let i = 0; i < concurrency; i++) {
    const { merchant, apiKey: key } = await deps.merchants.createMerchant({ name: `Bench merchant ${i}` })
    merchantKeys.push(key)
    const credited = await deps.ledger.deposit(merchant.id, 'USD', 1_000_000_000_00n, `bench-funding-${i}`)
    if ('error' in credited) throw new Error(`funding a bench merchant failed: ${credited.error}`)
  }
  const funded = await deps.ledger.deposit('mer_demo', 'USD', 1_000_000_000_00n, 'bench-funding')
  if ('error' in funded) throw new Error(`funding the bench merchant failed: ${funded.error}`)
  await connection.close()

  // The rail sandbox runs as its own process, as a real channel is outside the API's process.
  const port = await freePort()
  const sandboxPort = await freePort()
  sandbox = spawn(process.execPath, ['--import', 'tsx', 'src/sandbox/run-sandbox.ts'], {
    env: {
      ...process.env,
      SANDBOX_PORT: String(sandboxPort),
      SANDBOX_CALLBACK_BASE_URL: `http://127.0.0.1:${port}`,
      // Pays out at once (the answer says so); the notification trails the answer by 100 ms,
      // as a channel's callbacks do, instead of racing the answer's own write.
      SANDBOX_BEHAVIOUR: JSON.stringify({ default: { settleAfterMs: 0, callbackDelayMs: 100 } }),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  await new Promise<void>((resolve, reject) => {
    sandbox!.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('http://') && resolve())
    sandbox!.on('exit', (code) => reject(new Error(`sandbox exited with ${code}`)))
  })
  // With the young generation `npm start` gives it (see README, Configuration).
  const startServer = async (env: Record<string, string> = {}) => {
    const child = spawn(process.execPath, ['--max-semi-space-size=64', '--import', 'tsx', 'src/server.ts'], {
      // The sandbox pays out instantly; the process-payments job is left off so the run measures
      // the API and its in-request hand-off to the channel.
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        HOST: '127.0.0.1',
        JOBS_ENABLED: 'false',
        NODE_ENV: 'production',
        CHANNELS_BASE_URL: `http://127.0.0.1:${sandboxPort}`,
        CHANNEL_SANDBOX_CREDENTIALS: 'true',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    server = child
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('listening') && resolve())
      child.on('exit', (code) => reject(new Error(`server exited with ${code}`)))
    })
  }
  await startServer()
  const base = `http://127.0.0.1:${port}`
  const auth = { Authorization: `Bearer ${apiKey}` }
  const quoteBody = { source_currency: 'USD', target_currency: 'EUR', source_amount: '1000.00', source_country: 'US', destination_country: 'DE' }
  const createQuote = async (send: Parameters<Parameters<typeof runLoad>[0]['operation']>[0]) => [(await send('POST', '/v1/quotes', quoteBody, auth)).status]

  // Warm up (JIT, connection pool, prepared statements).
  await runLoad({ url: base, concurrency, durationMs: 2000, operation: createQuote })

  let paymentCounter = 0
  const createPayment =
    (keys: string[]): Parameters<typeof runLoad>[0]['operation'] =>
    async (send) => {
      const n = paymentCounter++
      const headers = { Authorization: `Bearer ${keys[n % keys.length]}` }
      const quoteResponse = await send('POST', '/v1/quotes', { ...quoteBody, source_amount: '10.00' }, headers)
      if (quoteResponse.status !== 201) return [quoteResponse.status]
      const quoteId = (JSON.parse(quoteResponse.body) as { id: string }).id
      const payment = await send('POST', '/v1/payments', paymentBody(quoteId), { ...headers, 'Idempotency-Key': `bench-${process.pid}-${n}` })
      return [quoteResponse.status, payment.status]
    }

  // wrk (a child that has ended by the time of the second snapshot) is not counted.
  const groupOf: CpuGroups = (pid, command) =>
    pid === server?.pid ? 'api' : pid === sandbox?.pid ? 'sandbox' : pid === process.pid ? 'load client' : command === 'postgres' ? 'postgres' : undefined
  const results: Record<string, LoadResult> = {}
  const cpu: Record<string, Record<string, number> | undefined> = {}
  const wal: Record<string, { 'WAL bytes': number; 'WAL records': number }> = {}
  // The server's WAL counters (the whole cluster: this run is all that writes to it).
  const walSnapshot = async () => {
    const [row] = await admin<{ records: string; bytes: string }[]>`select wal_records::text as records, wal_bytes::text as bytes from pg_stat_wal`
    return { records: Number(row!.records), bytes: Number(row!.bytes) }
  }
  const walPerOperation = (before: { records: number; bytes: number }, after: { records: number; bytes: number }, operations: number) => ({
    'WAL bytes': Math.round((after.bytes - before.bytes) / operations),
    'WAL records': Math.round(((after.records - before.records) / operations) * 10) / 10,
  })
  // Fresh statistics before each row, as `pgbench -i` leaves its tables analyzed and autovacuum
  // keeps a long-running database's: a plan cached while a table was nearly empty (on this new
  // database) is made again for the table as it is.
  const analyze = async () => {
    const db = postgres(databaseUrl, { max: 1, onnotice: () => {} })
    await db`analyze`
    await db.end()
  }
  const measure = async (label: string, run: () => LoadResult | Promise<LoadResult>) => {
    await analyze()
    const before = cpuSnapshot(groupOf)
    const walBefore = await walSnapshot()
    results[label] = await run()
    cpu[label] = cpuPerOperation(before, cpuSnapshot(groupOf), results[label].requests)
    wal[label] = walPerOperation(walBefore, await walSnapshot(), results[label].requests)
  }
  // pgbench on the same server, same concurrency, same run: before the first row, between
  // rows and after the last, so each row is compared with the machine as it was around it.
  const pgArgs = ['-h', url.hostname, '-p', url.port || '5432', '-U', url.username || 'postgres']
  const init = spawnSync('pgbench', [...pgArgs, '-i', '-q', '-s', String(scale), name], { encoding: 'utf8' })
  if (init.status !== 0) throw new Error(`pgbench -i failed: ${init.stderr}`)
  const pgbenchRuns: Array<{ tps: number; transactions: number; latencyMs: number; machineMicros: number; wal: { records: number; bytes: number } }> = []
  const runPgbench = async () => {
    const before = cpuSnapshot(groupOf)
    const walBefore = await walSnapshot()
    const bench = spawnSync('pgbench', [...pgArgs, '-c', String(concurrency), '-j', '2', '-T', String(pgbenchSeconds), name], { encoding: 'utf8' })
    if (bench.status !== 0) throw new Error(`pgbench failed: ${bench.stderr}`)
    const walAfter = await walSnapshot()
    pgbenchRuns.push({
      tps: Number(/tps = ([\d.]+)/.exec(bench.stdout)?.[1]),
      transactions: Number(/number of transactions actually processed: (\d+)/.exec(bench.stdout)?.[1]),
      latencyMs: Number(/latency average = ([\d.]+) ms/.exec(bench.stdout)?.[1]),
      // Its backends and client have ended by the second snapshot: only the machine's total says.
      machineMicros: cpuPerOperation(before, cpuSnapshot(groupOf), 1)?.machine ?? 0,
      wal: { records: walAfter.records - walBefore.records, bytes: walAfter.bytes - walBefore.bytes },
    })
  }
  /** The pgbench tps a row is compared with: the mean of the runs just before and just after it. */
  const pgbenchAround: Record<string, number> = {}
  const measureBetweenPgbench = async (label: string, run: () => LoadResult | Promise<LoadResult>) => {
    if (pgbenchRuns.length === 0) await runPgbench()
    const before = pgbenchRuns.at(-1)!.tps
    await measure(label, run)
    await runPgbench()
    pgbenchAround[label] = (before + pgbenchRuns.at(-1)!.tps) / 2
  }

  const useWrk = process.env.BENCH_CLIENT !== 'node' && wrkAvailable()
  await measureBetweenPgbench(quotesLabel(useWrk), () =>
    useWrk
      ? runWrk({ url: `${base}/v1/quotes`, body: quoteBody, headers: auth, concurrency, seconds })
      : runLoad({ url: base, concurrency, durationMs: seconds * 1000, operation: createQuote }),
  )
  await runLoad({ url: base, concurrency, durationMs: 2000, operation: createPayment(merchantKeys) })
  await measureBetweenPgbench(`payments, ${concurrency} merchants`, () => runLoad({ url: base, concurrency, durationMs: seconds * 1000, operation: createPayment(merchantKeys) }))
  await measureBetweenPgbench('payments, one merchant', () => runLoad({ url: base, concurrency, durationMs: seconds * 1000, operation: createPayment([apiKey]) }))

  // Where the cost is: the same payments with nothing handed to the channel (the server restarted
  // with PAYMENTS_SUBMIT_IN_REQUEST=false), so they stay pending. For comparison only; the
  // target is judged on the end-to-end row above.
  const createdOnlyLabel = `payments, ${concurrency} merchants, created only (not paid out)`
  server!.removeAllListeners('exit')
  server!.kill('SIGTERM')
  await once(server!, 'exit')
  await startServer({ PAYMENTS_SUBMIT_IN_REQUEST: 'false' })
  // A longer warm-up: this server has not run the quotes row that warmed up the first one.
  await runLoad({ url: base, concurrency, durationMs: 5000, operation: createPayment(merchantKeys) })
  await measureBetweenPgbench(createdOnlyLabel, () => runLoad({ url: base, concurrency, durationMs: seconds * 1000, operation: createPayment(merchantKeys) }))

  // The process-payments job, as a deployment without in-request submission runs it, submits
  // the payments the last row left pending; they must all end paid out too.
  const jobServices = await openServices({ ...process.env, DATABASE_URL: databaseUrl, CHANNELS_BASE_URL: `http://127.0.0.1:${sandboxPort}`, CHANNEL_SANDBOX_CREDENTIALS: 'true', JOBS_ENABLED: 'false' })
  const jobStarted = performance.now()
  const jobRun = await runJob(processPaymentsJob('* * * * *'), jobContext(jobServices.connection.db, jobServices.deps, { info: () => {}, error: console.error }), 'bench')
  const jobSeconds = (performance.now() - jobStarted) / 1000
  await jobServices.connection.close()
  if (jobRun.status !== 'succeeded') throw new Error(`process-payments failed: ${JSON.stringify(jobRun)}`)
  const jobSubmitted = Number(jobRun.detail.submitted)

  // Every payment the runs created must have been paid out, not left behind in a backlog.
  await new Promise((resolve) => setTimeout(resolve, 2000))
  const check = postgres(databaseUrl, { max: 1, onnotice: () => {} })
  const statuses = await check<{ status: string; count: string }[]>`select status, count(*)::text as count from payments group by status order by status`
  await check.end()
  const paymentStatuses = statuses.map((row) => `${row.status} ${row.count}`).join(', ')

  const total = (of: (run: (typeof pgbenchRuns)[number]) => number) => pgbenchRuns.reduce((sum, run) => sum + of(run), 0)
  const transactions = total((run) => run.transactions)
  cpu['pgbench tpcb-like (per transaction)'] = { machine: Math.round(total((run) => run.machineMicros) / transactions) }
  wal['pgbench tpcb-like (per transaction)'] = walPerOperation({ records: 0, bytes: 0 }, { records: total((run) => run.wal.records), bytes: total((run) => run.wal.bytes) }, transactions)
  const tps = total((run) => run.tps) / pgbenchRuns.length
  const pgbenchLatency = (total((run) => run.latencyMs) / pgbenchRuns.length).toFixed(2)

  const rows = Object.entries(results).map(([label, result]) => ({
    operation: label,
    'per second': result.perSecond.toFixed(0),
    'p50 ms': result.p50Ms.toFixed(2),
    'p99 ms': result.p99Ms.toFixed(2),
    'max ms': result.maxMs.toFixed(1),
    errors: result.errors,
    'pgbench tps around it': pgbenchAround[label]!.toFixed(0),
    'ratio to pgbench tps': (result.perSecond / pgbenchAround[label]!).toFixed(2),
  }))
  rows.push({
    operation: `pgbench tpcb-like (scale ${scale}), ${pgbenchRuns.length} runs of ${pgbenchSeconds} s`,
    'per second': `${tps.toFixed(0)} (${pgbenchRuns.map((run) => run.tps.toFixed(0)).join(' / ')})`,
    'p50 ms': '',
    'p99 ms': '',
    'max ms': '',
    errors: 0,
    'pgbench tps around it': '',
    'ratio to pgbench tps': `avg latency ${pgbenchLatency} ms`,
  })
  console.log(`\nCorridor benchmark — ${concurrency} concurrent clients, ${seconds} s each, PostgreSQL ${url.hostname}:${url.port || 5432}, ${new Date().toISOString()}`)
  console.table(rows)
  console.log(`process-payments job: submitted the ${jobSubmitted} payments the last row left pending in ${jobSeconds.toFixed(1)} s (${(jobSubmitted / jobSeconds).toFixed(0)} a second)`)
  console.log(`Payments by status 2 s after the runs and the job (warm-ups included): ${paymentStatuses}`)
  console.log('CPU per operation (µs), by process (PostgreSQL: all its processes; background work of the API included):')
  console.table(Object.fromEntries(Object.entries(cpu).filter(([, groups]) => groups)))
  console.log('PostgreSQL WAL written per operation:')
  console.table(wal)
  const quotes = results[quotesLabel(useWrk)]!
  const payments = results[`payments, ${concurrency} merchants`]!
  const allPaidOut = statuses.every((row) => row.status === 'paid_out')
  const targets = [
    { name: 'every payment created was paid out', ok: allPaidOut },
    { name: 'quotes/s ≥ 1.5 × pgbench tps', ok: quotes.perSecond >= 1.5 * pgbenchAround[quotesLabel(useWrk)]! },
    { name: 'quote p99 < 20 ms', ok: quotes.p99Ms < 20 },
    { name: 'payments/s ≥ 0.4 × pgbench tps', ok: payments.perSecond >= 0.4 * pgbenchAround[`payments, ${concurrency} merchants`]! },
    { name: 'payment (quote + payment) p99 < 50 ms', ok: payments.p99Ms < 50 },
  ]
  for (const target of targets) console.log(`${target.ok ? 'PASS' : 'FAIL'}  ${target.name}`)
  process.exitCode = targets.every((target) => target.ok) ? 0 : 1
} finally {
  for (const child of [server, sandbox]) {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM')
      await once(child, 'exit').catch(() => {})
    }
  }
  await admin.unsafe(`drop database if exists ${name} with (force)`)
  await admin.end()
}
