/**
 * The budget check on the bundle the suite runs in workerd, and on small made-up bundles that
 * break each rule, so a check that silently passes everything cannot go unnoticed.
 */
import { randomBytes } from 'node:crypto'
import type { Metafile } from 'esbuild'
import { describe, expect, it } from 'vitest'
import { checkWorkerBundle, GZIP_BUDGET_BYTES, readWorkerBuild } from '../../scripts/check-worker-bundle.js'
import { edge } from './edge-client.js'

function metafileOf(inputs: Record<string, string[]>): Metafile {
  return {
    inputs: Object.fromEntries(
      Object.entries(inputs).map(([path, imports]) => [
        path,
        { bytes: 1, imports: imports.map((imported) => ({ path: imported, kind: 'import-statement' as const, external: true })) },
      ]),
    ),
    outputs: {},
  }
}

describe('Worker bundle budgets', () => {
  it('the built bundle is within them', () => {
    const { bundle, metafile } = readWorkerBuild()
    const report = checkWorkerBundle(bundle, metafile)
    console.log(`Worker bundle: ${(report.bundleBytes / 1024).toFixed(1)} KiB, ${(report.gzipBytes / 1024).toFixed(1)} KiB gzip`)
    expect(report.problems).toEqual([])
    expect(report.gzipBytes).toBe(edge().gzipBytes)
    expect(report.gzipBytes).toBeLessThan(GZIP_BUDGET_BYTES)
    expect(report.runtimeImports).toEqual(['cloudflare:sockets', 'node:buffer', 'node:events', 'node:stream'])
  })

  it('flags Node-only imports and bundled Node-side modules', () => {
    const report = checkWorkerBundle(
      'export default {}',
      metafileOf({
        'src/worker.ts': ['node:fs', 'crypto'],
        'node_modules/@electric-sql/pglite/dist/index.js': [],
        'node_modules/node-cron/dist/esm/node-cron.js': [],
        'src/db/connect.ts': [],
      }),
    )
    expect(report.problems).toEqual([
      expect.stringContaining('"node:fs"'),
      expect.stringContaining('"crypto"'),
      expect.stringContaining('PGlite'),
      expect.stringContaining('node-cron'),
      expect.stringContaining('connect.ts'),
    ])
  })

  it('flags code generation from strings, and not look-alikes', () => {
    const bundle = ['const a = eval("1")', 'const f = new Function("return 1")', 'const g = Function("x", "return x")', 'obj.eval(x); isFunction(y); myeval(z)'].join('\n')
    const report = checkWorkerBundle(bundle, metafileOf({}))
    expect(report.problems).toEqual([
      expect.stringMatching(/eval\( at worker\.js:1/),
      expect.stringMatching(/new Function\( at worker\.js:2/),
      expect.stringMatching(/Function\( at worker\.js:3/),
    ])
  })

  it('flags a bundle over 1 MiB gzip', () => {
    // Random bytes do not compress: base64 of 1.5 MiB of them gzips to about 1.5 MiB.
    const random = randomBytes(1536 * 1024).toString('base64')
    const report = checkWorkerBundle(`export const blob = "${random}"`, metafileOf({}))
    expect(report.problems).toEqual([expect.stringMatching(/^size: .* gzip is over the 1024\.0 KiB budget/)])
  })
})
