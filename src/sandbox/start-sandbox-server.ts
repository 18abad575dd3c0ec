/**
 * Node-only: serves the sandbox app over real HTTP with `@hono/node-server`, for the Node
 * runner, the main server's demo mode and tests.
 */
import { serve } from '@hono/node-server'
import { createSandboxApp, type SandboxOptions } from './sandbox-app.js'
import { createTimerScheduler } from './scheduler.js'

export interface SandboxServerOptions extends SandboxOptions {
  /** 0 picks a free port. */
  port?: number
  hostname?: string
}

export interface SandboxServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:8788`. */
  url: string
  close(): Promise<void>
}

/**
 * Starts the sandbox on a port and resolves once it listens.
 *
 * @example
 * const sandbox = await startSandboxServer({ port: 0, seed: 42, callbackBaseUrl: receiverUrl })
 * const credentials = { baseUrl: sandbox.url, ...sandboxCredentials('upi') }
 * await sandbox.close()
 */
export async function startSandboxServer(options: SandboxServerOptions = {}): Promise<SandboxServer> {
  const ownScheduler = options.scheduler === undefined ? createTimerScheduler() : undefined
  const app = createSandboxApp({ ...options, scheduler: options.scheduler ?? ownScheduler })
  const hostname = options.hostname ?? '127.0.0.1'
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: options.port ?? 8788, hostname }, (info) => {
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address
      resolve({
        url: `http://${host}:${info.port}`,
        close: () =>
          new Promise<void>((done) => {
            ownScheduler?.dispose()
            // Hanging answers (simulated timeouts) must not keep the server open.
            if ('closeAllConnections' in server) server.closeAllConnections()
            server.close(() => done())
          }),
      })
    })
    server.once('error', reject)
  })
}
