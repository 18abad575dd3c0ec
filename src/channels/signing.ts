/**
 * HMAC-SHA256 and digest helpers on the runtime's crypto backend (`node:crypto` on Node, Web
 * Crypto on Workers; see crypto-backends.ts), identical in result on both. Verification
 * compares in constant time.
 */
import { cryptoBackend, type Bytes } from '../lib/crypto-backends.js'
import { bytesToHex } from '../lib/crypto.js'

export type { Bytes }
export { bytesToHex, sha256Hex } from '../lib/crypto.js'

const encoder = new TextEncoder()

/** HMAC-SHA256 of `message` under `secret`. */
export function hmacSha256(secret: string, message: string): Promise<Bytes> {
  return cryptoBackend.hmacSha256(secret, message)
}

/** @example await hmacSha256Hex('secret', 'message') // '8b5f48702995c159…' */
export async function hmacSha256Hex(secret: string, message: string): Promise<string> {
  return bytesToHex(await hmacSha256(secret, message))
}

export async function hmacSha256Base64(secret: string, message: string): Promise<string> {
  return bytesToBase64(await hmacSha256(secret, message))
}

/**
 * Whether `signature` is the HMAC-SHA256 of `message` under `secret`, compared in constant
 * time. An undefined signature (one that failed to decode) is simply invalid.
 */
export async function verifyHmacSha256(
  secret: string,
  message: string,
  signature: Bytes | undefined,
): Promise<boolean> {
  if (signature === undefined || signature.length !== 32) return false
  return cryptoBackend.verifyHmacSha256(secret, message, signature)
}

export function sha256(message: string | Bytes): Promise<Bytes> {
  return cryptoBackend.sha256(typeof message === 'string' ? encoder.encode(message) : message)
}

export async function sha256Base64(message: string): Promise<string> {
  return bytesToBase64(await sha256(message))
}


/** Decodes hex (either case); `undefined` when `hex` is not well-formed. */
export function hexToBytes(hex: string): Bytes | undefined {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) return undefined
  const bytes = new Uint8Array(hex.length / 2)
  for (let index = 0; index < bytes.length; index++) {
    bytes[index] = Number.parseInt(hex.slice(index * 2, index * 2 + 2), 16)
  }
  return bytes
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

/** Decodes standard base64; `undefined` when `text` is not well-formed. */
export function base64ToBytes(text: string): Bytes | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return undefined
  const binary = atob(text)
  const bytes = new Uint8Array(binary.length)
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index)
  return bytes
}

/**
 * Constant-time string comparison for secrets that are not HMACs (API keys). The length is
 * not secret; the content is.
 */
export function timingSafeEqual(left: string, right: string): boolean {
  const a = encoder.encode(left)
  const b = encoder.encode(right)
  if (a.length !== b.length) return false
  let difference = 0
  for (let index = 0; index < a.length; index++) difference |= (a[index] ?? 0) ^ (b[index] ?? 0)
  return difference === 0
}

/**
 * A UUID with the version-4 layout, derived from `seed` by SHA-256 instead of drawn at random:
 * the same payout attempt always gets the same UUID, so a resubmission carries the same UETR.
 *
 * @example await uuidV4FromSeed('pay_123:1') // 'xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx'
 */
export async function uuidV4FromSeed(seed: string): Promise<string> {
  const bytes = (await sha256(`uuid-v4:${seed}`)).slice(0, 16)
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80
  const hex = bytesToHex(bytes)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
