/**
 * Checks every response a test sees against the OpenAPI document: the status must be documented
 * for the operation and the body must match its schema. A test fails on any mismatch.
 */
import { openapiDocument } from '../../src/api/generated/openapi-document.js'
import { createSpecValidator } from '../../src/api/spec-validator.js'

// Cross-checked: every value the compiled checks accept is confirmed by the full validator.
export const specValidator = createSpecValidator(openapiDocument, { crossCheck: true })

interface Route {
  method: string
  pattern: RegExp
  operationId: string
}

const routes: Route[] = []
for (const [path, item] of Object.entries(openapiDocument.paths as Record<string, Record<string, { operationId?: string }>>)) {
  for (const [method, operation] of Object.entries(item)) {
    if (!operation?.operationId) continue
    const pattern = new RegExp(`^${path.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`)
    routes.push({ method: method.toUpperCase(), pattern, operationId: operation.operationId })
  }
}

/** The operation a request hits, or undefined for a path or method the spec does not have. */
export function operationFor(method: string, path: string): string | undefined {
  return routes.find((route) => route.method === method.toUpperCase() && route.pattern.test(path))?.operationId
}

export class SpecViolation extends Error {
  override name = 'SpecViolation'
}

/** Throws `SpecViolation` when the response is not what the spec documents. */
export async function assertResponseMatchesSpec(method: string, url: string, response: Response): Promise<void> {
  const path = new URL(url, 'http://localhost').pathname
  const contentType = response.headers.get('content-type')
  const text = await response.clone().text()
  const body = contentType?.includes('json') ? (JSON.parse(text) as unknown) : text
  const operationId = operationFor(method, path)
  if (!operationId) {
    // Outside the spec's operations only the error shape may answer (404, 405, 401 on /v1/*).
    if (![401, 404, 405, 413].includes(response.status)) {
      throw new SpecViolation(`${method} ${path} → ${response.status}: not an operation of the spec`)
    }
    const outcome = specValidator.validateResponse('getQuote', 404, contentType, body)
    if (!outcome.ok) throw new SpecViolation(`${method} ${path} → ${response.status}: ${outcome.field}: ${outcome.message}`)
    return
  }
  const outcome = specValidator.validateResponse(operationId, response.status, contentType, body)
  if (!outcome.ok) {
    throw new SpecViolation(`${operationId} ${method} ${path} → ${response.status}: ${outcome.field}: ${outcome.message}\n${text.slice(0, 500)}`)
  }
}
