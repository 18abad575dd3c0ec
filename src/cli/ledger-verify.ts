/**
 * `npm run ledger:verify`: checks every ledger invariant on the configured database (entries
 * balance per currency, balances equal their postings, no merchant balance below zero, posting
 * and account currencies agree, no entry without postings). Prints each violation and exits 1
 * when there is any; prints a one-line summary and exits 0 when the ledger is clean.
 */
import { createLedgerService } from '../ledger/ledger-service.js'
import { describeDatabase, openServices } from './open-services.js'

const { config, connection, deps } = await openServices()

/** Verifies the ledger and reports it; returns the process exit code. */
async function verify(): Promise<number> {
  const ledger = createLedgerService({ db: connection.db, ids: deps.ids, clock: deps.clock })
  const { violations, checked } = await ledger.verifyReport()
  const scope = `${checked.accounts} accounts, ${checked.entries} journal entries, ${checked.postings} postings checked in ${describeDatabase(config)}`
  if (violations.length === 0) {
    console.log(`ledger clean: ${scope}`)
    return 0
  }
  for (const violation of violations) console.error(`${violation.invariant}: ${violation.message}`)
  console.error(`ledger NOT clean: ${violations.length} violation(s); ${scope}`)
  return 1
}

let exitCode: number
try {
  exitCode = await verify()
} finally {
  await connection.close()
}
process.exit(exitCode)
