import type { ChannelCredentials, ChannelRegistry } from '../channels/index.js'
import type { CorridorService } from '../corridors/corridor-service.js'
import type { LedgerService } from '../ledger/index.js'
import type { PaymentProcessor } from '../payments/payment-processor.js'
import type { PaymentService } from '../payments/payment-service.js'
import type { IdempotencyStore } from '../idempotency/idempotency-store.js'
import type { Clock } from '../lib/clock.js'
import type { IdGenerator } from '../lib/ids.js'
import type { MerchantService } from '../merchants/merchant-service.js'
import type { QuoteService } from '../quotes/quote-service.js'
import type { RateService } from '../rates/rate-service.js'
import type { SpecValidator } from './spec-validator.js'

/** Everything the HTTP app needs, built by the entry point (Node, Worker or a test). */
export interface AppDeps {
  databaseKind: 'pglite' | 'postgres'
  /** A cheap query proving the database answers (for `/health`). */
  pingDatabase: () => Promise<void>
  merchants: MerchantService
  quotes: QuoteService
  rates: RateService
  corridors: CorridorService
  payments: PaymentService
  processor: PaymentProcessor
  ledger: LedgerService
  channels: ChannelRegistry
  channelCredentials: (channelId: string) => ChannelCredentials
  idempotencyStore: IdempotencyStore
  spec: SpecValidator
  clock: Clock
  ids: IdGenerator
  logger?: Pick<Console, 'error' | 'info'>
  /**
   * Waits up to `timeoutMs` for the work requests left running (payments being handed to their
   * channel); true when none is left. For a graceful shutdown, before the database is closed.
   */
  settleBackground?: (timeoutMs: number) => Promise<boolean>
}
