/** A small closed-loop HTTP load generator: `concurrency` workers with keep-alive, for a fixed time. */
import http from 'node:http'

export interface LoadResult {
  requests: number
  errors: number
  statuses: Record<number, number>
  seconds: number
  perSecond: number
  p50Ms: number
  p99Ms: number
  maxMs: number
}

export interface LoadOptions {
  url: string
  concurrency: number
  durationMs: number
  /** Builds one logical operation; may issue several requests and returns their statuses. */
  operation: (send: Sender) => Promise<number[]>
}

export type Sender = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<{ status: number; body: string }>

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const target = new URL(options.url)
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency })
  const send: Sender = (method, path, body, headers = {}) =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body)
      const request = http.request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          method,
          path,
          headers: { ...headers, ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}) },
        },
        (response) => {
          let text = ''
          response.setEncoding('utf8')
          response.on('data', (chunk: string) => (text += chunk))
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }))
        },
      )
      request.on('error', reject)
      if (payload) request.write(payload)
      request.end()
    })

  const latencies: number[] = []
  const statuses: Record<number, number> = {}
  let errors = 0
  const started = performance.now()
  const deadline = started + options.durationMs
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (performance.now() < deadline) {
        const begin = performance.now()
        try {
          const codes = await options.operation(send)
          for (const code of codes) statuses[code] = (statuses[code] ?? 0) + 1
          if (codes.some((code) => code >= 400)) errors++
          else latencies.push(performance.now() - begin)
        } catch {
          errors++
        }
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000
  agent.destroy()
  latencies.sort((a, b) => a - b)
  return {
    requests: latencies.length,
    errors,
    statuses,
    seconds,
    perSecond: latencies.length / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies.at(-1) ?? 0,
  }
}
