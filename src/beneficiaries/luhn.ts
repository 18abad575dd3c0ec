/**
 * Whether a string of digits passes the Luhn (mod 10) check. Anything other than one or more
 * ASCII digits is rejected rather than ignored, so callers strip separators first.
 *
 * @example
 * luhnValid('4111111111111111') // true
 * luhnValid('4111111111111112') // false
 */
export function luhnValid(digits: string): boolean {
  if (!/^[0-9]+$/.test(digits)) return false
  let sum = 0
  let double = false
  for (let index = digits.length - 1; index >= 0; index--) {
    let digit = Number(digits[index])
    if (double) {
      digit *= 2
      if (digit > 9) digit -= 9
    }
    sum += digit
    double = !double
  }
  return sum % 10 === 0
}

/**
 * Canonical form of a Chinese bank card number (digits only), or `undefined` when invalid:
 * spaces and hyphens removed, then 16 to 19 digits passing the Luhn check.
 *
 * @example
 * normalizeCnBankCard('6222 0202 0011 2345 679') // '6222020200112345679'
 * normalizeCnBankCard('6222020200112345678')     // undefined (Luhn)
 */
export function normalizeCnBankCard(value: string): string | undefined {
  const cardNumber = value.replace(/[\s-]+/g, '')
  return /^[0-9]{16,19}$/.test(cardNumber) && luhnValid(cardNumber) ? cardNumber : undefined
}

/**
 * Whether `value` is a Chinese bank card number (see {@link normalizeCnBankCard}).
 *
 * @example
 * isValidCnBankCard('6222020200112345679') // true
 * isValidCnBankCard('411111111111111')     // false (15 digits)
 */
export function isValidCnBankCard(value: string): boolean {
  return normalizeCnBankCard(value) !== undefined
}
