import type { PixKeyType } from './pix.js'

/** The account `type` discriminators accepted on the wire. */
export const BENEFICIARY_ACCOUNT_TYPES = [
  'iban',
  'us_ach',
  'gb_sort_code',
  'upi',
  'pix',
  'cn_bank_card',
  'swift',
] as const

/** One of {@link BENEFICIARY_ACCOUNT_TYPES}. */
export type BeneficiaryAccountType = (typeof BENEFICIARY_ACCOUNT_TYPES)[number]

/** SEPA and other IBAN countries. `iban` is uppercase without spaces; `bic` uppercase, 8 or 11. */
export type IbanAccount = { type: 'iban'; iban: string; bic?: string }

/** US ACH. `routing_number` is 9 digits, `account_number` 4-17 digits. */
export type UsAchAccount = {
  type: 'us_ach'
  routing_number: string
  account_number: string
  account_type?: 'checking' | 'savings'
}

/** UK Faster Payments / Bacs. `sort_code` is 6 digits without hyphens, `account_number` 8 digits. */
export type GbSortCodeAccount = { type: 'gb_sort_code'; sort_code: string; account_number: string }

/** India UPI. `vpa` is `handle@psp`, lowercase. */
export type UpiAccount = { type: 'upi'; vpa: string }

/** Brazil PIX. `key` is in its canonical form for `key_type` (see `normalizePixKey`). */
export type PixAccount = { type: 'pix'; key_type: PixKeyType; key: string }

/** China bank card (UnionPay). `card_number` is 16-19 digits; `bank_name` trimmed, if given. */
export type CnBankCardAccount = { type: 'cn_bank_card'; card_number: string; bank_name?: string }

/** SWIFT fallback. `account_number` is 1-34 uppercase letters or digits; `bic` as for IBAN. */
export type SwiftAccount = { type: 'swift'; account_number: string; bic: string }

/** A beneficiary account that passed validation, in canonical form. Unknown fields are dropped. */
export type NormalizedAccount =
  | IbanAccount
  | UsAchAccount
  | GbSortCodeAccount
  | UpiAccount
  | PixAccount
  | CnBankCardAccount
  | SwiftAccount

/** Stable machine codes for a rejected beneficiary account. */
export type BeneficiaryAccountErrorCode =
  | 'invalid_account'
  | 'unsupported_account_type'
  | 'missing_field'
  | 'invalid_iban_format'
  | 'invalid_iban_country'
  | 'invalid_iban_length'
  | 'invalid_iban_checksum'
  | 'iban_country_mismatch'
  | 'invalid_bic'
  | 'invalid_routing_number'
  | 'invalid_account_number'
  | 'invalid_account_type'
  | 'invalid_sort_code'
  | 'invalid_vpa'
  | 'invalid_pix_key_type'
  | 'invalid_pix_key'
  | 'invalid_card_number'
  | 'invalid_bank_name'

/**
 * Why an account was rejected. `field` is the dotted path of the offending field relative to
 * the account object (`'iban'`, `'routing_number'`), or `''` when the account itself is not an
 * object. `message` is for humans and never repeats the submitted value, so it is safe to log.
 */
export type BeneficiaryAccountFailure = {
  ok: false
  field: string
  code: BeneficiaryAccountErrorCode
  message: string
}

/** Result of `validateBeneficiaryAccount`. */
export type BeneficiaryAccountValidation =
  | { ok: true; account: NormalizedAccount }
  | BeneficiaryAccountFailure
