/**
 * Exact decimal exchange rates as scaled integers: the value of `{ amount, scale }` is
 * `amount / 10^scale`. No JS `number` ever carries a rate, so `0.1 + 0.2` problems cannot reach
 * a quote. Every operation that can lose digits takes an explicit rounding mode.
 */

/** An exact decimal: `amount / 10^scale`. `scale` is a non-negative integer. */
export type ExactRate = { amount: bigint; scale: number }

/**
 * How to drop digits: `down` truncates toward zero, `up` rounds away from zero, `halfEven`
 * rounds to nearest with ties to the even neighbour (banker's rounding, no drift on average).
 */
export type RoundingMode = 'down' | 'up' | 'halfEven'

/** The rate 1, exactly. */
export const RATE_ONE: ExactRate = Object.freeze({ amount: 1n, scale: 0 })

// Long inputs are refused rather than parsed: a rate never needs more digits than this, and the
// cap keeps a hostile payload from making bigint arithmetic expensive.
const MAX_RATE_LENGTH = 64
const MAX_SCALE = 64
const PLAIN_DECIMAL = /^(\d+)(?:\.(\d+))?$/

function pow10(exponent: number): bigint {
  return 10n ** BigInt(exponent)
}

function assertScale(scale: number, what: string): void {
  if (!Number.isInteger(scale) || scale < 0 || scale > MAX_SCALE) {
    throw new RangeError(`${what} must be an integer between 0 and ${MAX_SCALE}, got ${scale}`)
  }
}

/** Divides two bigints, rounding the quotient by `mode`. `denominator` must not be zero. */
function divideRounded(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  if (denominator === 0n) throw new RangeError('division by zero')
  const quotient = numerator / denominator // truncates toward zero
  const remainder = numerator % denominator
  if (remainder === 0n) return quotient
  const negative = numerator < 0n !== denominator < 0n
  const awayFromZero = negative ? quotient - 1n : quotient + 1n
  switch (mode) {
    case 'down':
      return quotient
    case 'up':
      return awayFromZero
    case 'halfEven': {
      const twiceRemainder = 2n * (remainder < 0n ? -remainder : remainder)
      const absDenominator = denominator < 0n ? -denominator : denominator
      if (twiceRemainder > absDenominator) return awayFromZero
      if (twiceRemainder < absDenominator) return quotient
      return quotient % 2n === 0n ? quotient : awayFromZero
    }
  }
}

/**
 * Re-expresses a rate at another scale: exact when widening, rounded by `rounding` when narrowing.
 *
 * @example
 * rescaleRate({ amount: 12345n, scale: 4 }, 2, 'halfEven') // { amount: 123n, scale: 2 } (1.2345 → 1.23)
 */
export function rescaleRate(rate: ExactRate, scale: number, rounding: RoundingMode = 'halfEven'): ExactRate {
  assertScale(scale, 'scale')
  assertScale(rate.scale, 'rate scale')
  if (scale >= rate.scale) return { amount: rate.amount * pow10(scale - rate.scale), scale }
  return { amount: divideRounded(rate.amount, pow10(rate.scale - scale), rounding), scale }
}

/**
 * Parses a plain positive decimal string (`"1.0152"`, `"138.05"`, `"7"`) into an exact rate,
 * keeping the digits as written. Anything else — signs, exponents, spaces, `".5"`, `"1."`,
 * thousands separators, zero, or more than 64 characters — gives `undefined`.
 *
 * @example
 * parseRate('0.91234567') // { amount: 91234567n, scale: 8 }
 * parseRate('1e-3')       // undefined
 */
export function parseRate(text: string): ExactRate | undefined {
  if (typeof text !== 'string' || text.length > MAX_RATE_LENGTH) return undefined
  const match = PLAIN_DECIMAL.exec(text)
  if (!match) return undefined
  const whole = match[1] ?? ''
  const fraction = match[2] ?? ''
  if (fraction.length > MAX_SCALE) return undefined
  const amount = BigInt(whole + fraction)
  if (amount === 0n) return undefined
  return { amount, scale: fraction.length }
}

function renderFixed(amount: bigint, scale: number): string {
  const negative = amount < 0n
  const digits = (negative ? -amount : amount).toString().padStart(scale + 1, '0')
  const whole = digits.slice(0, digits.length - scale)
  const fraction = digits.slice(digits.length - scale)
  return (negative ? '-' : '') + (scale > 0 ? `${whole}.${fraction}` : whole)
}

/**
 * Formats a rate with exactly `decimals` fraction digits, rounding half-even (the form used on
 * the wire, e.g. `mid_rate` and `rate` in a quote).
 *
 * @example
 * formatRate(parseRate('0.125')!, 2)   // "0.12"
 * formatRate(parseRate('1.0152')!)     // "1.01520000"
 */
