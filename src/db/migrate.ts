/** Node-only: applies the committed drizzle-kit migrations in `drizzle/`. */
import { fileURLToPath } from 'node:url'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import type { PgliteDatabase } from 'drizzle-orm/pglite'
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator'
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js'
import type { DatabaseConnection } from './database.js'
import type * as schema from './schema.js'

export const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url))

/** @example await migrateDatabase(await connectDatabase(process.env.DATABASE_URL)) */
export async function migrateDatabase(connection: DatabaseConnection): Promise<void> {
  if (connection.kind === 'pglite') {
    await migratePglite(connection.db as PgliteDatabase<typeof schema>, { migrationsFolder })
  } else {
    await migratePostgres(connection.db as PostgresJsDatabase<typeof schema>, { migrationsFolder })
  }
}
