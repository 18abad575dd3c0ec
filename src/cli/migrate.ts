/** `npm run db:migrate`: applies the committed migrations to `DATABASE_URL` (or the embedded database). */
import { migrateDatabase } from '../db/migrate.js'
import { describeDatabase, openServices } from './open-services.js'

const { config, connection } = await openServices()
await migrateDatabase(connection)
console.log(`migrated ${describeDatabase(config)}`)
await connection.close()
