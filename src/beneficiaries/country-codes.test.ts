import { describe, expect, it } from 'vitest'
import { isCountryCode } from './country-codes.js'

describe('isCountryCode', () => {
  it.each(['US', 'GB', 'DE', 'CN', 'IN', 'BR', 'AX', 'SS', 'XK', 'ZW'])('accepts %s', (code) => {
    expect(isCountryCode(code)).toBe(true)
  })

  it.each(['UK', 'EU', 'ZZ', 'de', 'DEU', ''])('rejects %j', (code) => {
    expect(isCountryCode(code)).toBe(false)
  })
})
