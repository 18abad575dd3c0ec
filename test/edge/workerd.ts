/**
 * Runs a built Worker bundle in workerd for the edge tests, from a generated Cap'n Proto config:
 * - the Worker, with the compatibility date, flags and vars of wrangler.toml, and a Hyperdrive
 *   binding whose origin is a PostgreSQL server reached over TCP (as Hyperdrive is in production,
 *   `env.HYPERDRIVE.connectionString` is a `*.hyperdrive.local` address that workerd routes), and
 *   a `fetch` that reaches loopback addresses only (the rail sandbox the tests start), where
 *   workerd's default outbound refuses them and reaches the internet, which the tests must not;
 * - a test-only Worker (`scheduled-trigger-worker.js`) that fires its scheduled handler.
 *
 * Both listen on port 0, and workerd reports the ports it bound on `--control-fd`, so there is
 * no race for a free port. Start-up fails with workerd's own output when it exits or does not
 * answer `/health` in time.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { Readable } from 'node:stream'
import { fileURLToPath } from 'node:url'

export interface WorkerdOptions {
  bundlePath: string
  compatibilityDate: string
  compatibilityFlags: string[]
  /** Text bindings (wrangler.toml's [vars] and any secrets). */
  vars: Record<string, string>
  hyperdrive: { binding: string; address: string; database: string; user: string; password: string }
  startTimeoutMs?: number
}

export interface RunningWorkerd {
  /** Base URL of the Corridor Worker. */
  url: string
  /** Base URL of the scheduled-event trigger (`POST /scheduled?cron=…`). */
  triggerUrl: string
  /** Everything workerd printed so far. */
  output(): string
  /** False once workerd has exited, by `stop()` or on its own. */
  running(): boolean
  stop(): Promise<void>
}

export class WorkerdStartError extends Error {
  override name = 'WorkerdStartError'
}

const here = dirname(fileURLToPath(import.meta.url))

/** The workerd binary of the `workerd` package (its main module exports the path). */
export function workerdBinary(): string {
  const workerd = createRequire(import.meta.url)('workerd') as { default: string }
  return workerd.default
}

/** A Cap'n Proto text literal; the values here are plain printable text. */
function text(value: string): string {
  if (!/^[\x20-\x7e]*$/.test(value)) throw new TypeError(`workerd config values must be printable ASCII: ${JSON.stringify(value)}`)
  return JSON.stringify(value)
}

function capnpConfig(options: WorkerdOptions): string {
  const { hyperdrive } = options
  const bindings = [
    ...Object.entries(options.vars).map(([name, value]) => `(name = ${text(name)}, text = ${text(value)})`),
    `(name = ${text(hyperdrive.binding)}, hyperdrive = (designator = (name = "postgres"), database = ${text(hyperdrive.database)}, ` +
      `user = ${text(hyperdrive.user)}, password = ${text(hyperdrive.password)}, scheme = "postgresql"))`,
  ]
  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "corridor", worker = .corridor),
    (name = "trigger", worker = .trigger),
    (name = "postgres", external = (address = ${text(hyperdrive.address)}, tcp = ())),
    (name = "loopback", network = (allow = ["local"])),
  ],
  sockets = [
    (name = "corridor", address = "127.0.0.1:0", http = (), service = "corridor"),
    (name = "trigger", address = "127.0.0.1:0", http = (), service = "trigger"),
  ],
);

const corridor :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = ${text(options.compatibilityDate)},
  compatibilityFlags = [${options.compatibilityFlags.map(text).join(', ')}],
  bindings = [
    ${bindings.join(',\n    ')},
  ],
  globalOutbound = "loopback",
);

