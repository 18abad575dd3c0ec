/**
 * Runtime validation from the OpenAPI document itself, with an interpreting JSON Schema
 * validator (@cfworker/json-schema): no code is generated from strings, so it runs on
 * Cloudflare Workers as on Node. One validator is built per schema on first use.
 */
import { Validator, type OutputUnit, type Schema } from '@cfworker/json-schema'
import { compileSchemaCheck } from './schema-check.js'

type JsonObject = Record<string, unknown>

export interface ValidationFailure {
  ok: false
  /** Dotted path of the offending field (`source_amount`, `beneficiary.account.iban`, `limit`). */
  field: string
  message: string
}
export type ValidationOutcome<T> = { ok: true; value: T } | ValidationFailure

interface ParameterSpec {
  name: string
  in: 'query' | 'path' | 'header' | 'cookie'
  required?: boolean
  schema?: JsonObject
}

export interface RequestParts {
  params: Record<string, string>
  query: Record<string, string | undefined>
  header: (name: string) => string | undefined
  /** Parsed JSON body, `undefined` when the request has none. */
  body: unknown
}

export interface ValidatedRequest {
  query: Record<string, unknown>
  body: unknown
}

export interface SpecValidator {
  validateRequest(operationId: string, request: RequestParts): ValidationOutcome<ValidatedRequest>
  /** Checks a response against the operation's documented statuses and body schema (used by tests). */
  validateResponse(operationId: string, status: number, contentType: string | null, body: unknown): ValidationOutcome<null>
  operationIds(): string[]
  /** The request schemas (body and parameters) whose fast path is not compiled, so every value goes through the full validator. */
  uncompiledRequestSchemas(): string[]
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const

/**
 * A `oneOf` with a discriminator becomes "the discriminator is one of the mapped values, and
 * the object matches the branch it names", so an error names the field inside that branch
 * instead of listing why every other branch did not match.
 */
function discriminated(schema: JsonObject): JsonObject {
  const { oneOf: _oneOf, discriminator, ...rest } = schema
  const { propertyName, mapping } = discriminator as { propertyName: string; mapping: Record<string, string> }
  return {
    ...rest,
    type: 'object',
    required: [propertyName],
    properties: { [propertyName]: { type: 'string', enum: Object.keys(mapping) } },
    allOf: Object.entries(mapping).map(([value, ref]) => ({
      if: { properties: { [propertyName]: { const: value } } },
      then: { $ref: ref },
    })),
  }
}

/** Rewrites `#/components/schemas/X` references to `#/$defs/X` so schemas validate standalone. */
function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs)
  if (value && typeof value === 'object') {
    if ('discriminator' in value && 'oneOf' in value) value = discriminated(value as JsonObject)
    const out: JsonObject = {}
    for (const [key, inner] of Object.entries(value as JsonObject)) {
      out[key] =
        key === '$ref' && typeof inner === 'string'
          ? inner.replace('#/components/schemas/', '#/$defs/')
          : rewriteRefs(inner)
    }
    return out
  }
  return value
}

function pointerToField(instanceLocation: string): string {
  return instanceLocation
    .replace(/^#\/?/, '')
    .split('/')
    .filter(Boolean)
    .map((part) => decodeURIComponent(part.replace(/~1/g, '/').replace(/~0/g, '~')))
    .join('.')
}

/** Picks the most specific error and names the field it concerns. */
function describe(errors: OutputUnit[], prefix: string): ValidationFailure {
  const leaves = errors.filter((e) => !['properties', 'allOf', '$ref', 'items', 'oneOf', 'anyOf', 'if', 'then'].includes(e.keyword))
  const candidates = leaves.length > 0 ? leaves : errors
  const deepest = candidates.reduce((best, e) => (e.instanceLocation.length > best.instanceLocation.length ? e : best))
  let field = pointerToField(deepest.instanceLocation)
  let message: string
  const missing = /required property "([^"]+)"/.exec(deepest.error)
  if (deepest.keyword === 'required' && missing?.[1]) {
    field = field ? `${field}.${missing[1]}` : missing[1]
    message = `${field} is required`
  } else if (['additionalProperties', 'unevaluatedProperties', 'false'].includes(deepest.keyword) || deepest.error.startsWith('False boolean schema')) {
    const extra = /Property "([^"]+)"/.exec(deepest.error)?.[1]
    if (extra && !field.endsWith(extra)) field = field ? `${field}.${extra}` : extra
    message = `${field} is not a recognised field`
  } else {
    message = `${field || prefix} is invalid: ${deepest.error.replace(/^Instance /, 'value ')}`
  }
  const fullField = prefix && field ? `${prefix}.${field}` : field || prefix
  return { ok: false, field: fullField, message }
}

function coerce(raw: string, schema: JsonObject | undefined): unknown {
  const type = schema?.type
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(raw)) return Number(raw)
  if (type === 'boolean' && (raw === 'true' || raw === 'false')) return raw === 'true'
  return raw
}

/**
 * @example
 * const validator = createSpecValidator(openapiDocument)
 * const outcome = validator.validateRequest('createQuote', { params: {}, query: {}, header: () => undefined, body })
 */
