/**
 * Beneficiary account numbers at rest: AES-256-GCM with a key id, so keys can rotate (new
 * writes use the first key; reads find the key by id). The runtime's crypto backend, which
 * gives the same bytes on Node and Workers, so either reads what the other wrote.
 * Stored form: `v1.<keyId>.<iv base64url>.<ciphertext+tag base64url>`.
 */

import { cryptoBackend, type CryptoBackend } from '../lib/crypto-backends.js'
import { randomBytes } from '../lib/crypto.js'

export interface AccountCipher {
  encrypt(plaintext: string): Promise<string>
  decrypt(stored: string): Promise<string>
}

export class AccountCipherError extends Error {
  override name = 'AccountCipherError'
}

const toBase64Url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
const fromBase64 = (text: string) => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0))

/**
 * Parses `ENCRYPTION_KEYS`: comma-separated `keyId:base64key` pairs of 32-byte keys; the first
 * encrypts new data.
 *
 * @example parseEncryptionKeys('k2:…,k1:…') // [{ id: 'k2', key: Uint8Array(32) }, …]
 */
export function parseEncryptionKeys(text: string): Array<{ id: string; key: Uint8Array }> {
  const keys = text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const match = /^([A-Za-z0-9_-]{1,32}):([A-Za-z0-9+/=_-]+)$/.exec(part)
      if (!match) throw new AccountCipherError('ENCRYPTION_KEYS entries must look like keyId:base64key')
      let key: Uint8Array
      try {
        key = fromBase64(match[2]!)
      } catch {
        throw new AccountCipherError(`encryption key ${match[1]} is not valid base64`)
      }
      if (key.length !== 32) throw new AccountCipherError(`encryption key ${match[1]} must be 32 bytes (AES-256), got ${key.length}`)
      return { id: match[1]!, key }
    })
  if (keys.length === 0) throw new AccountCipherError('ENCRYPTION_KEYS names no key')
  return keys
}

/**
 * @example const cipher = createAccountCipher(parseEncryptionKeys(env.ENCRYPTION_KEYS))
 * (`backend` is for tests that check both backends read each other's output.)
 */
export function createAccountCipher(keys: Array<{ id: string; key: Uint8Array }>, backend: CryptoBackend = cryptoBackend): AccountCipher {
  const byId = new Map(keys.map(({ id, key }) => [id, key]))
  const activeId = keys[0]!.id
  const encoder = new TextEncoder()
  return {
    async encrypt(plaintext) {
      const iv = randomBytes(12)
      const sealed = await backend.aesGcmEncrypt(byId.get(activeId)!, iv, encoder.encode(activeId), encoder.encode(plaintext))
      return `v1.${activeId}.${toBase64Url(iv)}.${toBase64Url(sealed)}`
    },
    async decrypt(stored) {
      const [version, keyId, iv, sealed] = stored.split('.')
      if (version !== 'v1' || !keyId || !iv || !sealed) throw new AccountCipherError('not an encrypted account')
      const key = byId.get(keyId)
      if (!key) throw new AccountCipherError(`encryption key ${keyId} is not configured`)
      const opened = await backend.aesGcmDecrypt(key, fromBase64(iv), encoder.encode(keyId), fromBase64(sealed))
      return new TextDecoder().decode(opened)
    },
  }
}
