/**
 * A dialect is the sandbox's side of one channel's API: it checks the caller, reads the
 * channel's request format and writes the channel's answers and callbacks. The simulation
 * itself (idempotency, decisions, settlement, callbacks) is shared and lives in the engine.
 */
import type { SandboxEvent, SandboxPayout } from '../engine.js'

export interface SandboxCredentials {
  apiKey: string
  signingSecret: string
}

/** The request as received: path includes the query string exactly as sent (for signatures). */
export interface RawRequest {
  method: string
  path: string
  headers: Record<string, string>
  body: string
  /** Decoded route parameters. */
  params: Record<string, string>
  query: URLSearchParams
}

export interface DialectReply {
  status: number
  body: string
  contentType?: string
}

/** What the engine needs from a submission. */
export interface ParsedSubmission {
  /** What the channel deduplicates on (usually our idempotency key). */
  dedupeKey: string
  /** Our `${paymentId}:${attempt}`, echoed in answers and callbacks. */
  idempotencyKey: string
  amount: string
  currency: string
  /** Who is paid, for "same key, other payout" detection. */
  beneficiary: string
  /** Dialect-specific values to keep on the payout (e.g. a UETR). */
  extra?: Record<string, string>
}

export type StatusLookup = { by: 'reference' | 'dedupeKey'; value: string }

/** What became of one item of a bulk submission, for the dialect to write into its bulk answer. */
export type BulkItemResult =
  | { kind: 'accepted'; payout: SandboxPayout }
  | { kind: 'declined'; code: string; message: string }
  /** Same idempotency key, different payout: the dialect's conflict (duplicate) entry. */
  | { kind: 'conflict' }
  /** An item-level server error: nothing recorded for the item. */
  | { kind: 'server_error' }

/** One event of a batch callback, with the payout as it was when the event happened. */
export interface CallbackBatchEntry {
  event: SandboxEvent
  payout: SandboxPayout
}

export interface SandboxDialect {
  channelId: string
  routes: {
    submit: { method: 'POST' | 'PUT'; path: string }
    /** The bulk payout endpoint; served only with `parseBulkSubmission` and `bulkAnswer`. */
    bulkSubmit?: { method: 'POST' | 'PUT'; path: string }
    status: readonly { method: 'GET' | 'POST'; path: string }[]
  }
  /** Native codes used for random declines, and for failures and returns after acceptance. */
  declineCodes: readonly string[]
  failCode: string
  returnCode: string
  authenticate(request: RawRequest, credentials: SandboxCredentials): Promise<boolean>
  parseSubmission(request: RawRequest): Promise<ParsedSubmission | { error: string }>
  /**
   * Reads a bulk submission into its items, in request order, each exactly what
   * `parseSubmission` makes of a single one; an error refuses the whole request (400).
   */
  parseBulkSubmission?(request: RawRequest): Promise<ParsedSubmission[] | { error: string }>
  /** The 2xx answer to a bulk submission: one entry per item, in request order. */
  bulkAnswer?(items: readonly BulkItemResult[]): DialectReply
  parseStatusLookup(request: RawRequest): Promise<StatusLookup | { error: string }>
  /** The channel's id for a new payout, and anything else it assigns at acceptance. */
  newReference(
    submission: ParsedSubmission,
    sequence: number,
    random: () => number,
    now: Date,
  ): { reference: string; extra?: Record<string, string> }
  accepted(payout: SandboxPayout): DialectReply
  declined(code: string, message: string): DialectReply
  /** 401: signature or key wrong. */
  unauthorized(): DialectReply
  /** 400: unreadable request. */
  invalid(message: string): DialectReply
  /** Same idempotency key, different payout. */
  conflict(): DialectReply
  serverError(): DialectReply
  gatewayTimeout(): DialectReply
  /** The payout's current state, or the channel's "not found" when `undefined`. */
  status(payout: SandboxPayout | undefined, lookup: StatusLookup): DialectReply
  callback(
    event: SandboxEvent,
    payout: SandboxPayout,
    credentials: SandboxCredentials,
  ): Promise<{ headers: Record<string, string>; body: string }>
  /**
   * Several events in one signed notification, in the given order (each event written exactly
   * as `callback` writes a single one). Without it, every event is a request of its own.
   */
  callbackBatch?(
    entries: readonly CallbackBatchEntry[],
    credentials: SandboxCredentials,
  ): Promise<{ headers: Record<string, string>; body: string }>
  /** Whether our answer to a callback counts as received (else the sandbox retries). */
  isAcknowledged(status: number, body: string): boolean
}

/** A JSON reply. */
export function json(status: number, value: unknown): DialectReply {
  return { status, body: JSON.stringify(value), contentType: 'application/json' }
}

/** Case-insensitive header read on lowercased headers. */
export function header(request: { headers: Record<string, string> }, name: string): string | undefined {
  return request.headers[name.toLowerCase()]
}

export function isoTime(milliseconds: number): string {
  return new Date(milliseconds).toISOString()
}
