/**
 * A small closed-loop HTTP load generator: `concurrency` workers, each with one keep-alive
 * connection, for a fixed time. It speaks just enough HTTP/1.1 over a raw socket (request line,
 * headers, content-length or chunked bodies) to cost the shared cores far less than Node's
 * http client would, as pgbench's C client costs little beside the server it measures.
 */
import { connect, type Socket } from 'node:net'

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

/** One keep-alive connection that sends a request and waits for its whole response. */
class Connection {
  private socket: Socket | undefined
  private buffer: Buffer = Buffer.alloc(0)
  private waiting: { resolve: (value: { status: number; body: string }) => void; reject: (error: Error) => void } | undefined

  constructor(private readonly host: string, private readonly port: number) {}

  private open(): Socket {
    const socket = connect({ host: this.host, port: this.port, noDelay: true })
    socket.on('data', (chunk: Buffer) => {
      this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk
      this.tryParse()
    })
    const fail = (error: Error) => {
      this.socket = undefined
      this.buffer = Buffer.alloc(0)
      const waiting = this.waiting
      this.waiting = undefined
      waiting?.reject(error)
    }
    socket.on('error', fail)
    socket.on('close', () => fail(new Error('connection closed')))
    return socket
  }

  private tryParse() {
    const end = this.buffer.indexOf('\r\n\r\n')
    if (end < 0 || !this.waiting) return
    const head = this.buffer.toString('latin1', 0, end)
    const status = Number(head.slice(9, 12))
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head)
    let body: string
    let consumed: number
    if (length) {
      consumed = end + 4 + Number(length[1])
      if (this.buffer.length < consumed) return
      body = this.buffer.toString('utf8', end + 4, consumed)
    } else if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) {
      const parts: Buffer[] = []
      let at = end + 4
      for (;;) {
        const lineEnd = this.buffer.indexOf('\r\n', at)
        if (lineEnd < 0) return
        const size = parseInt(this.buffer.toString('latin1', at, lineEnd), 16)
        if (this.buffer.length < lineEnd + 2 + size + 2) return
        if (size === 0) {
          consumed = lineEnd + 4
          break
        }
        parts.push(this.buffer.subarray(lineEnd + 2, lineEnd + 2 + size))
        at = lineEnd + 2 + size + 2
      }
      body = Buffer.concat(parts).toString('utf8')
    } else {
      consumed = end + 4
      body = ''
    }
    this.buffer = this.buffer.subarray(consumed)
    const waiting = this.waiting
    this.waiting = undefined
    waiting.resolve({ status, body })
  }

  send: Sender = (method, path, body, headers = {}) =>
    new Promise((resolve, reject) => {
      this.socket ??= this.open()
      this.waiting = { resolve, reject }
      const payload = body === undefined ? '' : JSON.stringify(body)
      let head = `${method} ${path} HTTP/1.1\r\nhost: ${this.host}:${this.port}\r\n`
      for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`
      if (payload) head += `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(payload)}\r\n`
      this.socket.write(`${head}\r\n${payload}`)
    })

  close() {
    this.socket?.destroy()
  }
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const target = new URL(options.url)
  const connections = Array.from({ length: options.concurrency }, () => new Connection(target.hostname, Number(target.port)))
  const latencies: number[] = []
  const statuses: Record<number, number> = {}
  let errors = 0
  const started = performance.now()
  const deadline = started + options.durationMs
  await Promise.all(
    connections.map(async (connection) => {
      while (performance.now() < deadline) {
        const begin = performance.now()
        try {
          const codes = await options.operation(connection.send)
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
  for (const connection of connections) connection.close()
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
