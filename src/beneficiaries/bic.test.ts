import { describe, expect, it } from 'vitest'
import { bicCountry, isValidBic, normalizeBic } from './bic.js'

describe('normalizeBic', () => {
  it.each(['COBADEFFXXX', 'DEUTDEFF', 'NWBKGB2L', 'HSBCHKHHHKH', 'BOFAUS3N', 'ICBKCNBJ'])('accepts %s', (bic) => {
    expect(normalizeBic(bic)).toBe(bic)
  })

  it('trims and uppercases, and keeps an 8-character BIC unpadded', () => {
    expect(normalizeBic(' cobadeffxxx ')).toBe('COBADEFFXXX')
    expect(normalizeBic('deutdeff')).toBe('DEUTDEFF')
  })

  it.each([
    ['', 'empty'],
    ['DEUTDEF', '7 characters'],
    ['DEUTDEFF5', '9 characters'],
    ['DEUTDEFF50', '10 characters'],
    ['DEUTDEFF5000', '12 characters'],
    ['DEU1DEFF', 'digit in bank code'],
    ['DEUTD3FF', 'digit in country code'],
    ['COBAZZFF', 'ZZ is not an ISO 3166 country'],
    ['COBAUKFF', 'UK is not an ISO 3166 country (GB is)'],
    ['COBA DEFF', 'inner space'],
    ['DEUTDEF_', 'punctuation in location'],
  ])('rejects %j (%s)', (bic) => {
    expect(normalizeBic(bic)).toBeUndefined()
    expect(isValidBic(bic)).toBe(false)
  })
})

describe('bicCountry', () => {
  it('returns characters 5-6', () => {
    expect(bicCountry('NWBKGB2L')).toBe('GB')
    expect(bicCountry('raiaxkprxxx')).toBe('XK')
    expect(bicCountry('nope')).toBeUndefined()
  })
})
