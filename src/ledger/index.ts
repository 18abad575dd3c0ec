/** The double-entry ledger: the service, the payment lifecycle builders and their types. */
export { createLedgerService, type DepositResult, type LedgerService, type LedgerServiceDeps, type MerchantBalance } from './ledger-service.js'
export {
  LEDGER_ENTRY_KINDS,
  ledgerEntries,
  type DepositInput,
  type PaidOutPaymentAmounts,
  type PaymentLedgerAmounts,
} from './ledger-entries.js'
export { checkEntry, netPostings } from './ledger-validation.js'
export type { BatchPostingResult } from './ledger-batch-posting.js'
export * from './ledger-types.js'
