/**
 * `npm run ledger:deposit -- <merchant_id> <CURRENCY> <amount> [reference]`: credits a
 * merchant's balance as a received bank transfer would (bank_deposits −, merchant_balance +).
 * The amount is a decimal string in major units (`1000.00`). The reference makes it idempotent:
 * running the same command again credits nothing; without one, a reference is generated and
 * printed. Exits 2 on bad input, 1 on an unexpected failure.
 */
import { eq } from 'drizzle-orm'
import { merchants } from '../db/schema.js'
import { createLedgerService } from '../ledger/ledger-service.js'
import { formatMinor, parseAmount, toMinor, type ParseAmountFailure } from '../money/money.js'
import { describeDatabase, openServices } from './open-services.js'

const USAGE = 'usage: npm run ledger:deposit -- <merchant_id> <CURRENCY> <amount, e.g. 1000.00> [reference]'

const AMOUNT_PROBLEMS: Record<ParseAmountFailure, string> = {
  not_a_string: 'the amount is missing',
  malformed: 'the amount must be a plain decimal such as 1000.00 (no sign, spaces, grouping or leading zeros)',
  negative: 'the amount must be positive',
  too_precise: 'the amount has more decimals than the currency allows',
  unknown_currency: 'the currency must be an ISO 4217 code in capitals, such as USD',
  too_large: 'the amount is too large',
}

function fail(message: string): never {
  console.error(`ledger:deposit: ${message}`)
  console.error(USAGE)
  process.exit(2)
}

const [merchantId, currency, amountText, givenReference, ...extra] = process.argv.slice(2)
if (!merchantId || !currency || amountText === undefined || extra.length > 0) fail('expected 3 or 4 arguments')
const parsed = parseAmount(amountText, currency)
if (!parsed.ok) fail(`${AMOUNT_PROBLEMS[parsed.reason]} (got "${amountText}" ${currency})`)
const amountMinor = toMinor(parsed.money)
if (amountMinor === 0n) fail('the amount must be greater than zero')
if (givenReference !== undefined && !/^[\x21-\x7e]{1,200}$/.test(givenReference)) {
  fail('the reference must be 1 to 200 printable ASCII characters without spaces')
}

const { config, connection, deps } = await openServices()

/** Credits the deposit and reports it; returns the process exit code. */
async function creditDeposit(merchantId: string, currency: string, amountMinor: bigint): Promise<number> {
  const [merchant] = await connection.db.select({ id: merchants.id }).from(merchants).where(eq(merchants.id, merchantId)).limit(1)
  if (!merchant) {
    console.error(`ledger:deposit: no merchant ${merchantId} in ${describeDatabase(config)}`)
    return 2
  }
  const reference = givenReference ?? deps.ids('dep')
  if (givenReference === undefined) console.log(`reference ${reference} (generated; reuse it to retry safely)`)
  const ledger = createLedgerService({ db: connection.db, ids: deps.ids, clock: deps.clock })
  const result = await ledger.deposit(merchantId, currency, amountMinor, reference)
  if ('error' in result) {
    if (result.error === 'reference_conflict') {
      console.error(`ledger:deposit: reference ${reference} was already used by journal entry ${result.entryId} for a different deposit; nothing credited`)
    } else {
      console.error(`ledger:deposit: refused (${result.error}${'message' in result ? `: ${result.message}` : ''}); nothing credited`)
    }
    return 2
  }
  const balance = (await ledger.balances(merchantId)).find((row) => row.currency === currency)?.availableMinor ?? 0n
  const availableNow = `${formatMinor(balance, currency)} ${currency}`
  if (result.replayed) {
    console.log(`already credited: reference ${reference} is journal entry ${result.entryId}; nothing changed. available ${availableNow}`)
  } else {
    const credited = `${formatMinor(amountMinor, currency)} ${currency}`
    console.log(`credited ${credited} to ${merchantId}: journal entry ${result.entryId}, reference ${reference}. available ${availableNow}`)
  }
  return 0
}

let exitCode: number
try {
  exitCode = await creditDeposit(merchantId, currency, amountMinor)
} finally {
  await connection.close()
}
process.exit(exitCode)
