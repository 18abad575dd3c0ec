/**
 * Canonical form of a UPI virtual payment address (`handle@psp`), or `undefined` when invalid:
 * surrounding whitespace trimmed and lowercased (UPI addresses are case-insensitive); the handle
 * is 2-256 of letters, digits, `.`, `-` and `_`; the PSP handle is 2-64 characters, a letter
 * followed by letters or digits.
 *
 * @example
 * normalizeUpiVpa(' Asha.Rao@OKAXIS ') // 'asha.rao@okaxis'
 * normalizeUpiVpa('9876543210@ybl')    // '9876543210@ybl'
 * normalizeUpiVpa('asha@1bank')        // undefined (PSP must start with a letter)
 */
export function normalizeUpiVpa(value: string): string | undefined {
  const vpa = value.trim().toLowerCase()
  return /^[a-z0-9._-]{2,256}@[a-z][a-z0-9]{1,63}$/.test(vpa) ? vpa : undefined
}

/**
 * Whether `value` is a UPI virtual payment address (see {@link normalizeUpiVpa}).
 *
 * @example
 * isValidUpiVpa('merchant_01@paytm') // true
 * isValidUpiVpa('merchant_01')       // false (no PSP)
 */
export function isValidUpiVpa(value: string): boolean {
  return normalizeUpiVpa(value) !== undefined
}
