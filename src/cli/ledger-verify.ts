/**
 * `npm run ledger:verify`: checks every ledger invariant on the configured database (entries
 * balance per currency, balances equal their postings, no merchant balance below zero, posting
 * and account currencies agree, no entry without postings), and that every payment event and
 * attempt names a payment that exists. Prints each violation and exits 1 when there is any;
 * prints a one-line summary and exits 0 when the ledger is clean.
 */
import { createLedgerService } from '../ledger/ledger-service.js'
import { verifyPaymentRecords } from '../payments/payment-verify.js'
import { describeDatabase, openServices } from './open-services.js'

const { config, connection, deps } = await openServices()

/** Verifies the ledger and reports it; returns the process exit code. */
async function verify(): Promise<number> {
  const ledger = createLedgerService({ db: connection.db, ids: deps.ids, clock: deps.clock })
  // One snapshot for all the checks, so concurrent payments cannot fake a violation.
  const [report, records] = await connection.db.transaction(async (tx) => [await ledger.verifyReport(tx), await verifyPaymentRecords(tx)] as const, {
    isolationLevel: 'repeatable read',
    accessMode: 'read only',
  })
  const violations = [...report.violations, ...records.violations]
  const { checked } = report
  const scope = `${checked.accounts} accounts, ${checked.entries} journal entries, ${checked.postings} postings, ${records.checked.payments} payments, ${records.checked.events} payment events, ${records.checked.attempts} attempts checked in ${describeDatabase(config)}`
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
