import { describe, expect, it } from 'vitest'
import { isValidSwiftAccountNumber, normalizeSwiftAccountNumber } from './swift-account-number.js'

describe('normalizeSwiftAccountNumber', () => {
  it('removes whitespace and uppercases', () => {
    expect(normalizeSwiftAccountNumber(' 0012 3456 789ab ')).toBe('00123456789AB')
  })

  it('accepts 1 to 34 letters or digits', () => {
    expect(isValidSwiftAccountNumber('7')).toBe(true)
    expect(isValidSwiftAccountNumber('A'.repeat(34))).toBe(true)
  })

  it.each(['', '   ', 'A'.repeat(35), '12-345', '123/456', 'ÄBC'])('rejects %j', (accountNumber) => {
    expect(normalizeSwiftAccountNumber(accountNumber)).toBeUndefined()
  })
})
