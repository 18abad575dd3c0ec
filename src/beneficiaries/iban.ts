/**
 * IBAN length per country code, from the SWIFT IBAN Registry (ISO 13616), all 89 registered
 * prefixes. A country not listed here does not issue IBANs, so an IBAN that claims it is invalid.
 * Update this table when SWIFT publishes a registry release that adds or changes a country.
 */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = Object.freeze({
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27,
  BR: 29, BY: 28, CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28,
  EE: 20, EG: 29, ES: 24, FI: 18, FK: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23,
  GL: 18, GR: 27, GT: 28, HN: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26,
  IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20, LV: 21,
  LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20, MR: 27, MT: 31, MU: 30, NI: 28,
  NL: 18, NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22,
  RU: 33, SA: 24, SC: 31, SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23, ST: 25,
  SV: 28, TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, XK: 20, YE: 30,
})

/**
 * Territories that have their own ISO 3166 code but whose banks issue IBANs under another
 * country's prefix (as listed in the IBAN registry): a beneficiary in Jersey banks with a `GB`
 * IBAN, one in Réunion with an `FR` IBAN. Without this, such beneficiaries would be rejected
 * with `iban_country_mismatch`.
 */
const IBAN_PREFIX_BY_TERRITORY: Readonly<Record<string, string>> = Object.freeze({
  AX: 'FI',
  GG: 'GB', IM: 'GB', JE: 'GB',
  BL: 'FR', GF: 'FR', GP: 'FR', MF: 'FR', MQ: 'FR', NC: 'FR', PF: 'FR', PM: 'FR', RE: 'FR',
  TF: 'FR', WF: 'FR', YT: 'FR',
})

/** Why an IBAN was rejected; the same strings are used as API error codes. */
export type IbanErrorCode =
  | 'invalid_iban_format'
  | 'invalid_iban_country'
  | 'invalid_iban_length'
  | 'invalid_iban_checksum'

/** Result of {@link checkIban}: the canonical IBAN and its country, or why it is invalid. */
export type IbanCheck =
  | { ok: true; iban: string; country: string }
  | { ok: false; code: IbanErrorCode; message: string }

/**
 * Canonical electronic form of an IBAN: whitespace removed and letters uppercased. It does not
 * validate; use {@link checkIban} or {@link isValidIban} for that.
 *
 * @example
 * normalizeIban(' de89 3704 0044 0532 0130 00 ') // 'DE89370400440532013000'
 */
export function normalizeIban(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase()
}

/**
 * Validates an IBAN (paper form with spaces and lowercase accepted): two-letter country with an
 * IBAN registry entry, two check digits, alphanumeric BBAN, the registry length for that country,
 * and the ISO 7064 MOD 97-10 checksum. Reports the first failing rule, checked in that order.
 *
 * @example
 * checkIban('DE89 3704 0044 0532 0130 00') // { ok: true, iban: 'DE89370400440532013000', country: 'DE' }
 * checkIban('DE88370400440532013000').ok   // false (code 'invalid_iban_checksum')
 */
export function checkIban(value: string): IbanCheck {
  const iban = normalizeIban(value)
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]+$/.test(iban)) {
    return {
      ok: false,
      code: 'invalid_iban_format',
      message: 'IBAN must be a two-letter country code, two check digits and letters or digits',
    }
  }
  const country = iban.slice(0, 2)
  const expectedLength = IBAN_LENGTHS[country]
  if (expectedLength === undefined) {
    return {
      ok: false,
      code: 'invalid_iban_country',
      message: `IBAN country ${country} does not issue IBANs`,
    }
  }
  if (iban.length !== expectedLength) {
    return {
      ok: false,
      code: 'invalid_iban_length',
      message: `IBAN for ${country} must be ${expectedLength} characters, got ${iban.length}`,
    }
  }
  // ISO 13616 check digits are always 02..98; 00, 01 and 99 can never be issued even when the
  // remainder happens to come out as 1.
  const checkDigits = Number(iban.slice(2, 4))
  if (checkDigits < 2 || checkDigits > 98 || mod97(iban.slice(4) + iban.slice(0, 4)) !== 1) {
    return { ok: false, code: 'invalid_iban_checksum', message: 'IBAN check digits do not match' }
  }
  return { ok: true, iban, country }
}

/**
 * Whether `value` is a valid IBAN (see {@link checkIban} for the rules).
 *
 * @example
 * isValidIban('GB82 WEST 1234 5698 7654 32') // true
 * isValidIban('GB82WEST1234569876543')       // false (21 characters, GB needs 22)
 */
export function isValidIban(value: string): boolean {
  return checkIban(value).ok
}

/**
 * The country prefix under which a beneficiary in `country` would hold an IBAN: the country
 * itself, or the parent country for territories that bank under another prefix (JE → GB).
 *
 * @example
 * ibanPrefixForCountry('de') // 'DE'
 * ibanPrefixForCountry('RE') // 'FR'
 */
export function ibanPrefixForCountry(country: string): string {
  const upper = country.trim().toUpperCase()
  return IBAN_PREFIX_BY_TERRITORY[upper] ?? upper
}

/**
 * Remainder modulo 97 of the number obtained by replacing each letter with two digits
 * (A = 10 … Z = 35), computed piecewise so that it never leaves the safe-integer range.
 */
function mod97(alphanumeric: string): number {
  let remainder = 0
  for (const character of alphanumeric) {
    const code = character.charCodeAt(0)
    // '0'..'9' are 48..57; 'A'..'Z' are 65..90 and stand for 10..35.
    const value = code <= 57 ? code - 48 : code - 55
    remainder = value < 10 ? (remainder * 10 + value) % 97 : (remainder * 100 + value) % 97
  }
  return remainder
}
