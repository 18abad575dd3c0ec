/**
 * Whether the first two digits of a routing number fall in a range the Federal Reserve assigns:
 * 00-12 (banks), 21-32 (thrifts), 61-72 (electronic) and 80 (traveller's cheques).
 */
function isFederalReservePrefix(prefix: number): boolean {
  return prefix <= 12 || (prefix >= 21 && prefix <= 32) || (prefix >= 61 && prefix <= 72) || prefix === 80
}

/**
 * Whether `value` is a valid ABA routing transit number: exactly nine digits (surrounding
 * whitespace ignored), a Federal Reserve prefix, and the weighted checksum
 * 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) ≡ 0 (mod 10). `000000000` satisfies both rules but
 * is a placeholder, never a bank, so it is rejected.
 *
 * @example
 * isValidAbaRouting('021000021') // true
 * isValidAbaRouting('021000022') // false (checksum)
 * isValidAbaRouting('131000029') // false (13 is not a Federal Reserve prefix)
 */
export function isValidAbaRouting(value: string): boolean {
  const routing = value.trim()
  if (!/^[0-9]{9}$/.test(routing) || routing === '000000000') return false
  if (!isFederalReservePrefix(Number(routing.slice(0, 2)))) return false
  const weights = [3, 7, 1]
  let sum = 0
  for (let index = 0; index < 9; index++) {
    sum += Number(routing[index]) * (weights[index % 3] ?? 0)
  }
  return sum % 10 === 0
}

/**
 * Whether `value` is a plausible US bank account number for ACH: 4 to 17 digits (surrounding
 * whitespace ignored). Banks use no public check digit, so nothing more can be checked offline.
 *
 * @example
 * isValidAchAccountNumber('000123456789') // true
 * isValidAchAccountNumber('123')          // false
 */
export function isValidAchAccountNumber(value: string): boolean {
  return /^[0-9]{4,17}$/.test(value.trim())
}
