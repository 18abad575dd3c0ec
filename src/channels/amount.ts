/**
 * Decimal-string amounts for the wire, without ever going through a JS number.
 */

// ISO 4217 minor units that differ from the usual 2.
const ZERO_DECIMAL = new Set([
  'BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'UYI', 'VND', 'VUV', 'XAF', 'XOF', 'XPF',
])
const THREE_DECIMAL = new Set(['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND'])
const FOUR_DECIMAL = new Set(['CLF', 'UYW'])

/** @example currencyExponent('JPY') // 0 */
export function currencyExponent(currency: string): number {
  if (ZERO_DECIMAL.has(currency)) return 0
  if (THREE_DECIMAL.has(currency)) return 3
  if (FOUR_DECIMAL.has(currency)) return 4
  return 2
}

/**
 * `amount` with exactly as many decimals as `currency` has, or `undefined` when it is not a
 * non-negative decimal or would lose a non-zero digit.
 *
 * @example
 * formatAmount('12.5', 'EUR')  // '12.50'
 * formatAmount('100.00', 'JPY') // '100'
 * formatAmount('1.234', 'USD')  // undefined
 */
export function formatAmount(amount: string, currency: string): string | undefined {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(amount)
  if (!match) return undefined
  const integerPart = (match[1] ?? '0').replace(/^0+(?=\d)/, '')
  const fraction = match[2] ?? ''
  const exponent = currencyExponent(currency)
  if (fraction.length > exponent && /[1-9]/.test(fraction.slice(exponent))) return undefined
  const decimals = fraction.slice(0, exponent).padEnd(exponent, '0')
  return exponent === 0 ? integerPart : `${integerPart}.${decimals}`
}

/**
 * Integer minor units of a well-formed amount, or `undefined` (see {@link formatAmount}).
 *
 * @example toMinorUnits('12.34', 'USD') // 1234n
 */
export function toMinorUnits(amount: string, currency: string): bigint | undefined {
  const formatted = formatAmount(amount, currency)
  return formatted === undefined ? undefined : BigInt(formatted.replace('.', ''))
}
