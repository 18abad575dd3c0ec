import { describe, expect, it } from 'vitest'
import { checkIban, IBAN_LENGTHS, ibanPrefixForCountry, isValidIban, normalizeIban } from './iban.js'

describe('IBAN_LENGTHS', () => {
  it('covers the 89 prefixes of the SWIFT IBAN registry', () => {
    expect(Object.keys(IBAN_LENGTHS)).toHaveLength(89)
  })

  it.each([
    ['DE', 22], ['GB', 22], ['FR', 27], ['NL', 18], ['ES', 24], ['IT', 27], ['CH', 21],
    ['NO', 15], ['BE', 16], ['RU', 33], ['LC', 32], ['MT', 31], ['XK', 20], ['YE', 30],
  ])('%s IBANs are %i characters', (country, length) => {
    expect(IBAN_LENGTHS[country]).toBe(length)
  })

  it('has no entry for countries that do not issue IBANs', () => {
    expect(IBAN_LENGTHS.US).toBeUndefined()
    expect(IBAN_LENGTHS.CN).toBeUndefined()
  })
})

describe('checkIban', () => {
  // Examples from the IBAN registry and national bank documentation; each checksum was
  // recomputed independently before being added here.
  it.each([
    'DE89370400440532013000',
    'GB82WEST12345698765432',
    'GB29NWBK60161331926819',
    'FR1420041010050500013M02606',
    'NL91ABNA0417164300',
    'CH9300762011623852957',
    'ES9121000418450200051332',
    'IT60X0542811101000000123456',
    'NO9386011117947',
    'BE68539007547034',
    'XK051212012345678906',
    'BI4210000100010000332045181',
    'RU0204452560040702810412345678901',
    'LC55HEMM000100010012001200023015',
  ])('accepts %s', (iban) => {
    expect(checkIban(iban)).toEqual({ ok: true, iban, country: iban.slice(0, 2) })
  })

  it('normalizes the paper form: spaces removed, uppercased', () => {
    expect(checkIban(' de89 3704 0044 0532 0130 00 ')).toEqual({
      ok: true,
      iban: 'DE89370400440532013000',
      country: 'DE',
    })
    expect(checkIban('GB82\tWEST\u00a01234 5698 7654 32').ok).toBe(true)
  })

  it.each([
    ['', 'invalid_iban_format'],
    ['DE', 'invalid_iban_format'],
    ['DE89-3704-0044-0532-0130-00', 'invalid_iban_format'],
    ['1289370400440532013000', 'invalid_iban_format'],
    ['DEXX370400440532013000', 'invalid_iban_format'],
    ['US89370400440532013000', 'invalid_iban_country'],
    ['DE8937040044053201300', 'invalid_iban_length'],
    ['DE893704004405320130000', 'invalid_iban_length'],
    ['DE88370400440532013000', 'invalid_iban_checksum'],
    ['DE89370400440532031000', 'invalid_iban_checksum'],
  ])('rejects %j with %s', (iban, code) => {
    expect(checkIban(iban)).toMatchObject({ ok: false, code })
  })

  it('rejects check digits outside 02..98 even when the remainder is 1', () => {
    // DE02…24 is valid; DE99 with the same BBAN also leaves remainder 1 but 99 is never issued.
    expect(isValidIban('DE02370400440000000024')).toBe(true)
    expect(checkIban('DE99370400440000000024')).toMatchObject({ ok: false, code: 'invalid_iban_checksum' })
  })
})

describe('normalizeIban', () => {
  it('strips whitespace and uppercases without validating', () => {
    expect(normalizeIban(' gb82 west 1234 ')).toBe('GB82WEST1234')
  })
})

describe('ibanPrefixForCountry', () => {
  it('maps territories to the prefix their banks use', () => {
    expect(ibanPrefixForCountry('JE')).toBe('GB')
    expect(ibanPrefixForCountry('ax')).toBe('FI')
    expect(ibanPrefixForCountry('RE')).toBe('FR')
    expect(ibanPrefixForCountry('de')).toBe('DE')
    expect(ibanPrefixForCountry('MC')).toBe('MC')
  })
})
