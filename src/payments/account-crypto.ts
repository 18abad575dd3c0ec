/**
 * Beneficiary account numbers at rest: AES-256-GCM with a key id, so keys can rotate (new
 * writes use the first key; reads find the key by id). Web Crypto, so Node and Workers agree.
 * Stored form: `v1.<keyId>.<iv base64url>.<ciphertext+tag base64url>`.
 */

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

/** @example const cipher = createAccountCipher(parseEncryptionKeys(env.ENCRYPTION_KEYS)) */
export function createAccountCipher(keys: Array<{ id: string; key: Uint8Array }>): AccountCipher {
  // Keys are imported on first use, so building the services stays synchronous.
  let importing: Promise<Map<string, CryptoKey>> | undefined
  const importedKeys = () =>
    (importing ??= Promise.all(
      keys.map(async ({ id, key }) => [id, await crypto.subtle.importKey('raw', key as Uint8Array<ArrayBuffer>, 'AES-GCM', false, ['encrypt', 'decrypt'])] as const),
    ).then((entries) => new Map(entries)))
  const activeId = keys[0]!.id
  return {
    async encrypt(plaintext) {
      const imported = await importedKeys()
      const iv = crypto.getRandomValues(new Uint8Array(12))
      const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(activeId) }, imported.get(activeId)!, new TextEncoder().encode(plaintext))
      return `v1.${activeId}.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(sealed))}`
    },
    async decrypt(stored) {
      const [version, keyId, iv, sealed] = stored.split('.')
      if (version !== 'v1' || !keyId || !iv || !sealed) throw new AccountCipherError('not an encrypted account')
      const key = (await importedKeys()).get(keyId)
      if (!key) throw new AccountCipherError(`encryption key ${keyId} is not configured`)
      const opened = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: fromBase64(iv) as Uint8Array<ArrayBuffer>, additionalData: new TextEncoder().encode(keyId) },
        key,
        fromBase64(sealed) as Uint8Array<ArrayBuffer>,
      )
      return new TextDecoder().decode(opened)
    },
  }
}
