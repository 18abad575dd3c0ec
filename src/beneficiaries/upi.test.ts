import { describe, expect, it } from 'vitest'
import { isValidUpiVpa, normalizeUpiVpa } from './upi.js'

describe('normalizeUpiVpa', () => {
  it.each(['asha.rao@okaxis', '9876543210@ybl', 'merchant_01@paytm', 'a-b@upi', 'ab@sbi1'])('accepts %s', (vpa) => {
    expect(normalizeUpiVpa(vpa)).toBe(vpa)
  })

  it('trims and lowercases', () => {
    expect(normalizeUpiVpa(' Asha.Rao@OKAXIS ')).toBe('asha.rao@okaxis')
  })

  it('accepts the length limits and rejects one past them', () => {
    expect(isValidUpiVpa(`${'a'.repeat(256)}@okaxis`)).toBe(true)
    expect(isValidUpiVpa(`${'a'.repeat(257)}@okaxis`)).toBe(false)
    expect(isValidUpiVpa(`asha@${'b'.repeat(64)}`)).toBe(true)
    expect(isValidUpiVpa(`asha@${'b'.repeat(65)}`)).toBe(false)
  })

  it.each([
    ['asha', 'no PSP'],
    ['a@okaxis', 'handle of one character'],
    ['asha@o', 'PSP of one character'],
    ['asha@1bank', 'PSP starting with a digit'],
    ['asha@ok-axis', 'hyphen in PSP'],
    ['asha rao@okaxis', 'space in handle'],
    ['asha+1@okaxis', 'plus in handle'],
    ['asha@okaxis@ybl', 'two @'],
    ['', 'empty'],
  ])('rejects %j (%s)', (vpa) => {
    expect(normalizeUpiVpa(vpa)).toBeUndefined()
  })
})
