/**
 * PostgreSQL array literals for batched statements. A batch passes each column as one array
 * parameter (`unnest($1::text[], $2::bigint[], …)`) instead of one parameter per row and
 * column, so the statement's text, and so its server-side plan, is the same for every batch
 * size: prepared once per connection, not once per size.
 */
import { sql, type SQL } from 'drizzle-orm'

export type ArrayElement = string | number | bigint | boolean | null

// Plain string searches (faster in V8 than a character-class pattern); the backslashes first,
// so the ones that escape the quotes are not doubled.
const quote = (value: string) => {
  const escaped = value.includes('\\') ? value.replaceAll('\\', '\\\\') : value
  return `"${escaped.includes('"') ? escaped.replaceAll('"', '\\"') : escaped}"`
}

/**
 * The text form of a one-dimensional array, every element quoted (so commas, braces, quotes,
 * backslashes and the word NULL in a string survive) and `null` as SQL NULL. Cast it on the
 * server: `${pgArray(ids)}::text[]`.
 *
 * @example pgArray(['a', 'b"c', null]) // '{"a","b\\"c",NULL}'
 */
export function pgArray(values: readonly ArrayElement[]): string {
  let literal = '{'
  for (let index = 0; index < values.length; index++) {
    const value = values[index]
    if (index > 0) literal += ','
    literal += value === null ? 'NULL' : quote(String(value))
  }
  return `${literal}}`
}

/**
 * `unnest(…) as alias (columns)` over the given columns, for a statement whose text is built
 * once (`preparedStatement`): each column is one array parameter, the placeholder
 * `alias.column` cast to the column's type, filled per execution with `unnestValues(alias, …)`.
 *
 * @example
 * const insert = preparedStatement('t_insert', sql`insert into t (id, n) select id, n from ${unnestPlaceholders('v', { id: 'text', n: 'int' })}`)
 * await insert(db, unnestValues('v', { id: ids, n: counts }))
 */
export function unnestPlaceholders(alias: string, columns: Record<string, string>): SQL {
  const entries = Object.entries(columns)
  const arrays = sql.join(
    entries.map(([name, type]) => sql`${sql.placeholder(`${alias}.${name}`)}::${sql.raw(type)}[]`),
    sql`, `,
  )
  return sql`unnest(${arrays}) as ${sql.raw(alias)} (${sql.raw(entries.map(([name]) => name).join(', '))})`
}

/** The values of `unnestPlaceholders(alias, …)`: one array literal per column, every column one element per row. */
export function unnestValues(alias: string, columns: Record<string, readonly ArrayElement[]>): Record<string, string> {
  const values: Record<string, string> = {}
  for (const [name, elements] of Object.entries(columns)) values[`${alias}.${name}`] = pgArray(elements)
  return values
}
