import { describe, expect, it } from 'vitest'
import { isValidAbaRouting, isValidAchAccountNumber } from './aba-routing.js'

describe('isValidAbaRouting', () => {
  // 011000015: Federal Reserve Bank of Boston; 021000021: JPMorgan Chase NY; the others cover
  // each Federal Reserve prefix range. Checksums recomputed by hand.
  it.each(['011000015', '021000021', '026009593', '111000025', '322271627', '611000020', '801000021'])(
    'accepts %s',
    (routing) => {
      expect(isValidAbaRouting(routing)).toBe(true)
    },
  )

  it('ignores surrounding whitespace', () => {
    expect(isValidAbaRouting(' 021000021 ')).toBe(true)
  })

  it.each([
    ['021000022', 'checksum'],
    ['011000016', 'checksum'],
    ['131000021', 'prefix 13 is outside the Federal Reserve ranges (checksum is fine)'],
    ['501000020', 'prefix 50 is outside the Federal Reserve ranges (checksum is fine)'],
    ['000000000', 'all zeros is a placeholder'],
    ['02100002', '8 digits'],
    ['0210000210', '10 digits'],
    ['02100002A', 'letter'],
    ['021-000-021', 'separators'],
  ])('rejects %j (%s)', (routing) => {
    expect(isValidAbaRouting(routing)).toBe(false)
  })
})

describe('isValidAchAccountNumber', () => {
  it.each(['1234', '000123456789', '12345678901234567'])('accepts %s', (accountNumber) => {
    expect(isValidAchAccountNumber(accountNumber)).toBe(true)
  })

  it.each(['123', '123456789012345678', '12345A', '', '1234 5678'])('rejects %j', (accountNumber) => {
    expect(isValidAchAccountNumber(accountNumber)).toBe(false)
  })
})
