/**
 * A yes-or-no check of a JSON value against a JSON Schema (2020-12), compiled once into
 * closures: the fast path of request validation. It answers only "valid or not", with no error
 * locations, and it knows only the keywords the API's spec uses; a schema with any other keyword
 * is refused at compile time (`undefined`), and the caller validates with the full validator.
 * Its verdicts follow @cfworker/json-schema's (the full validator the spec validator keeps for
 * error messages): same type rules, string lengths in code points, patterns with the `u` flag,
 * the same format checks, strict equality for enum and const.
 */
import { deepCompareStrict, format as formats, ucs2length } from '@cfworker/json-schema'

type Check = (value: unknown) => boolean
type JsonObject = Record<string, unknown>

/** Keywords that only annotate: they never change a verdict. */
const ANNOTATIONS = new Set(['description', 'examples', 'example', 'title', 'default', 'deprecated', 'readOnly', 'writeOnly', '$comment', 'externalDocs'])

class Unsupported extends Error {}

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value)
const hasOwn = (value: object, key: string) => Object.prototype.hasOwnProperty.call(value, key)

function typeOf(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  return typeof value
}

function typeMatches(value: unknown, type: string): boolean {
  if (type === 'integer') return typeof value === 'number' && value % 1 === 0 && value === value
  return typeOf(value) === type
}

/**
 * Compiles `schema`, whose `$ref`s point into `#/$defs/…` of `defs`; `undefined` when the schema
 * (or anything it references) uses a keyword this check does not implement.
 *
 * @example const check = compileSchemaCheck({ type: 'string', maxLength: 3 }, {}); check('abc') // true
 */
