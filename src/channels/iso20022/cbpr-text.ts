/**
 * CBPR+ restricts text to the SWIFT FIN-X character set: `[0-9a-zA-Z/-?:().,'+ ]`, and in
 * "Extended" fields (names, addresses, remittance) also `!#$%&*=^_\`{|}~";<>@[\]`. Anything
 * else has to be transliterated (ü → u, ß → ss) before it goes into a message.
 */

const FINX = "0-9a-zA-Z/\\-?:().,'+ "
const EXTENDED_EXTRA = '!#$%&*=^_`{|}~";<>@\\[\\\\\\]'

const FINX_CHARACTER = new RegExp(`^[${FINX}]$`)
const EXTENDED_CHARACTER = new RegExp(`^[${FINX}${EXTENDED_EXTRA}]$`)

export type CbprCharset = 'finx' | 'extended'

// Letters that Unicode decomposition does not reduce to ASCII.
const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  ß: 'ss', ẞ: 'SS', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', ø: 'o', Ø: 'O', ł: 'l', Ł: 'L', đ: 'd', Đ: 'D',
  ð: 'd', Ð: 'D', þ: 'th', Þ: 'TH', ı: 'i', ĸ: 'k', ŋ: 'n', Ŋ: 'N', ſ: 's',
  '‘': "'", '’': "'", '‚': "'", '“': '"', '”': '"', '„': '"', '–': '-', '—': '-', '…': '...', '€': 'EUR', '£': 'GBP',
}

export interface CbprText {
  text: string
  /** How many characters had no representation and were replaced by `.`. */
  unrepresentable: number
}

/**
 * Converts `value` to the CBPR+ character set: transliterates accented Latin letters, folds
 * whitespace runs into one space, trims, cuts to `maxLength`, and replaces what is left over
 * (CJK, Cyrillic, emoji…) with `.`, counting those so the caller can refuse lossy names.
 *
 * @example
 * toCbprText('Zoë Ørsted & Søn <GmbH>', 'extended', 140) // { text: 'Zoe Orsted & Son <GmbH>', unrepresentable: 0 }
 * toCbprText('李小龍', 'extended', 140)                   // { text: '...', unrepresentable: 3 }
 */
export function toCbprText(value: string, charset: CbprCharset, maxLength: number): CbprText {
  const allowed = charset === 'finx' ? FINX_CHARACTER : EXTENDED_CHARACTER
  let unrepresentable = 0
  let text = ''
  for (const character of value.replace(/\s+/gu, ' ').trim()) {
    const folded = SPECIAL_LETTERS[character] ?? character.normalize('NFD').replace(/\p{M}/gu, '')
    for (const part of folded) {
      if (allowed.test(part)) {
        text += part
      } else {
        unrepresentable++
        text += '.'
      }
    }
  }
  return { text: [...text].slice(0, maxLength).join('').trim(), unrepresentable }
}

/** Whether every character of `value` is in the charset (and it is not blank). */
export function isCbprText(value: string, charset: CbprCharset): boolean {
  const allowed = charset === 'finx' ? FINX_CHARACTER : EXTENDED_CHARACTER
  return value.trim() !== '' && [...value].every((character) => allowed.test(character))
}
