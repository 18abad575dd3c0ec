/** Crypto helpers that behave the same on Node and Cloudflare Workers (see crypto-backends.ts). */
import { cryptoBackend } from './crypto-backends.js'

const encoder = new TextEncoder()

/** Lower-case hex of the bytes. @example bytesToHex(new Uint8Array([1, 171])) // '01ab' */
export function bytesToHex(bytes: Uint8Array): string {
  let hex = ''
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0')
  return hex
}

/** @example await sha256Hex('abc') // 'ba7816bf…' */
export async function sha256Hex(text: string): Promise<string> {
  return bytesToHex(await cryptoBackend.sha256(encoder.encode(text)))
}

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

// Random bytes are drawn from the system CSPRNG a page at a time: one call per page instead of
// one per identifier. The pool is per isolate and holds nothing but unused random bytes.
const pool = new Uint8Array(4096)
let poolOffset = pool.length

function randomByte(): number {
  if (poolOffset === pool.length) {
    crypto.getRandomValues(pool)
    poolOffset = 0
  }
  return pool[poolOffset++]!
}

/** `length` bytes from the system CSPRNG, drawn from the same pool. @example randomBytes(12) // a fresh AES-GCM nonce */
export function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length)
  for (let i = 0; i < length; i++) bytes[i] = randomByte()
  return bytes
}

/** Uniform random base62 string (rejection sampling, no modulo bias). @example randomBase62(24) */
export function randomBase62(length: number): string {
  let out = ''
  while (out.length < length) {
    const byte = randomByte()
    if (byte < 248) out += ALPHABET[byte % 62]
  }
  return out
}
