/**
 * Runs wrk (a C load generator, Debian package `wrk`) for a fixed POST, when it is installed:
 * it costs the shared CPU far less than a Node client, which matters on a small machine where
 * the client, the server and PostgreSQL compete for the same cores.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { LoadResult } from './load.js'

export function wrkAvailable(): boolean {
  return spawnSync('wrk', ['--version'], { encoding: 'utf8' }).error === undefined
}

const toMs = (value: string, unit: string) => Number(value) * (unit === 'us' ? 0.001 : unit === 's' ? 1000 : 1)

export function runWrk(options: { url: string; body: unknown; headers: Record<string, string>; concurrency: number; seconds: number }): LoadResult {
  const dir = mkdtempSync(join(tmpdir(), 'corridor-wrk-'))
  const script = join(dir, 'post.lua')
  const lua = [
    'wrk.method = "POST"',
    `wrk.body = ${JSON.stringify(JSON.stringify(options.body))}`,
    'wrk.headers["Content-Type"] = "application/json"',
    ...Object.entries(options.headers).map(([name, value]) => `wrk.headers[${JSON.stringify(name)}] = ${JSON.stringify(value)}`),
  ].join('\n')
  writeFileSync(script, lua)
  try {
    const run = spawnSync('wrk', ['-t1', `-c${options.concurrency}`, `-d${options.seconds}s`, '--latency', '-s', script, options.url], { encoding: 'utf8' })
    if (run.status !== 0) throw new Error(`wrk failed: ${run.stderr}`)
    const out = run.stdout
    const perSecond = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1])
    const requests = Number(/(\d+) requests in/.exec(out)?.[1])
    const errors = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0) + Number(/Socket errors: connect (\d+)/.exec(out)?.[1] ?? 0)
    const percentile = (p: string) => {
      const match = new RegExp(`\\s${p}%\\s+([\\d.]+)(us|ms|s)`).exec(out)
      return match ? toMs(match[1]!, match[2]!) : NaN
    }
    const max = /Latency\s+[\d.]+\w+\s+[\d.]+\w+\s+([\d.]+)(us|ms|s)/.exec(out)
    return {
      requests,
      errors,
      statuses: {},
      seconds: options.seconds,
      perSecond,
      p50Ms: percentile('50'),
      p99Ms: percentile('99'),
      maxMs: max ? toMs(max[1]!, max[2]!) : NaN,
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
