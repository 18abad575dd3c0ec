import { describe, expect, it } from 'vitest'
import type { BeneficiaryAccountErrorCode } from './beneficiary-account.js'
import { validateBeneficiaryAccount } from './validate-beneficiary-account.js'

describe('validateBeneficiaryAccount: accepted accounts', () => {
  it.each([
    [
      'iban with bic',
      { type: 'iban', iban: 'de89 3704 0044 0532 0130 00', bic: 'cobadeffxxx' },
      { type: 'iban', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' },
    ],
    [
      'iban without bic',
      { type: 'iban', iban: 'GB82 WEST 1234 5698 7654 32' },
      { type: 'iban', iban: 'GB82WEST12345698765432' },
    ],
    [
      'us_ach with account_type',
      { type: 'us_ach', routing_number: '021000021', account_number: '000123456789', account_type: 'checking' },
      { type: 'us_ach', routing_number: '021000021', account_number: '000123456789', account_type: 'checking' },
    ],
    [
      'us_ach without account_type',
      { type: 'us_ach', routing_number: ' 011000015 ', account_number: '1234' },
      { type: 'us_ach', routing_number: '011000015', account_number: '1234' },
    ],
    [
      'gb_sort_code with hyphens',
      { type: 'gb_sort_code', sort_code: '12-34-56', account_number: '98765432' },
      { type: 'gb_sort_code', sort_code: '123456', account_number: '98765432' },
    ],
    [
      'upi',
      { type: 'upi', vpa: 'Asha.Rao@OKAXIS' },
      { type: 'upi', vpa: 'asha.rao@okaxis' },
    ],
    [
      'pix cpf',
      { type: 'pix', key_type: 'cpf', key: '529.982.247-25' },
      { type: 'pix', key_type: 'cpf', key: '52998224725' },
    ],
    [
      'pix cnpj',
      { type: 'pix', key_type: 'cnpj', key: '11.222.333/0001-81' },
      { type: 'pix', key_type: 'cnpj', key: '11222333000181' },
    ],
    [
      'pix email',
      { type: 'pix', key_type: 'email', key: 'Pagamentos@Empresa.com.br' },
      { type: 'pix', key_type: 'email', key: 'pagamentos@empresa.com.br' },
    ],
    [
      'pix phone',
      { type: 'pix', key_type: 'phone', key: '+55 11 98765-4321' },
      { type: 'pix', key_type: 'phone', key: '+5511987654321' },
    ],
    [
      'pix evp',
      { type: 'pix', key_type: 'evp', key: '123E4567-E89B-42D3-A456-426614174000' },
      { type: 'pix', key_type: 'evp', key: '123e4567-e89b-42d3-a456-426614174000' },
    ],
    [
      'cn_bank_card with bank_name',
      { type: 'cn_bank_card', card_number: '6222 0202 0011 2345 679', bank_name: ' 中国工商银行 ' },
      { type: 'cn_bank_card', card_number: '6222020200112345679', bank_name: '中国工商银行' },
    ],
    [
      'cn_bank_card with empty bank_name',
      { type: 'cn_bank_card', card_number: '6225880123456783', bank_name: '  ' },
      { type: 'cn_bank_card', card_number: '6225880123456783' },
    ],
    [
      'swift',
      { type: 'swift', account_number: '0012 3456 789', bic: 'hsbchkhhhkh' },
      { type: 'swift', account_number: '00123456789', bic: 'HSBCHKHHHKH' },
    ],
  ])('%s', (_name, input, expected) => {
    expect(validateBeneficiaryAccount(input)).toEqual({ ok: true, account: expected })
  })

  it('drops unknown fields and treats null optionals as absent', () => {
    expect(
      validateBeneficiaryAccount({ type: 'iban', iban: 'DE89370400440532013000', bic: null, holder: 'x' }),
    ).toEqual({ ok: true, account: { type: 'iban', iban: 'DE89370400440532013000' } })
  })

  it('accepts an IBAN from the beneficiary country, or from the parent of a territory', () => {
    expect(validateBeneficiaryAccount({ type: 'iban', iban: 'DE89370400440532013000' }, { country: 'DE' }).ok).toBe(true)
    expect(validateBeneficiaryAccount({ type: 'iban', iban: 'DE89370400440532013000' }, { country: 'de' }).ok).toBe(true)
    expect(validateBeneficiaryAccount({ type: 'iban', iban: 'GB82WEST12345698765432' }, { country: 'JE' }).ok).toBe(true)
    expect(validateBeneficiaryAccount({ type: 'iban', iban: 'FR1420041010050500013M02606' }, { country: 'RE' }).ok).toBe(true)
  })

  it('does not apply the country to non-IBAN accounts', () => {
    const account = { type: 'swift', account_number: '123', bic: 'HSBCHKHHHKH' }
    expect(validateBeneficiaryAccount(account, { country: 'DE' }).ok).toBe(true)
  })
})

const validIban = { type: 'iban', iban: 'DE89370400440532013000' }
const validAch = { type: 'us_ach', routing_number: '021000021', account_number: '123456789' }
const validSortCode = { type: 'gb_sort_code', sort_code: '123456', account_number: '98765432' }
const validCard = { type: 'cn_bank_card', card_number: '6222020200112345679' }
const validSwift = { type: 'swift', account_number: '123456', bic: 'HSBCHKHHHKH' }

type Rejection = [
  name: string,
  account: unknown,
  field: string,
  code: BeneficiaryAccountErrorCode,
  country?: string,
]

const rejections: Rejection[] = [
  ['null account', null, '', 'invalid_account'],
  ['string account', 'DE89370400440532013000', '', 'invalid_account'],
  ['array account', [validIban], '', 'invalid_account'],
  ['missing type', { iban: 'DE89370400440532013000' }, 'type', 'missing_field'],
  ['unknown type', { type: 'sepa', iban: 'DE89370400440532013000' }, 'type', 'unsupported_account_type'],
  ['type not a string', { type: 7 }, 'type', 'unsupported_account_type'],
  ['type in wrong case', { ...validIban, type: 'IBAN' }, 'type', 'unsupported_account_type'],

  ['iban missing', { type: 'iban' }, 'iban', 'missing_field'],
  ['iban not a string', { type: 'iban', iban: 1234 }, 'iban', 'invalid_iban_format'],
  ['iban with hyphens', { type: 'iban', iban: 'DE89-3704-0044-0532-0130-00' }, 'iban', 'invalid_iban_format'],
  ['iban country without IBANs', { type: 'iban', iban: 'US89370400440532013000' }, 'iban', 'invalid_iban_country'],
  ['iban too short', { type: 'iban', iban: 'DE8937040044053201300' }, 'iban', 'invalid_iban_length'],
  ['iban too long', { type: 'iban', iban: 'GB82WEST123456987654321' }, 'iban', 'invalid_iban_length'],
  ['iban checksum', { type: 'iban', iban: 'DE88370400440532013000' }, 'iban', 'invalid_iban_checksum'],
  ['iban check digits 99', { type: 'iban', iban: 'DE99370400440000000024' }, 'iban', 'invalid_iban_checksum'],
  ['iban country mismatch', validIban, 'iban', 'iban_country_mismatch', 'FR'],
  ['iban territory of another country', validIban, 'iban', 'iban_country_mismatch', 'JE'],
  ['iban bic wrong length', { ...validIban, bic: 'COBADEFFXX' }, 'bic', 'invalid_bic'],
  ['iban bic bad country', { ...validIban, bic: 'COBAZZFFXXX' }, 'bic', 'invalid_bic'],
  ['iban bic not a string', { ...validIban, bic: 42 }, 'bic', 'invalid_bic'],

  ['ach routing missing', { type: 'us_ach', account_number: '123456789' }, 'routing_number', 'missing_field'],
  ['ach routing as number', { ...validAch, routing_number: 21000021 }, 'routing_number', 'invalid_routing_number'],
  ['ach routing checksum', { ...validAch, routing_number: '021000022' }, 'routing_number', 'invalid_routing_number'],
  ['ach routing prefix', { ...validAch, routing_number: '131000021' }, 'routing_number', 'invalid_routing_number'],
  ['ach routing length', { ...validAch, routing_number: '02100002' }, 'routing_number', 'invalid_routing_number'],
  ['ach account missing', { type: 'us_ach', routing_number: '021000021' }, 'account_number', 'missing_field'],
  ['ach account too short', { ...validAch, account_number: '123' }, 'account_number', 'invalid_account_number'],
  ['ach account too long', { ...validAch, account_number: '123456789012345678' }, 'account_number', 'invalid_account_number'],
  ['ach account letters', { ...validAch, account_number: '12345X' }, 'account_number', 'invalid_account_number'],
  ['ach account_type', { ...validAch, account_type: 'business' }, 'account_type', 'invalid_account_type'],

  ['sort code missing', { type: 'gb_sort_code', account_number: '98765432' }, 'sort_code', 'missing_field'],
  ['sort code spaces', { ...validSortCode, sort_code: '12 34 56' }, 'sort_code', 'invalid_sort_code'],
  ['sort code 5 digits', { ...validSortCode, sort_code: '12345' }, 'sort_code', 'invalid_sort_code'],
  ['gb account 7 digits', { ...validSortCode, account_number: '9876543' }, 'account_number', 'invalid_account_number'],
  ['gb account 9 digits', { ...validSortCode, account_number: '987654321' }, 'account_number', 'invalid_account_number'],
  ['gb account missing', { type: 'gb_sort_code', sort_code: '123456' }, 'account_number', 'missing_field'],

  ['vpa missing', { type: 'upi' }, 'vpa', 'missing_field'],
  ['vpa without psp', { type: 'upi', vpa: 'asha' }, 'vpa', 'invalid_vpa'],
  ['vpa handle too short', { type: 'upi', vpa: 'a@okaxis' }, 'vpa', 'invalid_vpa'],
  ['vpa psp with digit first', { type: 'upi', vpa: 'asha@1bank' }, 'vpa', 'invalid_vpa'],

  ['pix key_type missing', { type: 'pix', key: '52998224725' }, 'key_type', 'missing_field'],
  ['pix key_type unknown', { type: 'pix', key_type: 'random', key: '52998224725' }, 'key_type', 'invalid_pix_key_type'],
  ['pix key missing', { type: 'pix', key_type: 'cpf' }, 'key', 'missing_field'],
  ['pix cpf check digit', { type: 'pix', key_type: 'cpf', key: '52998224724' }, 'key', 'invalid_pix_key'],
  ['pix cpf all same digit', { type: 'pix', key_type: 'cpf', key: '11111111111' }, 'key', 'invalid_pix_key'],
  ['pix cnpj check digit', { type: 'pix', key_type: 'cnpj', key: '11222333000182' }, 'key', 'invalid_pix_key'],
  ['pix email form', { type: 'pix', key_type: 'email', key: 'ana@exemplo' }, 'key', 'invalid_pix_key'],
  ['pix email too long', { type: 'pix', key_type: 'email', key: `${'a'.repeat(63)}@example.com.br` }, 'key', 'invalid_pix_key'],
  ['pix phone without +55', { type: 'pix', key_type: 'phone', key: '11987654321' }, 'key', 'invalid_pix_key'],
  ['pix evp form', { type: 'pix', key_type: 'evp', key: '123e4567e89b42d3a456426614174000' }, 'key', 'invalid_pix_key'],
  ['pix key of another type', { type: 'pix', key_type: 'cnpj', key: '52998224725' }, 'key', 'invalid_pix_key'],

  ['card missing', { type: 'cn_bank_card' }, 'card_number', 'missing_field'],
  ['card Luhn', { type: 'cn_bank_card', card_number: '6222020200112345678' }, 'card_number', 'invalid_card_number'],
  ['card 15 digits', { type: 'cn_bank_card', card_number: '411111111111111' }, 'card_number', 'invalid_card_number'],
  ['card 20 digits', { type: 'cn_bank_card', card_number: '41111111111111111115' }, 'card_number', 'invalid_card_number'],
  ['card bank_name not a string', { ...validCard, bank_name: 1 }, 'bank_name', 'invalid_bank_name'],
  ['card bank_name too long', { ...validCard, bank_name: 'x'.repeat(141) }, 'bank_name', 'invalid_bank_name'],

  ['swift account missing', { type: 'swift', bic: 'HSBCHKHHHKH' }, 'account_number', 'missing_field'],
  ['swift account punctuation', { ...validSwift, account_number: '12-345' }, 'account_number', 'invalid_account_number'],
  ['swift account too long', { ...validSwift, account_number: '1'.repeat(35) }, 'account_number', 'invalid_account_number'],
  ['swift bic missing', { type: 'swift', account_number: '123456' }, 'bic', 'missing_field'],
  ['swift bic malformed', { ...validSwift, bic: 'HSBC' }, 'bic', 'invalid_bic'],
]

describe('validateBeneficiaryAccount: rejections', () => {
  it.each(rejections)('%s', (_name, account, field, code, country) => {
    const result = validateBeneficiaryAccount(account, country === undefined ? {} : { country })
    expect(result).toEqual({ ok: false, field, code, message: expect.any(String) })
  })

  it('never echoes the submitted value in the message', () => {
    for (const [, account, , , country] of rejections) {
      const result = validateBeneficiaryAccount(account, country === undefined ? {} : { country })
      if (result.ok || typeof account !== 'object' || account === null) continue
      for (const value of Object.values(account)) {
        if (typeof value === 'string' && value.length >= 6) expect(result.message).not.toContain(value)
      }
    }
  })

  it('reports the first failing field in wire order', () => {
    expect(validateBeneficiaryAccount({ type: 'us_ach', routing_number: 'x', account_number: 'y' })).toMatchObject({
      field: 'routing_number',
    })
  })
})
