/**
 * Canonical form of an account number for a SWIFT transfer, or `undefined` when invalid:
 * whitespace removed and letters uppercased, then 1 to 34 letters or digits (the longest
 * account identifier SWIFT carries, as for an IBAN).
 *
 * @example
 * normalizeSwiftAccountNumber('0012 3456 789') // '00123456789'
 * normalizeSwiftAccountNumber('12-345')        // undefined
 */
export function normalizeSwiftAccountNumber(value: string): string | undefined {
  const accountNumber = value.replace(/\s+/g, '').toUpperCase()
  return /^[A-Z0-9]{1,34}$/.test(accountNumber) ? accountNumber : undefined
}

/**
 * Whether `value` is a SWIFT account number (see {@link normalizeSwiftAccountNumber}).
 *
 * @example
 * isValidSwiftAccountNumber('AC12345678') // true
 * isValidSwiftAccountNumber('')           // false
 */
export function isValidSwiftAccountNumber(value: string): boolean {
  return normalizeSwiftAccountNumber(value) !== undefined
}