export function compileSchemaCheck(schema: unknown, defs: JsonObject): Check | undefined {
  const compiledDefs = new Map<string, Check>()
  const compileRef = (ref: string): Check => {
    const name = /^#\/\$defs\/([^/]+)$/.exec(ref)?.[1]
    if (name === undefined || !hasOwn(defs, name)) throw new Unsupported(`$ref ${ref}`)
    let check = compiledDefs.get(name)
    if (!check) {
      // Set before compiling, so a schema that refers to itself compiles (and runs) lazily.
      const compiled: { check?: Check } = {}
      check = (value) => compiled.check!(value)
      compiledDefs.set(name, check)
      compiled.check = compile(defs[name])
    }
    return check
  }

  const compile = (node: unknown): Check => {
    if (node === true) return () => true
    if (node === false) return () => false
    if (!isObject(node)) throw new Unsupported('schema is not an object')
    const checks: Check[] = []
    const objectChecks: Array<(value: JsonObject) => boolean> = []
    const stringChecks: Array<(value: string) => boolean> = []
    const numberChecks: Array<(value: number) => boolean> = []
    const arrayChecks: Array<(value: unknown[]) => boolean> = []
    for (const [keyword, argument] of Object.entries(node)) {
      if (ANNOTATIONS.has(keyword)) continue
      switch (keyword) {
        case '$ref': {
          const check = compileRef(String(argument))
          checks.push(check)
          break
        }
        case '$defs':
          break // reached only through $ref
        case 'type': {
          const types = Array.isArray(argument) ? argument.map(String) : [String(argument)]
          checks.push((value) => types.some((type) => typeMatches(value, type)))
          break
        }
        case 'enum': {
          const options = argument as unknown[]
          const primitive = options.every((option) => typeof option !== 'object' || option === null)
          checks.push(primitive ? (value) => options.includes(value) : (value) => options.some((option) => deepCompareStrict(value, option)))
          break
        }
        case 'const':
          checks.push(typeof argument === 'object' && argument !== null ? (value) => deepCompareStrict(value, argument) : (value) => value === argument)
          break
        case 'allOf': {
          const all = (argument as unknown[]).map(compile)
          checks.push((value) => all.every((check) => check(value)))
          break
        }
        case 'anyOf': {
          const any = (argument as unknown[]).map(compile)
          checks.push((value) => any.some((check) => check(value)))
          break
        }
        case 'oneOf': {
          const one = (argument as unknown[]).map(compile)
          checks.push((value) => {
            let matched = 0
            for (const check of one) if (check(value) && ++matched > 1) return false
            return matched === 1
          })
          break
        }
        case 'not': {
          const check = compile(argument)
          checks.push((value) => !check(value))
          break
        }
        case 'if': {
          const condition = compile(argument)
          const then = node.then === undefined ? undefined : compile(node.then)
          const otherwise = node.else === undefined ? undefined : compile(node.else)
          checks.push((value) => (condition(value) ? (then ? then(value) : true) : otherwise ? otherwise(value) : true))
          break
        }
        case 'then':
        case 'else':
          break // compiled with `if`; without an `if` they do nothing
        case 'required': {
          const keys = (argument as unknown[]).map(String)
          objectChecks.push((value) => keys.every((key) => hasOwn(value, key)))
          break
        }
        case 'properties': {
          const properties = Object.entries(argument as JsonObject).map(([key, sub]) => [key, compile(sub)] as const)
          objectChecks.push((value) => properties.every(([key, check]) => !hasOwn(value, key) || check(value[key])))
          break
        }
        case 'additionalProperties': {
          if (node.patternProperties !== undefined) throw new Unsupported('patternProperties')
          const known = new Set(isObject(node.properties) ? Object.keys(node.properties) : [])
          const check = compile(argument)
          objectChecks.push((value) => {
            for (const key in value) if (!known.has(key) && !check(value[key])) return false
            return true
          })
          break
        }
        case 'minProperties':
          objectChecks.push((value) => Object.keys(value).length >= Number(argument))
          break
        case 'maxProperties':
          objectChecks.push((value) => Object.keys(value).length <= Number(argument))
          break
        case 'items': {
          const check = compile(argument)
          arrayChecks.push((value) => value.every((item) => check(item)))
          break
        }
        case 'minItems':
          arrayChecks.push((value) => value.length >= Number(argument))
          break
        case 'maxItems':
          arrayChecks.push((value) => value.length <= Number(argument))
          break
        case 'minLength':
          stringChecks.push((value) => ucs2length(value) >= Number(argument))
          break
        case 'maxLength':
          stringChecks.push((value) => ucs2length(value) <= Number(argument))
          break
        case 'pattern': {
          const pattern = new RegExp(String(argument), 'u')
          stringChecks.push((value) => pattern.test(value))
          break
        }
        case 'format': {
          // An unknown format is an annotation, as for the full validator.
          const test = (formats as Record<string, ((value: string) => boolean) | undefined>)[String(argument)]
          if (test) stringChecks.push((value) => test(value))
          break
        }
        case 'minimum':
          numberChecks.push((value) => value >= Number(argument))
          break
        case 'maximum':
          numberChecks.push((value) => value <= Number(argument))
          break
        case 'exclusiveMinimum':
          numberChecks.push((value) => value > Number(argument))
          break
        case 'exclusiveMaximum':
          numberChecks.push((value) => value < Number(argument))
          break
        default:
          throw new Unsupported(keyword)
      }
    }
    if (objectChecks.length > 0) checks.push((value) => !isObject(value) || objectChecks.every((check) => check(value)))
    if (stringChecks.length > 0) checks.push((value) => typeof value !== 'string' || stringChecks.every((check) => check(value)))
    if (numberChecks.length > 0) checks.push((value) => typeof value !== 'number' || numberChecks.every((check) => check(value)))
    if (arrayChecks.length > 0) checks.push((value) => !Array.isArray(value) || arrayChecks.every((check) => check(value)))
    if (checks.length === 0) return () => true
    if (checks.length === 1) return checks[0]!
    return (value) => checks.every((check) => check(value))
  }

  try {
    return compile(schema)
  } catch (error) {
    if (error instanceof Unsupported) return undefined
    throw error
  }
}
