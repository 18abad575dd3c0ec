import { describe, expect, it } from 'vitest'
import { accountCountry } from './account-country.js'
import type { NormalizedAccount } from './beneficiary-account.js'

describe('accountCountry', () => {
  it.each<[NormalizedAccount, string]>([
    [{ type: 'iban', iban: 'FR1420041010050500013M02606', bic: 'DEUTDEFF' }, 'FR'],
    [{ type: 'swift', account_number: '123', bic: 'HSBCHKHHHKH' }, 'HK'],
    [{ type: 'us_ach', routing_number: '021000021', account_number: '1234' }, 'US'],
    [{ type: 'gb_sort_code', sort_code: '123456', account_number: '98765432' }, 'GB'],
    [{ type: 'upi', vpa: 'asha@okaxis' }, 'IN'],
    [{ type: 'pix', key_type: 'evp', key: '123e4567-e89b-42d3-a456-426614174000' }, 'BR'],
    [{ type: 'cn_bank_card', card_number: '6222020200112345679' }, 'CN'],
  ])('%j → %s', (account, country) => {
    expect(accountCountry(account)).toBe(country)
  })
})