export function formatRate(rate: ExactRate, decimals = 8): string {
  const rounded = rescaleRate(rate, decimals, 'halfEven')
  return renderFixed(rounded.amount, rounded.scale)
}

/**
 * The exact decimal string of a rate, without trailing fraction zeros: suitable for storage,
 * since `parseRate(rateToString(r))` has the same value as `r`.
 *
 * @example
 * rateToString({ amount: 1015200n, scale: 6 }) // "1.0152"
 */
export function rateToString(rate: ExactRate): string {
  let { amount, scale } = rate
  assertScale(scale, 'rate scale')
  while (scale > 0 && amount % 10n === 0n) {
    amount /= 10n
    scale -= 1
  }
  return renderFixed(amount, scale)
}

/**
 * The shortest exact form of a stored decimal rate (a `numeric` column reads back as
 * `"0.923450000000"`); text that is not a rate is returned unchanged.
 *
 * @example canonicalRate('0.923450000000') // "0.92345"
 */
export function canonicalRate(text: string): string {
  const parsed = parseRate(text)
  return parsed ? rateToString(parsed) : text
}

/**
 * `a / b` at `scale` decimals, rounded by `rounding` (half-even unless told otherwise).
 * Throws `RangeError` when `b` is zero.
 *
 * @example
 * formatRate(divideRates(parseRate('138.05')!, parseRate('1.0163')!), 12) // "135.835875233691"
 */
export function divideRates(
  a: ExactRate,
  b: ExactRate,
  scale = 12,
  rounding: RoundingMode = 'halfEven',
): ExactRate {
  assertScale(scale, 'scale')
  assertScale(a.scale, 'rate scale')
  assertScale(b.scale, 'rate scale')
  // (a.amount / 10^a.scale) / (b.amount / 10^b.scale), expressed in units of 10^-scale.
  const numerator = a.amount * pow10(b.scale + scale)
  const denominator = b.amount * pow10(a.scale)
  return { amount: divideRounded(numerator, denominator, rounding), scale }
}

/**
 * `a × b`: exact (scale `a.scale + b.scale`) when `scale` is omitted, otherwise rounded to
 * `scale` decimals by `rounding`.
 *
 * @example
 * multiplyRates(parseRate('1.5')!, parseRate('0.25')!)      // { amount: 375n, scale: 3 }
 * multiplyRates(parseRate('1.5')!, parseRate('0.25')!, 2)   // { amount: 38n, scale: 2 } (0.375 → 0.38)
 */
export function multiplyRates(
  a: ExactRate,
  b: ExactRate,
  scale?: number,
  rounding: RoundingMode = 'halfEven',
): ExactRate {
  assertScale(a.scale, 'rate scale')
  assertScale(b.scale, 'rate scale')
  const product: ExactRate = { amount: a.amount * b.amount, scale: a.scale + b.scale }
  return scale === undefined ? product : rescaleRate(product, scale, rounding)
}

/**
 * `1 / rate` at `scale` decimals (half-even unless told otherwise).
 *
 * @example
 * formatRate(invertRate(parseRate('0.8')!), 4) // "1.2500"
 */
export function invertRate(rate: ExactRate, scale = 12, rounding: RoundingMode = 'halfEven'): ExactRate {
  return divideRates(RATE_ONE, rate, scale, rounding)
}

/**
 * The customer rate for a mid rate and a markup in basis points:
 * `mid × (10000 − bps) / 10000`, rounded DOWN at `scale` decimals. Rounding down is the house's
 * favour: the customer gets fewer target units per source unit, never more.
 * `bps` must be an integer in `[0, 10000)`.
 *
 * @example
 * formatRate(applyMarkupBps(parseRate('0.91234567')!, 50)) // "0.90778394" (exact: 0.9077839416…)
 */
export function applyMarkupBps(mid: ExactRate, bps: number, scale = 8): ExactRate {
  if (!Number.isInteger(bps) || bps < 0 || bps >= 10_000) {
    throw new RangeError(`markup must be an integer number of basis points in [0, 10000), got ${bps}`)
  }
  const marked = multiplyRates(mid, { amount: BigInt(10_000 - bps), scale: 4 })
  return rescaleRate(marked, scale, 'down')
}

/**
 * Compares two rates by value, whatever their scales: -1 if `a < b`, 0 if equal, 1 if `a > b`.
 *
 * @example
 * compareRates(parseRate('1.50')!, parseRate('1.5')!) // 0
 */
export function compareRates(a: ExactRate, b: ExactRate): -1 | 0 | 1 {
  assertScale(a.scale, 'rate scale')
  assertScale(b.scale, 'rate scale')
  const left = a.amount * pow10(b.scale)
  const right = b.amount * pow10(a.scale)
  return left < right ? -1 : left > right ? 1 : 0
}
