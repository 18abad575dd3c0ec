/**
 * Runs the rail sandbox as a standalone Node process.
 *
 *   SANDBOX_PORT=8788 SANDBOX_SEED=1 SANDBOX_CALLBACK_BASE_URL=http://localhost:8787 \
 *   SANDBOX_BEHAVIOUR='{"default":{"settleAfterMs":2000},"channels":{"upi":{"declineRate":0.1}}}' \
 *   npx tsx src/sandbox/run-sandbox.ts
 */
import process from 'node:process'
import { parseBehaviourConfig, type SandboxBehaviourConfig } from './behaviour.js'
import { startSandboxServer } from './start-sandbox-server.js'

function fail(message: string): never {
  console.error(`sandbox: ${message}`)
  process.exit(1)
}

function behaviourFromEnvironment(text: string | undefined): SandboxBehaviourConfig {
  if (text === undefined || text.trim() === '') return {}
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    fail('SANDBOX_BEHAVIOUR is not valid JSON')
  }
  const parsed = parseBehaviourConfig(value)
  if ('error' in parsed) fail(`SANDBOX_BEHAVIOUR: ${parsed.error}`)
  return parsed
}

const port = Number(process.env['SANDBOX_PORT'] ?? 8788)
if (!Number.isInteger(port) || port < 0 || port > 65_535) fail('SANDBOX_PORT must be a port number')
const seed = Number(process.env['SANDBOX_SEED'] ?? 1)
if (!Number.isInteger(seed)) fail('SANDBOX_SEED must be an integer')

const server = await startSandboxServer({
  port,
  hostname: process.env['SANDBOX_HOST'] ?? '127.0.0.1',
  seed,
  behaviour: behaviourFromEnvironment(process.env['SANDBOX_BEHAVIOUR']),
  ...(process.env['SANDBOX_CALLBACK_BASE_URL'] && { callbackBaseUrl: process.env['SANDBOX_CALLBACK_BASE_URL'] }),
  log: (line) => console.error(line),
}).catch((error: unknown) => fail(`cannot listen on port ${port}: ${error instanceof Error ? error.message : String(error)}`))
console.log(`Rail sandbox listening on ${server.url} (seed ${seed}); payouts at ${server.url}/_sandbox/payouts`)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0))
  })
}
