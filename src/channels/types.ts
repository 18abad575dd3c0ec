import type { NormalizedAccount } from '../beneficiaries/beneficiary-account.js'
import type { ChannelErrorTable } from './error-codes.js'

/** A beneficiary account as validated by `src/beneficiaries` (canonical form). */
export type PayoutAccount = NormalizedAccount

/** The `type` discriminator of a {@link PayoutAccount}. */
export type PayoutAccountType = PayoutAccount['type']

/**
 * What a channel can do, as data the router filters and ranks on. Amounts are decimal strings
 * in major units; a `'*'` key in `minAmount` / `maxAmount` applies to every currency.
 */
export interface ChannelCapabilities {
  /** ISO 3166 alpha-2 creditor countries, or `'*'` for any. */
  countries: readonly string[] | '*'
  /** ISO 4217 payout currencies, or `'*'` for any. */
  currencies: readonly string[] | '*'
  minAmount: Readonly<Record<string, string>>
  maxAmount: Readonly<Record<string, string>>
  /** Daily submission cut-off in the channel's time zone; `null` means the rail runs 24/7. */
  cutoff: { time: string; timeZone: string } | null
  /** What the channel charges us per payout. */
  fee: { fixed: string; currency: string; percentBps: number }
  speed: 'instant' | 'same_day' | 'next_day' | 'multi_day'
  estimatedSeconds: number
  /** `domestic`: pays out inside its own clearing area; `foreign`: cross-border fallback. */
  scope: 'domestic' | 'foreign'
  accountTypes: readonly PayoutAccountType[]
}

/** Free-form postal address of a party; every part is optional. */
export interface PostalAddress {
  lines?: readonly string[]
  postalCode?: string
  city?: string
  region?: string
}

/** A party to the payout: the debtor (sender) or the creditor (beneficiary). */
export interface PayoutParty {
  name: string
  /** ISO 3166 alpha-2. */
  country: string
  address?: PostalAddress
}

/** One attempt at paying out a payment through one channel. */
export interface PayoutInstruction {
  paymentId: string
  /** 1 for the first attempt; a new attempt (e.g. on another channel) increments it. */
  attempt: number
  /** Decimal string in major units, e.g. `"1234.50"`. */
  amount: string
  currency: string
  debtor: PayoutParty
  creditor: PayoutParty & { account: PayoutAccount }
  /** Merchant reference shown to the beneficiary (truncated to what the rail carries). */
  reference: string
  purposeCode?: string
  createdAt: Date
}

export type ChannelHttpMethod = 'GET' | 'POST' | 'PUT'

/** An HTTP request for a channel, relative to `ChannelCredentials.baseUrl`. */
export interface ChannelHttpRequest {
  method: ChannelHttpMethod
  /** Path and query, starting with `/`. */
  path: string
  headers: Record<string, string>
  body?: string
}

/** A channel's HTTP answer; header names are lowercase. */
export interface ChannelHttpResponse {
  status: number
  headers: Record<string, string>
  body: string
}

/**
 * What a submission came to. `declined.retryable` means another channel may be tried (the
 * payout certainly did not happen here). `ambiguous` means it may have happened: query the
 * status before doing anything else.
 */
export type SubmitOutcome =
  | { kind: 'accepted'; channelReference: string; status: 'processing' | 'paid_out' }
  | { kind: 'declined'; code: string; message: string; retryable: boolean }
  | { kind: 'ambiguous'; reason: string }

/**
 * A channel's answer to a status query. `not_found` is only returned on the channel's explicit
 * answer that it holds no payout for the attempt (never received, or refused at submission),
 * so the payment may be resubmitted elsewhere; `unavailable` (5xx, garbage, a bare 404) tells
 * nothing and must be asked again later.
 */
export type ChannelStatus =
  | {
      kind: 'paid_out' | 'processing' | 'failed' | 'returned'
      channelReference: string
      code?: string
      message?: string
    }
  | { kind: 'not_found' }
  | { kind: 'unavailable'; reason: string }

/** Which payout a status query is about. The channel reference is unknown after a timeout. */
export interface StatusQuery {
  paymentId: string
  attempt: number
  channelReference: string | null
}

export type CallbackStatus = 'processing' | 'paid_out' | 'failed' | 'returned'

/**
 * A verified, parsed channel notification. Channels send duplicates and send them out of
 * order: dedupe on `eventId`, and never move a payout backwards (a `processing` event that
 * arrives after `paid_out` is stale; compare `occurredAt`).
 */
export interface ChannelCallback {
  channelReference: string
  paymentId: string
  attempt: number
  status: CallbackStatus
  code?: string
  message?: string
  eventId: string
  occurredAt: Date
}

/**
 * A verified notification: one event, or (from a channel that sends them in bulk) several events
 * under one signature, in the order the channel sent them.
 */
export type CallbackParseResult = ChannelCallback | readonly ChannelCallback[] | { error: 'invalid_signature' | 'malformed' }

/** What our callback endpoint must answer so that the channel stops retrying. */
export interface CallbackAcknowledgement {
  status: number
  contentType: string
  body: string
}

/** Per-channel secrets. The same signing secret signs our requests and the channel's callbacks. */
export interface ChannelCredentials {
  baseUrl: string
  apiKey: string
  signingSecret: string
}

/**
 * A channel's bulk payout API: several payouts in one signed request, answered item by item.
 * Each item keeps its own idempotency key (`${paymentId}:${attempt}`), so a resubmitted item is
 * deduplicated by the channel exactly as a single submission is.
 */
export interface BulkSubmission {
  /** Most instructions one request may carry. */
  maxItems: number
  buildSubmitRequest(instructions: readonly PayoutInstruction[], credentials: ChannelCredentials): Promise<ChannelHttpRequest>
  /**
   * One outcome per instruction, in their order. An answer about the whole request (a 4xx for
   * all, a 5xx, an unreadable body, a count that does not match) gives every item that outcome;
   * a lost answer (timeout, network error) is the caller's to treat as ambiguous for all.
   */
  parseSubmitResponse(response: ChannelHttpResponse, count: number): SubmitOutcome[]
}

/**
 * A payout channel adapter: pure request building and response parsing, no transport. The
 * idempotency key `${paymentId}:${attempt}` travels to the channel on every submission, so a
 * resubmitted attempt is deduplicated by the channel.
 */
export interface PayoutChannel {
  id: string
  displayName: string
  capabilities: ChannelCapabilities
  /** The channel's decline codes: whether another channel may be tried, and the unified code. */
  errorCodes: ChannelErrorTable
  callbackAcknowledgement: CallbackAcknowledgement
  buildSubmitRequest(instruction: PayoutInstruction, credentials: ChannelCredentials): Promise<ChannelHttpRequest>
  parseSubmitResponse(response: ChannelHttpResponse): SubmitOutcome
  buildStatusRequest(query: StatusQuery, credentials: ChannelCredentials): Promise<ChannelHttpRequest>
  parseStatusResponse(response: ChannelHttpResponse): ChannelStatus
  parseCallback(
    request: { headers: Record<string, string>; body: string },
    credentials: ChannelCredentials,
  ): Promise<CallbackParseResult>
  /** The channel's bulk payout API, when it has one; without it payouts go one request each. */
  bulk?: BulkSubmission
}

/** Options shared by the adapter factories. */
export interface ChannelAdapterOptions {
  /** Clock for request timestamps (signatures); defaults to the system clock. */
  now?: () => Date
}
