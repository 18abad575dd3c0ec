import { randomBase62 } from './crypto.js'

export type IdPrefix = 'quo' | 'pay' | 'mer' | 'key' | 'cor' | 'rts' | 'req' | 'job' | 'stl' | 'acc' | 'jrn' | 'dep' | 'evt'

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/** Creates prefixed, opaque identifiers. A dependency of every service, so tests can fix it. */
export type IdGenerator = (prefix: IdPrefix) => string

/**
 * Ids are `prefix_` + 9 base62 characters of milliseconds + 14 random ones: opaque, unique,
 * and roughly time-ordered, which keeps primary-key indexes compact.
 *
 * @example const ids = createIdGenerator(); ids('quo') // 'quo_0TnJ3kzQx…'
 */
export function createIdGenerator(now: () => number = Date.now): IdGenerator {
  return (prefix) => {
    let time = now()
    let encoded = ''
    for (let i = 0; i < 9; i++) {
      encoded = ALPHABET[time % 62]! + encoded
      time = Math.floor(time / 62)
    }
    return `${prefix}_${encoded}${randomBase62(14)}`
  }
}
