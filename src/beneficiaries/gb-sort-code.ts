/**
 * Canonical form of a UK sort code (six digits, no separators), or `undefined` when `value` is
 * neither `NN-NN-NN` nor six plain digits (surrounding whitespace ignored).
 *
 * @example
 * normalizeSortCode('60-16-13') // '601613'
 * normalizeSortCode('601613')   // '601613'
 * normalizeSortCode('60 16 13') // undefined
 */
export function normalizeSortCode(value: string): string | undefined {
  const sortCode = value.trim()
  if (/^[0-9]{6}$/.test(sortCode)) return sortCode
  if (/^[0-9]{2}-[0-9]{2}-[0-9]{2}$/.test(sortCode)) return sortCode.replace(/-/g, '')
  return undefined
}

/**
 * Whether `value` is a UK sort code in `NN-NN-NN` or six-digit form.
 *
 * @example
 * isValidSortCode('12-34-56') // true
 * isValidSortCode('12-34-5')  // false
 */
export function isValidSortCode(value: string): boolean {
  return normalizeSortCode(value) !== undefined
}

/**
 * Whether `value` is a UK account number: exactly eight digits (surrounding whitespace ignored).
 * Shorter legacy numbers must be zero-padded by the sender, as UK banks instruct.
 *
 * @example
 * isValidGbAccountNumber('31926819') // true
 * isValidGbAccountNumber('3192681')  // false
 */
export function isValidGbAccountNumber(value: string): boolean {
  return /^[0-9]{8}$/.test(value.trim())
}