export function createSpecValidator(document: Record<string, unknown>, options: { crossCheck?: boolean } = {}): SpecValidator {
  const components = (document.components ?? {}) as JsonObject
  const defs = rewriteRefs(components.schemas ?? {}) as JsonObject
  const componentParameters = (components.parameters ?? {}) as Record<string, ParameterSpec>
  const operations = new Map<string, JsonObject>()
  for (const pathItem of Object.values((document.paths ?? {}) as Record<string, JsonObject>)) {
    const shared = (pathItem.parameters ?? []) as JsonObject[]
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method] as JsonObject | undefined
      if (operation?.operationId) {
        operations.set(String(operation.operationId), {
          ...operation,
          parameters: [...shared, ...((operation.parameters ?? []) as JsonObject[])],
        })
      }
    }
  }
  // Each schema has a compiled yes-or-no check (schema-check.ts) for the common case of a valid
  // value, and the full validator, which alone decides a value the check refuses (and names the
  // field). With `crossCheck` (tests) the full validator also confirms every value the check
  // accepts, so a check more lenient than the spec fails loudly instead of letting input in.
  const validators = new Map<string, { check: ((value: unknown) => boolean) | undefined; full: Validator }>()
  const validatorFor = (key: string, schema: unknown) => {
    let validator = validators.get(key)
    if (!validator) {
      const rewritten = rewriteRefs(schema)
      validator = { check: compileSchemaCheck(rewritten, defs), full: new Validator({ ...(rewritten as Schema), $defs: defs } as Schema, '2020-12', false) }
      validators.set(key, validator)
    }
    return validator
  }
  const validateValue = (key: string, schema: unknown, value: unknown): { valid: boolean; errors: OutputUnit[] } => {
    const { check, full } = validatorFor(key, schema)
    if (check?.(value)) {
      if (options.crossCheck && !full.validate(value).valid) throw new Error(`${key}: the compiled check accepted a value the schema refuses: ${JSON.stringify(value)}`)
      return { valid: true, errors: [] }
    }
    return full.validate(value)
  }
  const operation = (operationId: string): JsonObject => {
    const found = operations.get(operationId)
    if (!found) throw new Error(`unknown operationId ${operationId}`)
    return found
  }
  const resolveParameter = (parameter: JsonObject): ParameterSpec => {
    const ref = parameter.$ref
    if (typeof ref === 'string') {
      const resolved = componentParameters[ref.replace('#/components/parameters/', '')]
      if (!resolved) throw new Error(`unresolved parameter ${ref}`)
      return resolved
    }
    return parameter as unknown as ParameterSpec
  }

  return {
    operationIds: () => [...operations.keys()],
    uncompiledRequestSchemas() {
      const uncompiled: string[] = []
      for (const [operationId, op] of operations) {
        for (const parameter of (op.parameters as JsonObject[]).map(resolveParameter)) {
          if (!validatorFor(`${operationId}:param:${parameter.name}`, parameter.schema ?? {}).check) uncompiled.push(`${operationId}:param:${parameter.name}`)
        }
        const schema = (((op.requestBody as JsonObject | undefined)?.content as JsonObject | undefined)?.['application/json'] as JsonObject | undefined)?.schema
        if (schema && !validatorFor(`${operationId}:body`, schema).check) uncompiled.push(`${operationId}:body`)
      }
      return uncompiled
    },
    validateRequest(operationId, request) {
      const op = operation(operationId)
      const query: Record<string, unknown> = {}
      for (const parameter of (op.parameters as JsonObject[]).map(resolveParameter)) {
        const raw =
          parameter.in === 'query'
            ? request.query[parameter.name]
            : parameter.in === 'path'
              ? request.params[parameter.name]
              : parameter.in === 'header'
                ? request.header(parameter.name)
                : undefined
        if (raw === undefined || raw === '') {
          if (parameter.required) return { ok: false, field: parameter.name, message: `${parameter.name} is required` }
          continue
        }
        const value = coerce(raw, parameter.schema)
        const result = validateValue(`${operationId}:param:${parameter.name}`, parameter.schema ?? {}, value)
        if (!result.valid) {
          const failure = describe(result.errors, parameter.name)
          return { ok: false, field: parameter.name, message: failure.message }
        }
        if (parameter.in === 'query') query[parameter.name] = value
      }
      const requestBody = op.requestBody as JsonObject | undefined
      if (requestBody) {
        const schema = ((requestBody.content as JsonObject)?.['application/json'] as JsonObject | undefined)?.schema
        if (request.body === undefined) {
          if (requestBody.required) return { ok: false, field: 'body', message: 'a JSON request body is required' }
        } else if (schema) {
          const result = validateValue(`${operationId}:body`, schema, request.body)
          if (!result.valid) return describe(result.errors, '')
        }
      }
      return { ok: true, value: { query, body: request.body } }
    },
    validateResponse(operationId, status, contentType, body) {
      const responses = operation(operationId).responses as JsonObject
      let response = (responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default) as
        | JsonObject
        | undefined
      if (!response) return { ok: false, field: 'status', message: `status ${status} is not documented for ${operationId}` }
      if (typeof response.$ref === 'string') {
        response = ((components.responses ?? {}) as JsonObject)[response.$ref.replace('#/components/responses/', '')] as JsonObject
      }
      const content = (response.content ?? {}) as JsonObject
      const mediaType = (contentType ?? '').split(';')[0]!.trim()
      const media = content[mediaType] as JsonObject | undefined
      if (!media) {
        if (Object.keys(content).length === 0 && (body === undefined || body === '')) return { ok: true, value: null }
        return { ok: false, field: 'content-type', message: `${mediaType || 'no content type'} is not documented for ${operationId} ${status}` }
      }
      if (!media.schema) return { ok: true, value: null }
      const result = validateValue(`${operationId}:response:${status}:${mediaType}`, media.schema, body)
      return result.valid ? { ok: true, value: null } : describe(result.errors, '')
    },
  }
}
