import type { NormalizedAccount } from './beneficiary-account.js'

/**
 * The country where a normalized account is held: the IBAN's country prefix, the BIC's country
 * for SWIFT, and the single country of each domestic scheme (US for ACH, GB for sort codes, IN
 * for UPI, BR for PIX, CN for Chinese bank cards). `undefined` is reserved for account types
 * whose country cannot be told from the account alone.
 *
 * @example
 * accountCountry({ type: 'iban', iban: 'FR1420041010050500013M02606' }) // 'FR'
 * accountCountry({ type: 'swift', account_number: '123', bic: 'HSBCHKHHHKH' }) // 'HK'
 */
export function accountCountry(account: NormalizedAccount): string | undefined {
  switch (account.type) {
    case 'iban':
      return account.iban.slice(0, 2)
    case 'swift':
      return account.bic.slice(4, 6)
    case 'us_ach':
      return 'US'
    case 'gb_sort_code':
      return 'GB'
    case 'upi':
      return 'IN'
    case 'pix':
      return 'BR'
    case 'cn_bank_card':
      return 'CN'
  }
}
