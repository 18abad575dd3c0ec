import { isValidAbaRouting, isValidAchAccountNumber } from './aba-routing.js'
import type {
  BeneficiaryAccountErrorCode,
  BeneficiaryAccountFailure,
  BeneficiaryAccountType,
  BeneficiaryAccountValidation,
  UsAchAccount,
} from './beneficiary-account.js'
import { BENEFICIARY_ACCOUNT_TYPES } from './beneficiary-account.js'
import { normalizeBic } from './bic.js'
import { isValidGbAccountNumber, normalizeSortCode } from './gb-sort-code.js'
import { checkIban, ibanPrefixForCountry } from './iban.js'
import { normalizeCnBankCard } from './luhn.js'
import { isPixKeyType, normalizePixKey, PIX_KEY_TYPES } from './pix.js'
import { normalizeSwiftAccountNumber } from './swift-account-number.js'
import { normalizeUpiVpa } from './upi.js'

/** Options for {@link validateBeneficiaryAccount}. */
export type ValidateBeneficiaryAccountOptions = {
  /** The beneficiary's ISO 3166 country; when given, an IBAN must be issued for it. */
  country?: string
}

/** Longest free-text bank name kept on a Chinese bank card account. */
const MAX_BANK_NAME_LENGTH = 140

type Fields = Record<string, unknown>

function fail(field: string, code: BeneficiaryAccountErrorCode, message: string): BeneficiaryAccountFailure {
  return { ok: false, field, code, message }
}

/**
 * Reads a required string field. Absent (or null) gives `missing_field`; any other non-string
 * (a JSON number would lose leading zeros of a routing number) gives `invalidCode`.
 */
function requiredString(
  fields: Fields,
  field: string,
  invalidCode: BeneficiaryAccountErrorCode,
): string | BeneficiaryAccountFailure {
  const value = fields[field]
  if (value === undefined || value === null) return fail(field, 'missing_field', `${field} is required`)
  if (typeof value !== 'string') return fail(field, invalidCode, `${field} must be a string`)
  return value
}

/** Reads an optional string field: `undefined` when absent or null, a failure when not a string. */
function optionalString(
  fields: Fields,
  field: string,
  invalidCode: BeneficiaryAccountErrorCode,
): string | undefined | BeneficiaryAccountFailure {
  const value = fields[field]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string') return fail(field, invalidCode, `${field} must be a string`)
  return value
}

function isFailure(value: unknown): value is BeneficiaryAccountFailure {
  return typeof value === 'object' && value !== null
}

function isAccountType(value: string): value is BeneficiaryAccountType {
  return (BENEFICIARY_ACCOUNT_TYPES as readonly string[]).includes(value)
}

function validateBic(value: string): string | BeneficiaryAccountFailure {
  return (
    normalizeBic(value) ??
    fail('bic', 'invalid_bic', 'bic must be 8 or 11 characters: bank, ISO country, location, optional branch')
  )
}

function validateIban(fields: Fields, country: string | undefined): BeneficiaryAccountValidation {
  const rawIban = requiredString(fields, 'iban', 'invalid_iban_format')
  if (isFailure(rawIban)) return rawIban
  const iban = checkIban(rawIban)
  if (!iban.ok) return fail('iban', iban.code, iban.message)
  if (country !== undefined && ibanPrefixForCountry(country) !== iban.country) {
    const beneficiaryCountry = country.trim().toUpperCase()
    return fail(
      'iban',
      'iban_country_mismatch',
      `IBAN country ${iban.country} does not match beneficiary country ${beneficiaryCountry}`,
    )
  }
  const rawBic = optionalString(fields, 'bic', 'invalid_bic')
  if (isFailure(rawBic)) return rawBic
  if (rawBic === undefined) return { ok: true, account: { type: 'iban', iban: iban.iban } }
  const bic = validateBic(rawBic)
  if (isFailure(bic)) return bic
  return { ok: true, account: { type: 'iban', iban: iban.iban, bic } }
}

function validateUsAch(fields: Fields): BeneficiaryAccountValidation {
  const routingNumber = requiredString(fields, 'routing_number', 'invalid_routing_number')
  if (isFailure(routingNumber)) return routingNumber
  if (!isValidAbaRouting(routingNumber)) {
    return fail(
      'routing_number',
      'invalid_routing_number',
      'routing_number must be a 9-digit ABA routing number with a valid checksum',
    )
  }
  const accountNumber = requiredString(fields, 'account_number', 'invalid_account_number')
  if (isFailure(accountNumber)) return accountNumber
  if (!isValidAchAccountNumber(accountNumber)) {
    return fail('account_number', 'invalid_account_number', 'account_number must be 4 to 17 digits')
  }
  const accountType = fields.account_type
  const hasAccountType = accountType !== undefined && accountType !== null
  if (hasAccountType && accountType !== 'checking' && accountType !== 'savings') {
    return fail('account_type', 'invalid_account_type', "account_type must be 'checking' or 'savings'")
  }
  const account: UsAchAccount = {
    type: 'us_ach',
    routing_number: routingNumber.trim(),
    account_number: accountNumber.trim(),
  }
  if (accountType === 'checking' || accountType === 'savings') account.account_type = accountType
  return { ok: true, account }
}

function validateGbSortCode(fields: Fields): BeneficiaryAccountValidation {
  const rawSortCode = requiredString(fields, 'sort_code', 'invalid_sort_code')
  if (isFailure(rawSortCode)) return rawSortCode
  const sortCode = normalizeSortCode(rawSortCode)
  if (sortCode === undefined) {
    return fail('sort_code', 'invalid_sort_code', 'sort_code must be NN-NN-NN or 6 digits')
  }
  const accountNumber = requiredString(fields, 'account_number', 'invalid_account_number')
  if (isFailure(accountNumber)) return accountNumber
  if (!isValidGbAccountNumber(accountNumber)) {
    return fail('account_number', 'invalid_account_number', 'account_number must be exactly 8 digits')
  }
  return {
    ok: true,
    account: { type: 'gb_sort_code', sort_code: sortCode, account_number: accountNumber.trim() },
  }
}

