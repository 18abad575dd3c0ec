/**
 * Reads wrangler.toml for the tests: the unit test that keeps its crons in step with the job
 * definitions, and the edge suite, which runs workerd with the same compatibility date, flags
 * and vars as a deployment.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'smol-toml'
import { repoRoot } from '../../scripts/build-worker.js'

export interface WranglerConfig {
  main: string
  compatibilityDate: string
  compatibilityFlags: string[]
  vars: Record<string, string>
  crons: string[]
  hyperdriveBindings: string[]
}

/** One deployment's view: the top level, or a named `[env.NAME]` with wrangler's inheritance. */
export interface WranglerEnvironment {
  name: string
  vars: Record<string, string>
  crons: string[]
}

type Table = Record<string, unknown>

const table = (value: unknown): Table => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Table) : {})
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : [])
const vars = (value: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries(table(value)).map(([name, inner]) => [name, String(inner)]))

export function readWranglerToml(path = join(repoRoot, 'wrangler.toml')): Table {
  return parse(readFileSync(path, 'utf8')) as Table
}

/** @example const { compatibilityDate, crons } = readWranglerConfig() */
export function readWranglerConfig(toml: Table = readWranglerToml()): WranglerConfig {
  return {
    main: String(toml.main ?? ''),
    compatibilityDate: String(toml.compatibility_date ?? ''),
    compatibilityFlags: strings(toml.compatibility_flags),
    vars: vars(toml.vars),
    crons: strings(table(toml.triggers).crons),
    hyperdriveBindings: (Array.isArray(toml.hyperdrive) ? toml.hyperdrive : []).map((binding) => String(table(binding).binding)),
  }
}

/**
 * The top level and every `[env.NAME]`: `triggers` are inherited by an environment that does not
 * set its own, `vars` are not (as wrangler does it).
 */
export function wranglerEnvironments(toml: Table = readWranglerToml()): WranglerEnvironment[] {
  const top = readWranglerConfig(toml)
  const environments: WranglerEnvironment[] = [{ name: '(top level)', vars: top.vars, crons: top.crons }]
  for (const [name, value] of Object.entries(table(toml.env))) {
    const environment = table(value)
    const triggers = environment.triggers === undefined ? undefined : table(environment.triggers)
    environments.push({ name, vars: vars(environment.vars), crons: triggers ? strings(triggers.crons) : top.crons })
  }
  return environments
}
