import { describe, expect, it } from 'vitest'
import { isValidGbAccountNumber, isValidSortCode, normalizeSortCode } from './gb-sort-code.js'

describe('normalizeSortCode', () => {
  it('accepts NN-NN-NN and six digits, returning six digits', () => {
    expect(normalizeSortCode('60-16-13')).toBe('601613')
    expect(normalizeSortCode('601613')).toBe('601613')
    expect(normalizeSortCode(' 12-34-56 ')).toBe('123456')
  })

  it.each(['60 16 13', '60-1613', '6016-13', '60-16-1', '6016133', '60161', 'AB-CD-EF', ''])('rejects %j', (sortCode) => {
    expect(normalizeSortCode(sortCode)).toBeUndefined()
    expect(isValidSortCode(sortCode)).toBe(false)
  })
})

describe('isValidGbAccountNumber', () => {
  it('accepts exactly eight digits', () => {
    expect(isValidGbAccountNumber('31926819')).toBe(true)
    expect(isValidGbAccountNumber('00012345')).toBe(true)
  })

  it.each(['3192681', '319268190', '3192681A', '3192-6819', ''])('rejects %j', (accountNumber) => {
    expect(isValidGbAccountNumber(accountNumber)).toBe(false)
  })
})
