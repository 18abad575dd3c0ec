import type { NormalizedAccount } from './beneficiary-account.js'

const MASK = '****'

/**
 * The last characters of `value` that may be shown: four, but never more than half of the
 * value, so that a short identifier (a 4-digit account number) is never shown whole.
 */
function visibleTail(value: string): string {
  const visible = Math.min(4, Math.floor(value.length / 2))
  return visible === 0 ? '' : value.slice(-visible)
}

/**
 * A display form of a normalized account that shows only its last four characters behind a
 * fixed-width mask (which hides the length too). The parts that identify the institution rather
 * than the holder stay visible: the IBAN country, the UPI PSP, the e-mail domain, the `+55`
 * prefix of a PIX phone. Safe for logs, receipts and dashboards.
 *
 * @example
 * maskAccount({ type: 'iban', iban: 'DE89370400440532013000' })     // 'DE****3000'
 * maskAccount({ type: 'upi', vpa: '9876543210@ybl' })                // '****3210@ybl'
 * maskAccount({ type: 'pix', key_type: 'email', key: 'ana@ex.com' }) // '****a@ex.com'
 */
export function maskAccount(account: NormalizedAccount): string {
  switch (account.type) {
    case 'iban':
      return `${account.iban.slice(0, 2)}${MASK}${visibleTail(account.iban.slice(2))}`
    case 'us_ach':
    case 'gb_sort_code':
    case 'swift':
      return MASK + visibleTail(account.account_number)
    case 'cn_bank_card':
      return MASK + visibleTail(account.card_number)
    case 'upi':
      return maskBeforeAt(account.vpa)
    case 'pix':
      switch (account.key_type) {
        case 'email':
          return maskBeforeAt(account.key)
        case 'phone':
          return `+55${MASK}${visibleTail(account.key.slice(3))}`
        case 'cpf':
        case 'cnpj':
        case 'evp':
          return MASK + visibleTail(account.key)
      }
  }
}

/** Masks the part before the last `@` and keeps the domain (or PSP) after it. */
function maskBeforeAt(address: string): string {
  const at = address.lastIndexOf('@')
  return `${MASK}${visibleTail(address.slice(0, at))}${address.slice(at)}`
}
