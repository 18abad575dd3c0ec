import { describe, expect, it } from 'vitest'
import {
  isPixKeyType,
  isValidCnpj,
  isValidCpf,
  isValidPixEmail,
  isValidPixEvp,
  isValidPixKey,
  isValidPixPhone,
  normalizeCnpj,
  normalizeCpf,
  normalizePixEmail,
  normalizePixEvp,
  normalizePixKey,
  normalizePixPhone,
} from './pix.js'

describe('CPF', () => {
  // 529.982.247-25 and 123.456.789-09: check digits recomputed with the mod-11 rule.
  it.each(['52998224725', '529.982.247-25', '12345678909', ' 123.456.789-09 '])('accepts %j', (cpf) => {
    expect(isValidCpf(cpf)).toBe(true)
  })

  it('normalizes to 11 digits', () => {
    expect(normalizeCpf('529.982.247-25')).toBe('52998224725')
  })

  it.each([
    ['52998224715', 'first check digit'],
    ['52998224724', 'second check digit'],
    ['11111111111', 'all-same digits (passes the check digits)'],
    ['00000000000', 'all zeros'],
    ['5299822472', '10 digits'],
    ['529982247250', '12 digits'],
    ['529.982.24725', 'partly formatted'],
    ['529-982-247.25', 'wrong separators'],
  ])('rejects %j (%s)', (cpf) => {
    expect(isValidCpf(cpf)).toBe(false)
  })
})

describe('CNPJ', () => {
  it.each(['11222333000181', '11.222.333/0001-81'])('accepts %j', (cnpj) => {
    expect(normalizeCnpj(cnpj)).toBe('11222333000181')
  })

  it.each([
    ['11222333000191', 'first check digit'],
    ['11222333000182', 'second check digit'],
    ['00000000000000', 'all zeros (passes the check digits)'],
    ['1122233300018', '13 digits'],
    ['11.222.333.0001-81', 'wrong separator'],
    ['52998224725', 'a CPF'],
  ])('rejects %j (%s)', (cnpj) => {
    expect(isValidCnpj(cnpj)).toBe(false)
  })
})

describe('PIX e-mail', () => {
  it('trims and lowercases', () => {
    expect(normalizePixEmail(' Maria.Silva@Example.com.BR ')).toBe('maria.silva@example.com.br')
  })

  it('accepts 77 characters and rejects 78', () => {
    const domain = '@example.com.br' // 15 characters
    expect(isValidPixEmail(`${'a'.repeat(62)}${domain}`)).toBe(true)
    expect(isValidPixEmail(`${'a'.repeat(63)}${domain}`)).toBe(false)
  })

  it.each([
    ['maria.silva', 'no @'],
    ['@example.com', 'empty local part'],
    ['maria@', 'empty domain'],
    ['maria@example', 'no top-level domain'],
    ['maria..silva@example.com', 'consecutive dots'],
    ['.maria@example.com', 'leading dot'],
    ['maria@-example.com', 'label starting with a hyphen'],
    ['maria silva@example.com', 'space'],
    ['maria@exa_mple.com', 'underscore in domain'],
    [`${'a'.repeat(65)}@example.com`, 'local part over 64'],
    [`${'a'.repeat(60)}@example.com.br.xyz`, 'over 77 characters'],
  ])('rejects %j (%s)', (email) => {
    expect(isValidPixEmail(email)).toBe(false)
  })
})

describe('PIX phone', () => {
  it.each([
    ['+5511987654321', '+5511987654321'],
    ['+551133334444', '+551133334444'],
    ['+55 (11) 98765-4321', '+5511987654321'],
  ])('accepts %j', (phone, canonical) => {
    expect(normalizePixPhone(phone)).toBe(canonical)
  })

  it.each([
    ['11987654321', 'no +55'],
    ['5511987654321', 'no +'],
    ['+1212555012', 'other country'],
    ['+55119876543', '9 digits after +55'],
    ['+55119876543210', '12 digits after +55'],
    ['+5501987654321', 'area code starting with 0'],
  ])('rejects %j (%s)', (phone) => {
    expect(isValidPixPhone(phone)).toBe(false)
  })
})

describe('PIX random key (EVP)', () => {
  it('accepts a hyphenated UUID, lowercased', () => {
    expect(normalizePixEvp('123E4567-E89B-42D3-A456-426614174000')).toBe('123e4567-e89b-42d3-a456-426614174000')
  })

  it.each([
    '123e4567e89b42d3a456426614174000',
    '123e4567-e89b-42d3-a456-42661417400',
    '123e4567-e89b-42d3-a456-4266141740000',
    '123e4567-e89b-42d3-a456-42661417400g',
    '{123e4567-e89b-42d3-a456-426614174000}',
  ])('rejects %j', (evp) => {
    expect(isValidPixEvp(evp)).toBe(false)
  })
})

describe('normalizePixKey', () => {
  it('dispatches on the key type', () => {
    expect(normalizePixKey('cpf', '529.982.247-25')).toBe('52998224725')
    expect(normalizePixKey('cnpj', '11.222.333/0001-81')).toBe('11222333000181')
    expect(normalizePixKey('email', 'Ana@Exemplo.com.br')).toBe('ana@exemplo.com.br')
    expect(normalizePixKey('phone', '+55 21 91234-5678')).toBe('+5521912345678')
    expect(normalizePixKey('evp', '123e4567-e89b-42d3-a456-426614174000')).toBe('123e4567-e89b-42d3-a456-426614174000')
  })

  it('rejects a key of another type', () => {
    expect(isValidPixKey('cnpj', '52998224725')).toBe(false)
    expect(isValidPixKey('email', '+5511987654321')).toBe(false)
    expect(isValidPixKey('phone', '52998224725')).toBe(false)
  })
})

describe('isPixKeyType', () => {
  it('accepts exactly the five DICT key types', () => {
    for (const keyType of ['cpf', 'cnpj', 'email', 'phone', 'evp']) expect(isPixKeyType(keyType)).toBe(true)
    for (const keyType of ['CPF', 'random', '', 1, null]) expect(isPixKeyType(keyType)).toBe(false)
  })
})
