/**
 * `npm run bench`: the Node server on a fresh database of the real PostgreSQL server, under
 * concurrent load, side by side with pgbench's tpcb-like run on the same server in the same
 * run (the machine is shared and noisy, so only same-run ratios mean much).
 *
 * Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres),
 * BENCH_SECONDS (default 15), BENCH_CONCURRENCY (default 16), BENCH_PGBENCH_SCALE (default 10).
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
import { runLoad, type LoadResult } from './load.js'

const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const seconds = Number(process.env.BENCH_SECONDS ?? 15)
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16)
const scale = Number(process.env.BENCH_PGBENCH_SCALE ?? 10)
const apiKey = 'sk_test_benchbenchbenchbench0001'

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
try {
  const connection = connectPostgres(databaseUrl, { max: 2 })
  await migrateDatabase(connection)
  await seedDemo({ db: connection.db, deps: createServices({ connection, config: loadConfig({}) }), demoApiKey: apiKey })
  await connection.close()

  const port = await freePort()
  server = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', JOBS_ENABLED: 'false', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const ready = new Promise<void>((resolve, reject) => {
    server!.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('listening') && resolve())
    server!.on('exit', (code) => reject(new Error(`server exited with ${code}`)))
  })
  await ready
  const base = `http://127.0.0.1:${port}`
  const auth = { Authorization: `Bearer ${apiKey}` }
  const quoteBody = { source_currency: 'USD', target_currency: 'EUR', source_amount: '1000.00', source_country: 'US', destination_country: 'DE' }
  const createQuote = async (send: Parameters<Parameters<typeof runLoad>[0]['operation']>[0]) => [(await send('POST', '/v1/quotes', quoteBody, auth)).status]

  // Warm up (JIT, connection pool, prepared statements).
  await runLoad({ url: base, concurrency, durationMs: 2000, operation: createQuote })

  const results: Record<string, LoadResult> = {}
  results.quotes = await runLoad({ url: base, concurrency, durationMs: seconds * 1000, operation: createQuote })

  // pgbench on the same server, same concurrency, same run.
  const pgArgs = ['-h', url.hostname, '-p', url.port || '5432', '-U', url.username || 'postgres']
  const init = spawnSync('pgbench', [...pgArgs, '-i', '-q', '-s', String(scale), name], { encoding: 'utf8' })
  if (init.status !== 0) throw new Error(`pgbench -i failed: ${init.stderr}`)
  const bench = spawnSync('pgbench', [...pgArgs, '-c', String(concurrency), '-j', '2', '-T', String(seconds), '-n', name], { encoding: 'utf8' })
  if (bench.status !== 0) throw new Error(`pgbench failed: ${bench.stderr}`)
  const tps = Number(/tps = ([\d.]+)/.exec(bench.stdout)?.[1])
  const pgbenchLatency = Number(/latency average = ([\d.]+) ms/.exec(bench.stdout)?.[1])

  const rows = Object.entries(results).map(([label, result]) => ({
    operation: label,
    'per second': result.perSecond.toFixed(0),
    'p50 ms': result.p50Ms.toFixed(2),
    'p99 ms': result.p99Ms.toFixed(2),
    'max ms': result.maxMs.toFixed(1),
    errors: result.errors,
    'ratio to pgbench tps': (result.perSecond / tps).toFixed(2),
  }))
  rows.push({
    operation: `pgbench tpcb-like (scale ${scale})`,
    'per second': tps.toFixed(0),
    'p50 ms': '',
    'p99 ms': '',
    'max ms': '',
    errors: 0,
    'ratio to pgbench tps': `avg latency ${pgbenchLatency} ms`,
  })
  console.log(`\nCorridor benchmark — ${concurrency} concurrent clients, ${seconds} s each, PostgreSQL ${url.hostname}:${url.port || 5432}, ${new Date().toISOString()}`)
  console.table(rows)
  const quotes = results.quotes!
  const targets = [
    { name: 'quotes/s ≥ 1.5 × pgbench tps', ok: quotes.perSecond >= 1.5 * tps },
    { name: 'quote p99 < 20 ms', ok: quotes.p99Ms < 20 },
  ]
  for (const target of targets) console.log(`${target.ok ? 'PASS' : 'FAIL'}  ${target.name}`)
  process.exitCode = targets.every((target) => target.ok) ? 0 : 1
} finally {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM')
    await once(server, 'exit').catch(() => {})
  }
  await admin.unsafe(`drop database if exists ${name} with (force)`)
  await admin.end()
}
