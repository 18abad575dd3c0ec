import { Validator, type Schema } from '@cfworker/json-schema'
import { describe, expect, it } from 'vitest'
import { openapiDocument } from './generated/openapi-document.js'
import { compileSchemaCheck } from './schema-check.js'
import { createSpecValidator } from './spec-validator.js'

const defs = {
  Money: { type: 'object', required: ['value', 'currency'], additionalProperties: false, properties: { value: { type: 'string', pattern: '^\\d+(\\.\\d+)?$' }, currency: { type: 'string', pattern: '^[A-Z]{3}$' } } },
  Tree: { type: 'object', properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/$defs/Tree' } } }, additionalProperties: false },
}

/** Each schema with values on both sides of it; the compiled check must agree with the full validator on every one. */
const cases: Array<{ schema: Record<string, unknown>; values: unknown[] }> = [
  { schema: { type: 'integer', minimum: 1, maximum: 100 }, values: [1, 100, 50, 0, 101, 1.5, '5', null, 2.0] },
  { schema: { type: ['string', 'null'], minLength: 2, maxLength: 3 }, values: ['ab', 'abc', 'a', 'abcd', null, 3, '😀😀', '😀', '😀😀😀😀'] },
  { schema: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 }, values: [0.5, 0, 1, -1, 'x'] },
  { schema: { type: 'string', pattern: '^\\p{Lu}{2}$' }, values: ['DE', 'de', 'ÄÖ', 'DEU', ''] },
  { schema: { type: 'string', format: 'date' }, values: ['2026-12-01', '2026-13-01', '01/12/2026', 'x'] },
  { schema: { type: 'string', format: 'date-time' }, values: ['2026-12-01T10:00:00Z', '2026-12-01', 'x'] },
  { schema: { type: 'string', format: 'no-such-format' }, values: ['anything'] },
  { schema: { enum: ['a', 'b', 1, null] }, values: ['a', 'b', 1, null, 'c', '1', 2] },
  { schema: { enum: [{ a: 1 }, [1, 2]] }, values: [{ a: 1 }, [1, 2], { a: 2 }, [2, 1]] },
  { schema: { const: 'x' }, values: ['x', 'y', null] },
  { schema: { $ref: '#/$defs/Money' }, values: [{ value: '1.00', currency: 'USD' }, { value: '1.00' }, { value: '1,00', currency: 'USD' }, { value: '1', currency: 'USD', extra: true }, 'USD', null, []] },
  { schema: { $ref: '#/$defs/Tree' }, values: [{ name: 'a', children: [{ name: 'b', children: [] }] }, { name: 'a', children: [{ name: 1 }] }, { children: [{ x: 1 }] }] },
  { schema: { type: 'object', maxProperties: 2, minProperties: 1, additionalProperties: { type: 'string' } }, values: [{ a: 'x' }, { a: 'x', b: 'y' }, {}, { a: 'x', b: 'y', c: 'z' }, { a: 1 }] },
  { schema: { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false }, values: [{}, { a: 'x' }, { a: 1 }, { b: 'x' }, { a: 'x', b: 'x' }] },
  { schema: { oneOf: [{ type: 'string' }, { type: 'string', maxLength: 1 }, { type: 'number' }] }, values: ['ab', 'a', 1, null] },
  { schema: { anyOf: [{ type: 'string' }, { type: 'number' }] }, values: ['a', 1, null, {}] },
  { schema: { allOf: [{ type: 'string' }, { minLength: 2 }] }, values: ['ab', 'a', 1] },
  { schema: { not: { type: 'string' } }, values: ['a', 1] },
  { schema: { type: 'object', required: ['kind'], allOf: [{ if: { properties: { kind: { const: 'a' } } }, then: { required: ['x'] }, else: { required: ['y'] } }] }, values: [{ kind: 'a', x: 1 }, { kind: 'a', y: 1 }, { kind: 'b', y: 1 }, { kind: 'b', x: 1 }, {}] },
  { schema: { type: 'array', items: { type: 'integer' }, minItems: 1, maxItems: 2 }, values: [[1], [1, 2], [], [1, 2, 3], ['1'], 'x'] },
  { schema: { description: 'only annotations', examples: [1] }, values: [1, 'x', null, {}] },
  { schema: { properties: { '__proto__': { type: 'string' } } }, values: [JSON.parse('{"__proto__": 1}'), JSON.parse('{"__proto__": "x"}'), {}] },
]

describe('compileSchemaCheck', () => {
  it('agrees with the full validator on every value', () => {
    for (const { schema, values } of cases) {
      const check = compileSchemaCheck(schema, defs)
      expect(check, JSON.stringify(schema)).toBeDefined()
      const full = new Validator({ ...schema, $defs: defs } as Schema, '2020-12', false)
      for (const value of values) expect(check!(value), `${JSON.stringify(schema)} on ${JSON.stringify(value)}`).toBe(full.validate(value).valid)
    }
  })

  it('refuses to compile a schema with a keyword it does not implement, or a reference it cannot resolve', () => {
    expect(compileSchemaCheck({ type: 'object', unevaluatedProperties: false }, defs)).toBeUndefined()
    expect(compileSchemaCheck({ properties: { a: { uniqueItems: true } } }, defs)).toBeUndefined()
    expect(compileSchemaCheck({ patternProperties: { '^x': { type: 'string' } }, additionalProperties: false }, defs)).toBeUndefined()
    expect(compileSchemaCheck({ $ref: '#/$defs/Missing' }, defs)).toBeUndefined()
    expect(compileSchemaCheck({ $ref: 'https://example.com/schema' }, defs)).toBeUndefined()
  })

  it('covers every request schema of the spec, so no request takes only the slow path', () => {
    expect(createSpecValidator(openapiDocument).uncompiledRequestSchemas()).toEqual([])
  })
})
