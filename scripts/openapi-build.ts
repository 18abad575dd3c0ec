/**
 * Generates the committed artefacts derived from `openapi/openapi.yaml`:
 * - `src/api/generated/openapi-types.ts`: TypeScript types (openapi-typescript);
 * - `src/api/generated/openapi-document.ts`: the document as data and its YAML text, so the
 *   runtime validator and `GET /openapi.yaml` need no file system (Cloudflare Workers).
 *
 * With `--check` nothing is written; the script exits 1 when a committed file is stale.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import openapiTS, { astToString } from 'openapi-typescript'
import { parse } from 'yaml'

const root = new URL('../', import.meta.url)
const specPath = new URL('openapi/openapi.yaml', root)
const typesPath = new URL('src/api/generated/openapi-types.ts', root)
const documentPath = new URL('src/api/generated/openapi-document.ts', root)
const banner = '// Generated from openapi/openapi.yaml by `npm run openapi:types`. Do not edit.\n'

const yamlText = await readFile(specPath, 'utf8')
const document: unknown = parse(yamlText)

const typesSource = banner + astToString(await openapiTS(specPath, { alphabetize: false }))
const documentSource =
  banner +
  `export const openapiYaml: string = ${JSON.stringify(yamlText)}\n\n` +
  `export const openapiDocument: Record<string, unknown> = ${JSON.stringify(document, null, 2)}\n`

const outputs: Array<[URL, string]> = [
  [typesPath, typesSource],
  [documentPath, documentSource],
]

if (process.argv.includes('--check')) {
  let stale = false
  for (const [path, expected] of outputs) {
    const current = await readFile(path, 'utf8').catch(() => '')
    if (current !== expected) {
      console.error(`stale: ${fileURLToPath(path)} (run npm run openapi:types)`)
      stale = true
    }
  }
  if (stale) process.exit(1)
  console.log('OpenAPI artefacts are fresh')
} else {
  for (const [path, content] of outputs) await writeFile(path, content)
  console.log('OpenAPI artefacts written')
}
