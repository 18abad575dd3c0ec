/**
 * Bundles the Cloudflare Worker (`src/worker.ts`) into `dist/worker/worker.js` with esbuild,
 * the file `wrangler deploy` uploads as it is (`no_bundle = true` in wrangler.toml), so what
 * the budgets and the edge tests check is what ships. Also writes esbuild's metafile
 * (`dist/worker/meta.json`), which `scripts/check-worker-bundle.ts` reads to prove the import
 * graph holds nothing Node-only.
 *
 * Usage: `npm run build:worker` (builds, then checks the budgets).
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { builtinModules } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build, type Metafile, type Plugin } from 'esbuild'

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')
export const workerOutDir = join(repoRoot, 'dist/worker')
export const workerBundleName = 'worker.js'

export interface WorkerBuild {
  bundlePath: string
  metafilePath: string
  metafile: Metafile
}

const builtins = new Set(builtinModules.filter((name) => !name.startsWith('_')))

/**
 * Leaves every Node built-in (`node:fs`, or a bare `fs`) unbundled instead of failing the build,
 * so the bundle check can list each offender with the file that imports it. Whether an import
 * may stay is the check's decision, not the build's.
 */
const nodeBuiltinsExternal: Plugin = {
  name: 'node-builtins-external',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^(node:)?[a-z_/]+$/ }, (args) => {
      const name = args.path.replace(/^node:/, '')
      if (args.path.startsWith('node:') || builtins.has(name)) return { path: args.path, external: true }
      return undefined
    })
  },
}

/**
 * @example
 * const { bundlePath } = await buildWorker()
 * const { bundlePath: scratch } = await buildWorker({ outDir: '/tmp/corridor-worker' })
 */
export async function buildWorker(options: { outDir?: string } = {}): Promise<WorkerBuild> {
  const outDir = options.outDir ?? workerOutDir
  await mkdir(outDir, { recursive: true })
  const bundlePath = join(outDir, workerBundleName)
  const result = await build({
    absWorkingDir: repoRoot,
    entryPoints: [join(repoRoot, 'src/worker.ts')],
    outfile: bundlePath,
    bundle: true,
    format: 'esm',
    // Neutral platform plus the workerd/worker/browser conditions: postgres.js then resolves to
    // its Cloudflare build, which opens sockets through `cloudflare:sockets`.
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['module', 'main'],
    target: 'es2022',
    external: ['cloudflare:*'],
    plugins: [nodeBuiltinsExternal],
    sourcemap: 'external',
    metafile: true,
    logLevel: 'warning',
  })
  const metafilePath = join(outDir, 'meta.json')
  await writeFile(metafilePath, JSON.stringify(result.metafile, null, 1))
  return { bundlePath, metafilePath, metafile: result.metafile }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { bundlePath } = await buildWorker()
  console.log(`built ${bundlePath.replace(`${repoRoot}/`, '')}`)
}
