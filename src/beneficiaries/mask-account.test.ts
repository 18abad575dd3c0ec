import { describe, expect, it } from 'vitest'
import type { NormalizedAccount } from './beneficiary-account.js'
import { maskAccount } from './mask-account.js'

describe('maskAccount', () => {
  it.each<[NormalizedAccount, string]>([
    [{ type: 'iban', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' }, 'DE****3000'],
    [{ type: 'us_ach', routing_number: '021000021', account_number: '000123456789' }, '****6789'],
    [{ type: 'us_ach', routing_number: '021000021', account_number: '1234' }, '****34'],
    [{ type: 'gb_sort_code', sort_code: '123456', account_number: '98765432' }, '****5432'],
    [{ type: 'upi', vpa: '9876543210@ybl' }, '****3210@ybl'],
    [{ type: 'upi', vpa: 'ab@okaxis' }, '****b@okaxis'],
    [{ type: 'pix', key_type: 'cpf', key: '52998224725' }, '****4725'],
    [{ type: 'pix', key_type: 'cnpj', key: '11222333000181' }, '****0181'],
    [{ type: 'pix', key_type: 'email', key: 'pagamentos@empresa.com.br' }, '****ntos@empresa.com.br'],
    [{ type: 'pix', key_type: 'phone', key: '+5511987654321' }, '+55****4321'],
    [{ type: 'pix', key_type: 'evp', key: '123e4567-e89b-42d3-a456-426614174000' }, '****4000'],
    [{ type: 'cn_bank_card', card_number: '6222020200112345679' }, '****5679'],
    [{ type: 'swift', account_number: '7', bic: 'HSBCHKHHHKH' }, '****'],
  ])('%j → %s', (account, masked) => {
    expect(maskAccount(account)).toBe(masked)
  })
})
