import { randomBase62 } from './crypto.js'

export type IdPrefix = 'quo' | 'pay' | 'mer' | 'key' | 'cor' | 'rts' | 'req' | 'job' | 'stl' | 'acc' | 'jrn' | 'pst' | 'dep' | 'evt' | 'att'

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
    let time = BigInt(now())
    let encoded = ''
    for (let i = 0; i < 9; i++) {
      encoded = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'[Number(time % 62n)] + encoded
      time /= 62n
    }
    return `${prefix}_${encoded}${randomBase62(14)}`
  }
}
