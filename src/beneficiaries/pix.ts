/** The kinds of PIX key (chave) that the Brazilian DICT directory registers. */
export const PIX_KEY_TYPES = ['cpf', 'cnpj', 'email', 'phone', 'evp'] as const

/** A PIX key type: taxpayer id (CPF / CNPJ), e-mail, phone or random key (EVP). */
export type PixKeyType = (typeof PIX_KEY_TYPES)[number]

/**
 * Whether `value` is one of {@link PIX_KEY_TYPES}.
 *
 * @example
 * isPixKeyType('evp')  // true
 * isPixKeyType('cpfx') // false
 */
export function isPixKeyType(value: unknown): value is PixKeyType {
  return typeof value === 'string' && (PIX_KEY_TYPES as readonly string[]).includes(value)
}

/**
 * Mod-11 check digit used by CPF and CNPJ: the weighted sum of `digits` modulo 11, mapped so
 * that remainders 0 and 1 give 0 and any other remainder r gives 11 - r.
 */
function mod11CheckDigit(digits: readonly number[], weights: readonly number[]): number {
  let sum = 0
  for (let index = 0; index < weights.length; index++) {
    sum += (digits[index] ?? 0) * (weights[index] ?? 0)
  }
  const remainder = sum % 11
  return remainder < 2 ? 0 : 11 - remainder
}

function hasValidCheckDigits(
  digits: string,
  firstWeights: readonly number[],
  secondWeights: readonly number[],
): boolean {
  // A run of one digit passes both check digits (e.g. 111.111.111-11) but is never issued.
  if (/^(\d)\1*$/.test(digits)) return false
  const numbers = [...digits].map(Number)
  const first = mod11CheckDigit(numbers, firstWeights)
  const second = mod11CheckDigit(numbers, secondWeights)
  return numbers[firstWeights.length] === first && numbers[secondWeights.length] === second
}

const CPF_FIRST_WEIGHTS = [10, 9, 8, 7, 6, 5, 4, 3, 2]
const CPF_SECOND_WEIGHTS = [11, 10, 9, 8, 7, 6, 5, 4, 3, 2]
const CNPJ_FIRST_WEIGHTS = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]
const CNPJ_SECOND_WEIGHTS = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]

/**
 * Canonical CPF (11 digits), or `undefined` when invalid. Accepts `NNNNNNNNNNN` or the printed
 * `NNN.NNN.NNN-NN`; both mod-11 check digits must match and all-same-digit numbers are rejected.
 *
 * @example
 * normalizeCpf('529.982.247-25') // '52998224725'
 * normalizeCpf('11111111111')    // undefined
 */
export function normalizeCpf(value: string): string | undefined {
  const trimmed = value.trim()
  if (!/^(\d{11}|\d{3}\.\d{3}\.\d{3}-\d{2})$/.test(trimmed)) return undefined
  const digits = trimmed.replace(/[.-]/g, '')
  return hasValidCheckDigits(digits, CPF_FIRST_WEIGHTS, CPF_SECOND_WEIGHTS) ? digits : undefined
}

/**
 * Whether `value` is a valid CPF (Brazilian individual taxpayer number); see {@link normalizeCpf}.
 *
 * @example
 * isValidCpf('52998224725') // true
 * isValidCpf('52998224724') // false (second check digit)
 */
export function isValidCpf(value: string): boolean {
  return normalizeCpf(value) !== undefined
}

/**
 * Canonical CNPJ (14 digits), or `undefined` when invalid. Accepts `NNNNNNNNNNNNNN` or the
 * printed `NN.NNN.NNN/NNNN-NN`; both mod-11 check digits must match and all-same-digit numbers
 * are rejected.
 *
 * @example
 * normalizeCnpj('11.222.333/0001-81') // '11222333000181'
 */
export function normalizeCnpj(value: string): string | undefined {
  const trimmed = value.trim()
  if (!/^(\d{14}|\d{2}\.\d{3}\.\d{3}\/\d{4}-\d{2})$/.test(trimmed)) return undefined
  const digits = trimmed.replace(/[./-]/g, '')
  return hasValidCheckDigits(digits, CNPJ_FIRST_WEIGHTS, CNPJ_SECOND_WEIGHTS) ? digits : undefined
}

/**
 * Whether `value` is a valid CNPJ (Brazilian company registry number); see {@link normalizeCnpj}.
 *
 * @example
 * isValidCnpj('11222333000181') // true
 * isValidCnpj('11222333000182') // false
 */
export function isValidCnpj(value: string): boolean {
  return normalizeCnpj(value) !== undefined
}