const trigger :Workerd.Worker = (
  modules = [(name = "trigger.js", esModule = embed "trigger.js")],
  compatibilityDate = ${text(options.compatibilityDate)},
  compatibilityFlags = ["service_binding_extra_handlers"],
  bindings = [(name = "CORRIDOR", service = "corridor")],
);
`
}

/** Resolves with the port of each socket once workerd reports them all on the control fd. */
function listenPorts(child: ChildProcess, sockets: string[], output: () => string, timeoutMs: number): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const ports: Record<string, number> = {}
    let buffered = ''
    const timer = setTimeout(() => fail(`workerd did not listen within ${timeoutMs} ms`), timeoutMs)
    const fail = (message: string) => {
      clearTimeout(timer)
      reject(new WorkerdStartError(`${message}\n--- workerd output ---\n${output() || '(none)'}`))
    }
    child.once('error', (error) => fail(`workerd could not be started (${workerdBinary()}): ${error.message}`))
    child.once('exit', (code, signal) => fail(`workerd exited (${signal ?? `code ${code}`}) before listening`))
    ;(child.stdio[3] as Readable).on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8')
      let newline: number
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline)
        buffered = buffered.slice(newline + 1)
        try {
          const message = JSON.parse(line) as { event?: string; socket?: string; port?: number }
          if (message.event === 'listen' && message.socket && message.port) ports[message.socket] = message.port
        } catch {
          // Not a control message of ours; workerd's logs go to stdout and stderr.
        }
      }
      if (sockets.every((socket) => ports[socket])) {
        clearTimeout(timer)
        child.removeAllListeners('exit')
        child.removeAllListeners('error')
        resolve(ports)
      }
    })
  })
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let last = 'no answer'
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      last = `workerd exited (${child.signalCode ?? `code ${child.exitCode}`})`
      break
    }
    try {
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(5_000) })
      const body = await response.text()
      if (response.status === 200) return
      last = `${response.status} ${body.slice(0, 300)}`
    } catch (error) {
      last = error instanceof Error ? error.message : String(error)
    }
    await new Promise((settle) => setTimeout(settle, 200))
  }
  throw new WorkerdStartError(`the Worker in workerd did not answer GET /health with 200 (last: ${last})\n--- workerd output ---\n${output() || '(none)'}`)
}

/**
 * @example
 * const workerd = await startWorkerd({ bundlePath: 'dist/worker/worker.js', compatibilityDate, compatibilityFlags, vars, hyperdrive })
 * await fetch(`${workerd.url}/health`)
 * await workerd.stop()
 */
export async function startWorkerd(options: WorkerdOptions): Promise<RunningWorkerd> {
  const timeoutMs = options.startTimeoutMs ?? 30_000
  const dir = await mkdtemp(join(tmpdir(), 'corridor-workerd-'))
  await copyFile(options.bundlePath, join(dir, 'worker.js'))
  await copyFile(join(here, 'scheduled-trigger-worker.js'), join(dir, 'trigger.js'))
  await writeFile(join(dir, 'config.capnp'), capnpConfig(options))

  let output = ''
  const child = spawn(workerdBinary(), ['serve', join(dir, 'config.capnp'), '--experimental', '--verbose', '--control-fd=3'], {
    cwd: dir,
    env: { ...process.env, PWD: dir },
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  })
  const collect = (chunk: Buffer) => {
    output += chunk.toString('utf8')
  }
  child.stdout!.on('data', collect)
  child.stderr!.on('data', collect)
  // Never leave workerd behind, even when the test runner dies without tearing down.
  const killOnExit = () => child.kill('SIGKILL')
  process.once('exit', killOnExit)

  const running = () => child.pid !== undefined && child.exitCode === null && child.signalCode === null
  const stop = async () => {
    process.removeListener('exit', killOnExit)
    if (running()) {
      const exited = new Promise<void>((settle) => child.once('exit', () => settle()))
      child.kill('SIGTERM')
      const forced = setTimeout(() => child.kill('SIGKILL'), 5_000)
      await exited
      clearTimeout(forced)
    }
    await rm(dir, { recursive: true, force: true })
  }

  try {
    const ports = await listenPorts(child, ['corridor', 'trigger'], () => output, timeoutMs)
    const url = `http://127.0.0.1:${ports.corridor}`
    await waitForHealth(url, child, () => output, timeoutMs)
    return { url, triggerUrl: `http://127.0.0.1:${ports.trigger}`, output: () => output, running, stop }
  } catch (error) {
    await stop()
    throw error
  }
}
