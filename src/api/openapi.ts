/**
 * The bridge between the generated OpenAPI types and handlers: request and response body
 * types named by operationId, so a handler's output is checked against the spec at compile time.
 *
 * @example
 * return c.json(body satisfies ResponseBody<'createQuote', 201>, 201)
 */
import type { components, operations } from './generated/openapi-types.js'

export type OperationId = keyof operations

export type RequestBody<Op extends OperationId> = operations[Op] extends {
  requestBody?: { content: { 'application/json': infer Body } }
}
  ? Body
  : never

export type ResponseBody<Op extends OperationId, Status extends number> = operations[Op]['responses'] extends Record<
  Status,
  { content: { 'application/json': infer Body } }
>
  ? Body
  : never

export type Schemas = components['schemas']
export type ErrorCode = Schemas['Error']['error']['code']