function validateUpi(fields: Fields): BeneficiaryAccountValidation {
  const rawVpa = requiredString(fields, 'vpa', 'invalid_vpa')
  if (isFailure(rawVpa)) return rawVpa
  const vpa = normalizeUpiVpa(rawVpa)
  if (vpa === undefined) {
    return fail(
      'vpa',
      'invalid_vpa',
      'vpa must be handle@psp: handle of 2-256 letters, digits, dots, hyphens or underscores; ' +
        'psp of 2-64 letters or digits starting with a letter',
    )
  }
  return { ok: true, account: { type: 'upi', vpa } }
}

function validatePix(fields: Fields): BeneficiaryAccountValidation {
  const keyType = fields.key_type
  if (keyType === undefined || keyType === null) return fail('key_type', 'missing_field', 'key_type is required')
  if (!isPixKeyType(keyType)) {
    return fail('key_type', 'invalid_pix_key_type', `key_type must be one of ${PIX_KEY_TYPES.join(', ')}`)
  }
  const rawKey = requiredString(fields, 'key', 'invalid_pix_key')
  if (isFailure(rawKey)) return rawKey
  const key = normalizePixKey(keyType, rawKey)
  if (key === undefined) return fail('key', 'invalid_pix_key', `key is not a valid PIX ${keyType} key`)
  return { ok: true, account: { type: 'pix', key_type: keyType, key } }
}

function validateCnBankCard(fields: Fields): BeneficiaryAccountValidation {
  const rawCardNumber = requiredString(fields, 'card_number', 'invalid_card_number')
  if (isFailure(rawCardNumber)) return rawCardNumber
  const cardNumber = normalizeCnBankCard(rawCardNumber)
  if (cardNumber === undefined) {
    return fail(
      'card_number',
      'invalid_card_number',
      'card_number must be 16 to 19 digits with a valid Luhn check digit',
    )
  }
  const rawBankName = optionalString(fields, 'bank_name', 'invalid_bank_name')
  if (isFailure(rawBankName)) return rawBankName
  const bankName = rawBankName?.trim()
  if (bankName !== undefined && bankName.length > MAX_BANK_NAME_LENGTH) {
    return fail('bank_name', 'invalid_bank_name', `bank_name must be at most ${MAX_BANK_NAME_LENGTH} characters`)
  }
  // An empty bank name carries no information; drop it rather than store ''.
  if (bankName === undefined || bankName === '') {
    return { ok: true, account: { type: 'cn_bank_card', card_number: cardNumber } }
  }
  return { ok: true, account: { type: 'cn_bank_card', card_number: cardNumber, bank_name: bankName } }
}

function validateSwift(fields: Fields): BeneficiaryAccountValidation {
  const rawAccountNumber = requiredString(fields, 'account_number', 'invalid_account_number')
  if (isFailure(rawAccountNumber)) return rawAccountNumber
  const accountNumber = normalizeSwiftAccountNumber(rawAccountNumber)
  if (accountNumber === undefined) {
    return fail('account_number', 'invalid_account_number', 'account_number must be 1 to 34 letters or digits')
  }
  const rawBic = requiredString(fields, 'bic', 'invalid_bic')
  if (isFailure(rawBic)) return rawBic
  const bic = validateBic(rawBic)
  if (isFailure(bic)) return bic
  return { ok: true, account: { type: 'swift', account_number: accountNumber, bic } }
}

/**
 * Validates a beneficiary account as received on the wire and returns it in canonical form, or
 * the first problem found as `{ field, code, message }`, with `field` relative to the account
 * object. Fields are checked in wire order (e.g. `routing_number` before `account_number`);
 * unknown fields are ignored and dropped. Pass the beneficiary's country to require that an
 * IBAN was issued there (territories such as JE or RE match their parent prefix, GB or FR).
 *
 * @example
 * validateBeneficiaryAccount({ type: 'iban', iban: 'de89 3704 0044 0532 0130 00', bic: 'cobadeffxxx' }, { country: 'DE' })
 * // { ok: true, account: { type: 'iban', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' } }
 *
 * validateBeneficiaryAccount({ type: 'us_ach', routing_number: '021000022', account_number: '123456789' })
 * // { ok: false, field: 'routing_number', code: 'invalid_routing_number', message: '…' }
 */
export function validateBeneficiaryAccount(
  account: unknown,
  opts: ValidateBeneficiaryAccountOptions = {},
): BeneficiaryAccountValidation {
  if (typeof account !== 'object' || account === null || Array.isArray(account)) {
    return fail('', 'invalid_account', 'account must be an object')
  }
  const fields = account as Fields
  const type = fields.type
  if (type === undefined || type === null) return fail('type', 'missing_field', 'type is required')
  if (typeof type !== 'string' || !isAccountType(type)) {
    const supported = BENEFICIARY_ACCOUNT_TYPES.join(', ')
    return fail('type', 'unsupported_account_type', `type must be one of ${supported}`)
  }
  switch (type) {
    case 'iban':
      return validateIban(fields, opts.country)
    case 'us_ach':
      return validateUsAch(fields)
    case 'gb_sort_code':
      return validateGbSortCode(fields)
    case 'upi':
      return validateUpi(fields)
    case 'pix':
      return validatePix(fields)
    case 'cn_bank_card':
      return validateCnBankCard(fields)
    case 'swift':
      return validateSwift(fields)
  }
}