const EMAIL_LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/
const EMAIL_DOMAIN = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/

/**
 * Canonical PIX e-mail key (trimmed, lowercased, as the DICT stores it), or `undefined` when
 * invalid: at most 77 characters, a dot-atom local part of at most 64 characters, and a domain
 * of letter/digit/hyphen labels ending in an alphabetic top-level domain.
 *
 * @example
 * normalizePixEmail(' Maria.Silva@Example.com.br ') // 'maria.silva@example.com.br'
 * normalizePixEmail('maria..silva@example.com')     // undefined
 */
export function normalizePixEmail(value: string): string | undefined {
  const email = value.trim().toLowerCase()
  if (email.length > 77) return undefined
  const at = email.lastIndexOf('@')
  if (at < 1) return undefined
  const local = email.slice(0, at)
  const domain = email.slice(at + 1)
  return local.length <= 64 && EMAIL_LOCAL_PART.test(local) && EMAIL_DOMAIN.test(domain)
    ? email
    : undefined
}

/**
 * Whether `value` is a valid PIX e-mail key (see {@link normalizePixEmail}).
 *
 * @example
 * isValidPixEmail('pagamentos@empresa.com.br') // true
 * isValidPixEmail('pagamentos@empresa')        // false (no top-level domain)
 */
export function isValidPixEmail(value: string): boolean {
  return normalizePixEmail(value) !== undefined
}

/**
 * Canonical PIX phone key (`+55` then 10-11 digits: a two-digit area code not starting with 0,
 * then the 8- or 9-digit number), or `undefined` when invalid. Spaces, hyphens, dots and
 * parentheses are removed first, so `+55 (11) 98765-4321` is accepted.
 *
 * @example
 * normalizePixPhone('+55 (11) 98765-4321') // '+5511987654321'
 * normalizePixPhone('11987654321')         // undefined (country code required)
 */
export function normalizePixPhone(value: string): string | undefined {
  const phone = value.replace(/[\s().-]+/g, '')
  return /^\+55[1-9][0-9]{9,10}$/.test(phone) ? phone : undefined
}

/**
 * Whether `value` is a valid PIX phone key (see {@link normalizePixPhone}).
 *
 * @example
 * isValidPixPhone('+5521912345678') // true
 * isValidPixPhone('+1212555012')    // false
 */
export function isValidPixPhone(value: string): boolean {
  return normalizePixPhone(value) !== undefined
}

/**
 * Canonical PIX random key (EVP), or `undefined` when invalid: a UUID in the hyphenated
 * 8-4-4-4-12 hexadecimal form, lowercased. The version nibble is not enforced, since the DICT
 * only promises a UUID.
 *
 * @example
 * normalizePixEvp('123E4567-E89B-42D3-A456-426614174000') // '123e4567-e89b-42d3-a456-426614174000'
 */
export function normalizePixEvp(value: string): string | undefined {
  const evp = value.trim().toLowerCase()
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(evp) ? evp : undefined
}

/**
 * Whether `value` is a valid PIX random key (see {@link normalizePixEvp}).
 *
 * @example
 * isValidPixEvp('123e4567-e89b-42d3-a456-426614174000') // true
 * isValidPixEvp('123e4567e89b42d3a456426614174000')     // false (hyphens required)
 */
export function isValidPixEvp(value: string): boolean {
  return normalizePixEvp(value) !== undefined
}

/**
 * Canonical form of a PIX key of the given type, or `undefined` when the key is not valid for
 * that type: CPF and CNPJ become bare digits, e-mail and EVP lowercase, phone `+55…` digits.
 *
 * @example
 * normalizePixKey('cpf', '529.982.247-25') // '52998224725'
 * normalizePixKey('cnpj', '529.982.247-25') // undefined
 */
export function normalizePixKey(keyType: PixKeyType, key: string): string | undefined {
  switch (keyType) {
    case 'cpf':
      return normalizeCpf(key)
    case 'cnpj':
      return normalizeCnpj(key)
    case 'email':
      return normalizePixEmail(key)
    case 'phone':
      return normalizePixPhone(key)
    case 'evp':
      return normalizePixEvp(key)
  }
}

/**
 * Whether `key` is a valid PIX key of type `keyType` (see {@link normalizePixKey}).
 *
 * @example
 * isValidPixKey('phone', '+5511987654321') // true
 * isValidPixKey('email', '+5511987654321') // false
 */
export function isValidPixKey(keyType: PixKeyType, key: string): boolean {
  return normalizePixKey(keyType, key) !== undefined
}
