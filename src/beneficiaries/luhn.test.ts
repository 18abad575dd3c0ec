import { describe, expect, it } from 'vitest'
import { isValidCnBankCard, luhnValid, normalizeCnBankCard } from './luhn.js'

describe('luhnValid', () => {
  it.each(['4111111111111111', '79927398713', '0', '6222020200112345679', '41111111111111111115'])('accepts %s', (digits) => {
    expect(luhnValid(digits)).toBe(true)
  })

  it.each(['4111111111111112', '79927398710', '6222020200112345678', '', '4111 1111 1111 1111', '4111a'])(
    'rejects %j',
    (digits) => {
      expect(luhnValid(digits)).toBe(false)
    },
  )
})

describe('normalizeCnBankCard', () => {
  // 6222020200112345678, a commonly quoted "UnionPay test number", fails Luhn (check digit
  // should be 9); these were computed instead.
  it.each(['6222020200112345679', '6217001234567890122', '6225880123456783', '4111111111111111'])(
    'accepts %s (16-19 digits, Luhn)',
    (cardNumber) => {
      expect(normalizeCnBankCard(cardNumber)).toBe(cardNumber)
    },
  )

  it('removes spaces and hyphens', () => {
    expect(normalizeCnBankCard('6222 0202 0011 2345 679')).toBe('6222020200112345679')
    expect(normalizeCnBankCard('6225-8801-2345-6783')).toBe('6225880123456783')
  })

  it.each([
    ['6222020200112345678', 'Luhn'],
    ['411111111111111', '15 digits'],
    ['41111111111111111115', '20 digits, Luhn-valid'],
    ['622202020011234567X', 'letter'],
  ])('rejects %j (%s)', (cardNumber) => {
    expect(isValidCnBankCard(cardNumber)).toBe(false)
  })
})
