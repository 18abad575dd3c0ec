/**
 * Test helpers for the ledger: the databases to run against (in-memory PGlite always, the run's
 * PostgreSQL database when the global setup provides one) and a few shorthands.
 */
import { connectDatabase } from '../db/connect.js'
import type { DatabaseConnection } from '../db/database.js'
import { migrateDatabase } from '../db/migrate.js'
import { randomBase62 } from '../lib/crypto.js'
import type { AccountKey } from './ledger-types.js'

export interface LedgerTestDatabase {
  name: 'PGlite' | 'PostgreSQL'
  /** Opens a connection; PGlite is fresh and migrated, PostgreSQL is the shared, migrated run database. */
  open(poolSize?: number): Promise<DatabaseConnection>
}

/**
 * @example
 * describe.each(ledgerTestDatabases(inject('testDatabaseUrl')))('ledger on $name', ({ open }) => { … })
 */
export function ledgerTestDatabases(postgresUrl: string | undefined): LedgerTestDatabase[] {
  const pglite: LedgerTestDatabase = {
    name: 'PGlite',
    async open() {
      const connection = await connectDatabase('memory://')
      await migrateDatabase(connection)
      return connection
    },
  }
  if (!postgresUrl) return [pglite]
  return [pglite, { name: 'PostgreSQL', open: (poolSize = 10) => connectDatabase(postgresUrl, { poolSize }) }]
}

/** An owner id no other test uses (the PostgreSQL database is shared by every test file). */
export const uniqueId = (prefix: string) => `${prefix}_test_${randomBase62(12)}`

/** @example merchantBalanceKey('mer_…', 'USD') */
export const merchantBalanceKey = (merchantId: string, currency: string): AccountKey => ({
  ownerType: 'merchant',
  ownerId: merchantId,
  currency,
  purpose: 'merchant_balance',
})
