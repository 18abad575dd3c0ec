/**
 * A small seeded pseudo-random generator (mulberry32), so a sandbox run with the same seed and
 * the same sequence of requests makes the same decisions.
 */

/** 32-bit FNV-1a hash of `text`, used to derive independent streams from one seed. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

/**
 * A generator of numbers in [0, 1) for `seed` and a stream `label`: different labels give
 * independent sequences, so one channel's traffic does not shift another channel's draws.
 *
 * @example
 * const random = createPrng(42, 'sepa_instant')
 * random() // 0.5018…, the same on every run
 */
export function createPrng(seed: number, label = ''): () => number {
  let state = (fnv1a(label) ^ Math.imul(seed | 0, 0x9e3779b1)) >>> 0
  return function next(): number {
    state = (state + 0x6d2b79f5) >>> 0
    let mixed = state
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1)
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61)
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296
  }
}

/** A string of `length` characters drawn from `alphabet`. */
export function randomString(random: () => number, alphabet: string, length: number): string {
  let text = ''
  for (let index = 0; index < length; index++) text += alphabet[Math.floor(random() * alphabet.length)] ?? ''
  return text
}
