export { accountCountry } from './account-country.js'
export { isValidAbaRouting, isValidAchAccountNumber } from './aba-routing.js'
export { BENEFICIARY_ACCOUNT_TYPES } from './beneficiary-account.js'
export type {
  BeneficiaryAccountErrorCode,
  BeneficiaryAccountFailure,
  BeneficiaryAccountType,
  BeneficiaryAccountValidation,
  CnBankCardAccount,
  GbSortCodeAccount,
  IbanAccount,
  NormalizedAccount,
  PixAccount,
  SwiftAccount,
  UpiAccount,
  UsAchAccount,
} from './beneficiary-account.js'
export { bicCountry, isValidBic, normalizeBic } from './bic.js'
export { isCountryCode } from './country-codes.js'
export { isValidGbAccountNumber, isValidSortCode, normalizeSortCode } from './gb-sort-code.js'
export { checkIban, IBAN_LENGTHS, ibanPrefixForCountry, isValidIban, normalizeIban } from './iban.js'
export type { IbanCheck, IbanErrorCode } from './iban.js'
export { isValidCnBankCard, luhnValid, normalizeCnBankCard } from './luhn.js'
export { maskAccount } from './mask-account.js'
export {
  isPixKeyType,
  isValidCnpj,
  isValidCpf,
  isValidPixEmail,
  isValidPixEvp,
  isValidPixKey,
  isValidPixPhone,
  normalizeCnpj,
  normalizeCpf,
  normalizePixKey,
  PIX_KEY_TYPES,
} from './pix.js'
export type { PixKeyType } from './pix.js'
export { isValidSwiftAccountNumber, normalizeSwiftAccountNumber } from './swift-account-number.js'
export { isValidUpiVpa, normalizeUpiVpa } from './upi.js'
export { validateBeneficiaryAccount } from './validate-beneficiary-account.js'
export type { ValidateBeneficiaryAccountOptions } from './validate-beneficiary-account.js'
