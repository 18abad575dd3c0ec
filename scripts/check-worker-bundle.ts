/**
 * The Worker bundle's budgets, checked in CI after `scripts/build-worker.ts`:
 * - size: under 1 MiB gzip (Cloudflare's limit for a Worker on the free plan);
 * - imports: nothing Node-only. The only runtime imports left in the bundle are the ones listed
 *   in `allowedRuntimeImports` (what postgres.js's Cloudflare build needs, all provided by
 *   `nodejs_compat` or by workerd), and no module of the Node side (PGlite, node-cron, the
 *   migrator, the CLI) is bundled;
 * - no code generated from strings at run time (`eval`, `new Function`): workerd refuses it, and
 *   the edge tests run the bundle there to prove the request validator does not need it.
 *
 * Usage: `npm run build:worker` (builds, then runs this), or `tsx scripts/check-worker-bundle.ts`
 * on an existing build. Exits 1 with every problem listed.
 */
import { existsSync, readFileSync } from 'node:fs'
import { relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import { gzipSync } from 'node:zlib'
import type { Metafile } from 'esbuild'
import { repoRoot, workerBundleName, workerOutDir } from './build-worker.js'

export const GZIP_BUDGET_BYTES = 1024 * 1024

/** Every import the bundle may leave to the runtime, and why. Anything else fails the check. */
export const allowedRuntimeImports: Readonly<Record<string, string>> = {
  'cloudflare:sockets': 'postgres.js opens its TCP connections with connect()',
  'node:buffer': 'postgres.js (Buffer), provided by nodejs_compat',
  'node:events': 'postgres.js (EventEmitter), provided by nodejs_compat',
  'node:stream': 'postgres.js (streams for COPY and large objects), provided by nodejs_compat',
}

/** Bundled files that would mean Node-only code leaked into the Worker. */
const forbiddenInputs: ReadonlyArray<[RegExp, string]> = [
  [/node_modules\/@electric-sql\//, 'PGlite is the embedded database of the Node server only'],
  [/node_modules\/node-cron\//, 'node-cron is the Node scheduler; the Worker uses cron triggers'],
  [/node_modules\/@hono\/node-server\//, 'the Node HTTP adapter'],
  [/node_modules\/postgres\/(src|cjs)\//, "postgres.js's Node build (expected its cf/ build through the workerd condition)"],
  [/^src\/db\/connect\.ts$/, 'connect.ts opens PGlite; the Worker imports connect-postgres.ts'],
  [/^src\/db\/migrate\.ts$/, 'migrations run from Node, never from the Worker'],
  [/^src\/(server|cli\/.*)\.ts$/, 'Node entry points'],
  [/^jobs\/node-scheduler\.ts$/, 'the node-cron runner'],
]

/** Code generation from strings: `eval(…)`, `new Function(…)`, or `Function(…)` called bare. */
const codeGeneration: ReadonlyArray<[RegExp, string]> = [
  [/(?<![\w$.])eval\s*\(/g, 'eval('],
  [/\bnew\s+Function\s*\(/g, 'new Function('],
  [/(?<![\w$.]|new\s)Function\s*\(/g, 'Function('],
]

export interface BundleReport {
  bundleBytes: number
  gzipBytes: number
  runtimeImports: string[]
  problems: string[]
}

/**
 * @example
 * const report = checkWorkerBundle(readFileSync('dist/worker/worker.js', 'utf8'), metafile)
 * if (report.problems.length > 0) throw new Error(report.problems.join('\n'))
 */
export function checkWorkerBundle(bundle: string, metafile: Metafile): BundleReport {
  const problems: string[] = []

  const gzipBytes = gzipSync(bundle).length
  if (gzipBytes >= GZIP_BUDGET_BYTES) {
    problems.push(`size: ${kib(gzipBytes)} gzip is over the ${kib(GZIP_BUDGET_BYTES)} budget`)
  }

  const runtimeImports = new Set<string>()
  for (const [input, { imports }] of Object.entries(metafile.inputs)) {
    for (const imported of imports) {
      if (!imported.external) continue
      runtimeImports.add(imported.path)
      if (!(imported.path in allowedRuntimeImports)) {
        problems.push(`import: ${input} imports "${imported.path}", which is not on the Worker's allow-list (Node-only?)`)
      }
    }
    for (const [pattern, why] of forbiddenInputs) {
      if (pattern.test(input)) problems.push(`import graph: ${input} is bundled: ${why}`)
    }
  }

  const lines = bundle.split('\n')
  for (const [pattern, name] of codeGeneration) {
    lines.forEach((line, index) => {
      for (const match of line.matchAll(pattern)) {
        const at = match.index ?? 0
        problems.push(`code generation: ${name} at ${workerBundleName}:${index + 1}: …${line.slice(Math.max(0, at - 60), at + 40).trim()}…`)
      }
    })
  }

  return { bundleBytes: Buffer.byteLength(bundle), gzipBytes, runtimeImports: [...runtimeImports].sort(), problems }
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`
}

/** Reads the last build's bundle and metafile, failing with the command to run when there is none. */
export function readWorkerBuild(outDir = workerOutDir): { bundle: string; metafile: Metafile } {
  const bundlePath = `${outDir}/${workerBundleName}`
  const metafilePath = `${outDir}/meta.json`
  if (!existsSync(bundlePath) || !existsSync(metafilePath)) {
    throw new Error(`no Worker build in ${relative(repoRoot, outDir)}/: run \`npm run build:worker\` first`)
  }
  return { bundle: readFileSync(bundlePath, 'utf8'), metafile: JSON.parse(readFileSync(metafilePath, 'utf8')) as Metafile }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { bundle, metafile } = readWorkerBuild()
  const report = checkWorkerBundle(bundle, metafile)
  const where = `${relative(repoRoot, workerOutDir)}/${workerBundleName}`
  console.log(`${where}: ${kib(report.bundleBytes)}, ${kib(report.gzipBytes)} gzip (budget ${kib(GZIP_BUDGET_BYTES)} gzip)`)
  console.log(`runtime imports: ${report.runtimeImports.join(', ') || 'none'}`)
  if (report.problems.length > 0) {
    console.error(`\nThe Worker bundle breaks ${report.problems.length} budget rule(s):`)
    for (const problem of report.problems) console.error(`  - ${problem}`)
    process.exit(1)
  }
  console.log('Worker bundle within budget: size, imports, no code generation from strings')
}
